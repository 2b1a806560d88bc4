package dev.flotilla.scratch;

import dev.flotilla.target.Failures;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scratch databases this process has open, dropped by a shutdown hook if the process is stopped
 * (Ctrl-C, SIGTERM) before their dry runs drop them. A SIGKILL runs no hook: {@link ScratchCleanup} is for that.
 */
final class ScratchRegistry {
    private static final Map<String, AutoCloseable> OPEN = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ScratchRegistry::dropAll, "flotilla-scratch-cleanup"));
    }

    private ScratchRegistry() {
    }

    static void remember(String name, AutoCloseable dropper) {
        OPEN.put(name, dropper);
    }

    /** Whether this process has the scratch open: made, not dropped yet. */
    static boolean isOpen(String name) {
        return OPEN.containsKey(name);
    }

    static void forget(String name) {
        OPEN.remove(name);
    }

    /** Drops a scratch database or target now, forgetting it; a failure names it and says how to remove it. */
    static void drop(String name, AutoCloseable dropper) {
        forget(name);
        try {
            dropper.close();
        } catch (dev.flotilla.FlotillaException e) {
            throw e; // names the scratch and the cleanup itself, with its code (LOCK_TIMEOUT)
        } catch (Exception e) {
            throw new IllegalStateException("Could not drop the scratch " + name + ": " + Failures.sentence(e.getMessage())
                    + " Remove it with `flotilla dry-run --cleanup`.", e);
        }
    }

    private static void dropAll() {
        OPEN.forEach((name, dropper) -> {
            try {
                dropper.close();
            } catch (Exception e) {
                System.err.println("Could not drop the scratch database " + name + " while stopping: "
                        + Failures.sentence(e.getMessage())
                        + " Remove it with `flotilla dry-run --cleanup`.");
            }
        });
        OPEN.clear();
    }
}
