package dev.flotilla.scratch;

import dev.flotilla.target.Failures;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The scratch databases this process has open, dropped by a shutdown hook if the process is stopped
 * (Ctrl-C, SIGTERM) before their dry runs drop them. A SIGKILL runs no hook: {@link ScratchCleanup} is for that.
 */
final class ScratchRegistry {
    private static final Map<String, Open> OPEN = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropAll(System.err), "flotilla-scratch-cleanup"));
    }

    /**
     * A scratch open, and how to mask what dropping it may say: the driver's words can quote its server's URL with the
     * password, or the password itself.
     */
    private record Open(AutoCloseable dropper, UnaryOperator<String> scrub) {
    }

    private ScratchRegistry() {
    }

    /**
     * Remembers a scratch to drop at shutdown; {@code scrub} masks a failure to drop it (the target's
     * {@link dev.flotilla.target.TargetSpec#scrub}), printed where no caller masks it.
     */
    static void remember(String name, AutoCloseable dropper, UnaryOperator<String> scrub) {
        OPEN.put(name, new Open(dropper, scrub));
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

    /** Drops every scratch still open; a failure is said on {@code err}, masked as the scratch's target masks it. */
    private static void dropAll(PrintStream err) {
        OPEN.forEach((name, open) -> {
            try {
                open.dropper().close();
            } catch (Exception e) {
                err.println(dev.flotilla.sql.JdbcUrls.redact(open.scrub().apply("Could not drop the scratch database " + name
                        + " while stopping: " + Failures.sentence(e.getMessage()) + " Remove it with `flotilla dry-run --cleanup`.")));
            }
        });
        OPEN.clear();
    }
}
