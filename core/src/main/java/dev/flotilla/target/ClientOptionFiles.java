package dev.flotilla.target;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * The option files that hand MariaDB's client programs their password, in a folder of Flotilla's own (0700, in the
 * temporary folder, one per user), each named for the process that wrote it: {@code client-<pid>-<start ms>-*.cnf}.
 * The writer deletes its file when the client is done, and a stopped process (Ctrl-C, SIGTERM) in its shutdown hook;
 * a killed one (SIGKILL) cannot, so the next Flotilla to start deletes the files of every process that is gone.
 * Thread-safe.
 */
public final class ClientOptionFiles {
    /** Two readings of one process's start time may differ by rounding; a pid reused that soon is not the same run. */
    private static final long SAME_START_MILLIS = 2_000;
    private static final String PREFIX = "client-";

    private ClientOptionFiles() {
    }

    /** A new, empty option file (0600) in Flotilla's folder, named for this process. */
    public static Path create() throws IOException {
        Path folder = ownFolder(folder());
        ProcessHandle self = ProcessHandle.current();
        return Files.createTempFile(folder, PREFIX + self.pid() + "-" + startMillis(self).orElse(0L) + "-", ".cnf");
    }

    /**
     * Deletes the option files left by processes that are gone (killed while a client ran). Never fails: a folder that
     * is not this user's own is left alone, and {@link #create} says why.
     */
    public static void sweepStale() {
        sweepStale(folder());
    }

    static void sweepStale(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, PREFIX + "*.cnf")) {
            for (Path file : files) {
                if (!ownerAlive(file.getFileName().toString())) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not ours, or gone meanwhile: the next start tries again.
        }
    }

    static Path folder() {
        return Path.of(System.getProperty("java.io.tmpdir"), "flotilla-" + System.getProperty("user.name") + "-client");
    }

    /** The folder, made 0700 if missing; refused when it is a link or another user's, where others could read the files. */
    static Path ownFolder(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // Another Flotilla made it meanwhile: checked below like any existing one.
            }
            sweepStale(folder);
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
                || !Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))) {
            throw new FlotillaException(ErrorCode.INTERNAL, "The folder " + folder + " for MariaDB's client option files is"
                    + " not a folder of this user's own (a link, a file, or another user's): the password cannot be written"
                    + " there safely. Remove it, or run with another temporary folder (-Djava.io.tmpdir in FLOTILLA_JAVA_OPTS).");
        }
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        return folder;
    }

    /** Whether the process that wrote {@code client-<pid>-<start ms>-*.cnf} still runs; a name not of that form: no. */
    static boolean ownerAlive(String name) {
        String[] parts = name.substring(PREFIX.length()).split("-");
        try {
            long pid = Long.parseLong(parts[0]);
            long start = Long.parseLong(parts[1]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(process -> startMillis(process).map(now -> start == 0 || Math.abs(now - start) <= SAME_START_MILLIS)
                            .orElse(true))
                    .orElse(false);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return false;
        }
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }
}
