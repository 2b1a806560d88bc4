package dev.flotilla.target;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The programs this process runs (hooks, and through {@link ExternalTool} and {@link ToolPipe} pg_dump, mariadb-dump,
 * psql...) and the files they are writing, for a shutdown hook: when the process is stopped (a second Ctrl-C, SIGTERM
 * outside a deployment, an abort) the programs and their own children are stopped too, not left to finish on their
 * own, and the files they left half-written are deleted. A SIGKILL runs no hook. Thread-safe.
 *
 * <p>Each program starts in a session and process group of its own (through {@code setsid}): Ctrl-C in a terminal
 * signals the whole foreground group, and a deployment's first Ctrl-C lets the tenants in flight finish, so their hook or
 * dump must not die of it. Where {@code setsid} is not on the PATH (macOS) programs start in this process's group, and a
 * terminal's Ctrl-C reaches them as it reaches Flotilla.
 */
public final class ChildProcesses {
    /** How long the programs stopped with SIGTERM have, together, to end before they are killed. */
    private static final long GRACE_SECONDS = 5;
    /** util-linux's setsid (Debian: /usr/bin/setsid), or null where there is none. */
    private static final String SETSID = onPath("setsid", System.getenv("PATH"));
    private static final Object LOCK = new Object();
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Set<Path> PARTIAL = ConcurrentHashMap.newKeySet();
    /** Set once the shutdown hook runs: a program started after it would outlive this process. Guarded by LOCK. */
    private static boolean stopping;
    /**
     * Programs being started: begun before the hook ran, not yet among the running. The hook waits for them (within the
     * grace period), else a program started just before a SIGTERM would outlive this process. Guarded by LOCK.
     */
    private static int starting;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "flotilla-child-processes"));
    }

    private ChildProcesses() {
    }

    /**
     * Starts {@code builder}'s command (changed to run through {@code setsid}) in a process group of its own, under the
     * pid the returned process has: the program is not a group leader when it starts, so {@code setsid} executes it in
     * place instead of forking. Call {@link #ended} once it has ended.
     *
     * @throws IOException as {@link ProcessBuilder#start()} does, or when this process is already stopping
     */
    public static Process start(ProcessBuilder builder) throws IOException {
        builder.command(inOwnGroup(builder.command(), SETSID, System.getenv("PATH")));
        synchronized (LOCK) {
            if (stopping) {
                throw new IOException("not started: Flotilla is stopping");
            }
            starting++;
        }
        try {
            // Among the running before the hook, which waits for it, reads them: it stops this one with the rest.
            Process process = builder.start();
            RUNNING.add(process);
            return process;
        } finally {
            synchronized (LOCK) {
                starting--;
                LOCK.notifyAll();
            }
        }
    }

    /** The program has ended (or was killed): a stop leaves it alone. */
    public static void ended(Process process) {
        RUNNING.remove(process);
    }

    /** Marks a file as being written: deleted if the process is stopped before {@link #complete} is called for it. */
    public static void partial(Path file) {
        PARTIAL.add(file);
    }

    /** The file is written (or already dealt with): a stop leaves it alone. */
    public static void complete(Path file) {
        PARTIAL.remove(file);
    }

    /**
     * {@code command} run through {@code setsid} (null: none), the program found on {@code path} as Java would find it;
     * unchanged when there is no setsid or no such program, so that starting it fails as it always did.
     */
    static List<String> inOwnGroup(List<String> command, String setsid, String path) {
        String program = command.get(0);
        String found = program.contains("/") ? program : onPath(program, path);
        if (setsid == null || found == null) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(setsid, found));
        wrapped.addAll(command.subList(1, command.size()));
        return wrapped;
    }

    static String onPath(String program, String path) {
        for (String folder : (path == null ? "" : path).split(File.pathSeparator)) {
            Path candidate = folder.isEmpty() ? null : Path.of(folder, program);
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** The process and its descendants, listed before any is stopped: a child whose parent is gone is no longer found. */
    private static List<ProcessHandle> tree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        return tree;
    }

    private static void stopAll() {
        List<ProcessHandle> programs = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        synchronized (LOCK) {
            stopping = true;
            // A program whose start returned to the JVM but is not among the running yet (its thread not scheduled
            // since) would be missed, and the JVM halt with it still running: wait for the starts in flight.
            long left;
            while (starting > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    LOCK.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    break;
                }
            }
            RUNNING.forEach(process -> programs.addAll(tree(process)));
        }
        programs.forEach(ProcessHandle::destroy);
        for (ProcessHandle program : programs) {
            try {
                program.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException | InterruptedException e) {
                program.destroyForcibly();
            }
        }
        for (Path file : PARTIAL) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Printed where no caller masks it: a path or the system's words could quote a URL's or an option's password.
                System.err.println(dev.flotilla.sql.JdbcUrls.redact("Could not delete the half-written " + file
                        + " while stopping (" + e.getMessage() + "): delete it by hand."));
            }
        }
    }
}
