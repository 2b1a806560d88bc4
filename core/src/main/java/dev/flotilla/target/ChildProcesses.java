package dev.flotilla.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The client programs this process runs ({@link ExternalTool}: pg_dump, mariadb-dump...) and the files they are
 * writing, for a shutdown hook: when the process is stopped (Ctrl-C, SIGTERM) the programs are stopped too, not left
 * to finish on their own, and the files they left half-written are deleted. A SIGKILL runs no hook. Thread-safe.
 */
public final class ChildProcesses {
    /** How long a program stopped with SIGTERM has to end before it is killed. */
    private static final long GRACE_SECONDS = 5;
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Set<Path> PARTIAL = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "flotilla-child-processes"));
    }

    private ChildProcesses() {
    }

    static void started(Process process) {
        RUNNING.add(process);
    }

    static void ended(Process process) {
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

    private static void stopAll() {
        RUNNING.forEach(Process::destroy);
        for (Process process : RUNNING) {
            try {
                if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
        for (Path file : PARTIAL) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                System.err.println("Could not delete the half-written " + file + " while stopping (" + e.getMessage()
                        + "): delete it by hand.");
            }
        }
    }
}
