package dev.flotilla.sql;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * SQLite's target lock: an OS file lock ({@link FileChannel#tryLock()}) on a file beside the database,
 * {@code <file>.flotilla-lock}, held from the lock to the end of the run, across processes, and let go by the OS when
 * the process dies. Not a lock on the database file itself: POSIX drops every lock a process holds on a file when any of
 * its descriptors of that file closes, and SQLite's connections open and close the database file. For the same reason
 * one JVM opens one channel per lock file at a time: its sessions first take turns on a permit per path (a second
 * channel's try would throw, and closing it could end the first one's lock). The lock file says who holds it (process
 * id, since when), for the timeout message of whoever waits. It is kept after the run (deleted while another process
 * waits on it, a third could lock a new file of the same name); it may be deleted while no Flotilla run is on the target.
 * Thread-safe.
 */
final class SqliteTargetLock implements SessionLock {
    static final String SUFFIX = ".flotilla-lock";
    private static final ConcurrentHashMap<Path, Turn> TURNS = new ConcurrentHashMap<>();

    /** One lock file's turn within this JVM, and since when a session of this process has it. */
    private static final class Turn {
        final Semaphore permit = new Semaphore(1);
        volatile String holder;
    }

    private final Turn turn;
    private final FileChannel channel;
    private boolean held = true;

    private SqliteTargetLock(Turn turn, FileChannel channel) {
        this.turn = turn;
        this.channel = channel;
    }

    /** The lock file of the database file {@code database}: beside it, where its real path is when it has one. */
    static Path lockFileOf(Path database) {
        Path real;
        try {
            real = database.toRealPath();
        } catch (IOException e) {
            real = database.toAbsolutePath().normalize();
        }
        return real.resolveSibling(real.getFileName() + SUFFIX);
    }

    /**
     * Takes the lock of {@code database}, waiting at most {@code wait}.
     *
     * @throws FlotillaException {@code LOCK_TIMEOUT} naming the holder when the wait runs out; {@code SQL_ERROR} when
     *     the lock file cannot be created or opened (a folder that cannot be written)
     */
    static SessionLock take(Path database, Duration wait, String targetName) throws SQLException {
        Path file = lockFileOf(database);
        Attempt attempt = new Attempt(file, TURNS.computeIfAbsent(file, f -> new Turn()), targetName);
        LockWait.await(attempt::tryOnce, wait, targetName, attempt::holder);
        return attempt.taken;
    }

    @Override
    public synchronized void close() throws SQLException {
        if (!held) {
            return;
        }
        held = false;
        turn.holder = null;
        try {
            channel.truncate(0); // whoever reads it next finds no holder rather than this one
            channel.close(); // releases the lock
        } catch (IOException e) {
            throw new SQLException("Could not release the lock file: " + e.getMessage(), e);
        } finally {
            turn.permit.release();
        }
    }

    /** Tries once, without waiting; remembers what the lock file said of its holder when another process has it. */
    private static final class Attempt {
        private final Path file;
        private final Turn turn;
        private final String targetName;
        private String elsewhere = "";
        private SqliteTargetLock taken;

        Attempt(Path file, Turn turn, String targetName) {
            this.file = file;
            this.turn = turn;
            this.targetName = targetName;
        }

        boolean tryOnce() {
            if (!turn.permit.tryAcquire()) {
                return false;
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                if (channel.tryLock() == null) {
                    elsewhere = holderIn(channel);
                    channel.close();
                    turn.permit.release();
                    return false;
                }
                turn.holder = writeHolder(channel);
                taken = new SqliteTargetLock(turn, channel);
                return true;
            } catch (IOException e) {
                closeQuietly(channel, e);
                turn.permit.release();
                throw unusable(file, targetName, e);
            }
        }

        /** Who holds the lock, as a sentence with its leading space for the timeout's message; empty when not known. */
        String holder() {
            String here = turn.holder;
            if (here != null) {
                return " It is held by another session of this process (" + here + ").";
            }
            return elsewhere.isEmpty() ? "" : " It is held by " + elsewhere + ", as its lock file " + file + " says.";
        }
    }

    /** Writes this process and the time as the lock file's holder, over what it said; returns what it wrote. */
    private static String writeHolder(FileChannel channel) throws IOException {
        String holder = "process " + ProcessHandle.current().pid() + " since "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        return holder;
    }

    /** What the lock file says of its holder: one short line of text, else nothing. */
    private static String holderIn(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(120);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        return text.matches("process \\d+ since [0-9TZ:.-]+") ? text : "";
    }

    private static FlotillaException unusable(Path file, String targetName, IOException e) {
        String reason = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.toString();
        return new FlotillaException(ErrorCode.SQL_ERROR, "Could not lock " + targetName + ": its lock file " + file
                + " cannot be created or opened (" + reason + "). Flotilla locks a SQLite database with a file beside"
                + " it, where SQLite writes its journal too: make the folder writable (permissions, a read-only mount),"
                + " or remove what stands at that name, then run again. Nothing was changed.", e);
    }

    private static void closeQuietly(FileChannel channel, IOException failure) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
