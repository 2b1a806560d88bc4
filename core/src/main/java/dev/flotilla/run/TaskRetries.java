package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * When a tenant's task tries again, and how long it waits first: a transient failure (a refused connection, a lock
 * timeout, a deadlock that left nothing behind) is tried again up to the retries, with a doubling backoff said in the
 * task's log and to the listener. Thread-safe (holds no state of a run).
 */
final class TaskRetries {
    private final int retries;
    private final Duration backoff;
    private final FleetListener listener;

    TaskRetries(int retries, Duration backoff, FleetListener listener) {
        this.retries = retries;
        this.backoff = backoff;
        this.listener = listener;
    }

    /**
     * Runs a step before the migrations (the row counts) as the migrations are run: a connection
     * refused or a lock timeout is tried again, up to the retries, with the same doubling backoff.
     */
    <T> T retrying(TenantTarget target, String doing, StringBuilder log, RunProgress progress, Supplier<T> step) {
        for (int attempt = 1; ; attempt++) {
            progress.attempts = Math.max(progress.attempts, attempt);
            try {
                return step.get();
            } catch (FlotillaException e) {
                if (!again(attempt, e)) {
                    throw e;
                }
                log.append(doing).append(", attempt ").append(attempt).append(": ").append(e.getMessage()).append('\n');
            }
            pause(target, attempt, log);
        }
    }

    /** Whether attempt {@code attempt}, which threw {@code e}, is tried again. */
    boolean again(int attempt, FlotillaException e) {
        return attempt <= retries && transientFailure(e);
    }

    /** Whether attempt {@code attempt}, which reported {@code report}, is tried again. */
    boolean again(int attempt, RunReport report) {
        return !report.ok() && attempt <= retries && transientFailure(report);
    }

    /** The doubling backoff after a failed attempt, said in the log and to the listener. */
    void pause(TenantTarget target, int attempt, StringBuilder log) {
        long pause = backoff.toMillis() << (attempt - 1);
        log.append("retrying in ").append(pause).append(" ms\n");
        listener.taskRetrying(target.tenant().id(), attempt, pause);
        sleep(pause);
    }

    /**
     * A refused connection or a lock timeout may pass, the backup's program's refused connection too (a server
     * restarting). A server that did not answer within the connect timeout is not tried again: each attempt would
     * cost the whole timeout, and the tenant is reported once.
     */
    private static boolean transientFailure(FlotillaException e) {
        return e.code() == ErrorCode.CONNECTION_FAILED && !dev.flotilla.target.ConnectTimeout.gaveUp(e)
                || e.code() == ErrorCode.LOCK_TIMEOUT
                || e.code() == ErrorCode.BACKUP_FAILED && dev.flotilla.target.ExternalTool.refused(e);
    }

    /**
     * A lock timeout or deadlock inside a transaction, or on a first statement run on its own, left nothing behind,
     * so trying again is safe.
     */
    private static boolean transientFailure(RunReport report) {
        return report.migrations().stream().anyMatch(m -> m.failed() && (m.transactional() || Integer.valueOf(1).equals(m.failedStatement()))
                && (m.errorCode() == ErrorCode.LOCK_TIMEOUT || m.errorCode() == ErrorCode.DEADLOCK));
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlotillaException(ErrorCode.INTERNAL, "Interrupted while waiting to retry");
        }
    }
}
