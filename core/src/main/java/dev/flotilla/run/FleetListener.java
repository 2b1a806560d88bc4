package dev.flotilla.run;

import dev.flotilla.tenant.TenantId;

/**
 * Hears a deployment's progress, for a live display. Called from the deployment's threads (a task's end once its
 * records are in the control plane, from the plane's writer); implementations must be thread-safe.
 */
public interface FleetListener {
    FleetListener SILENT = new FleetListener() { };

    default void deploymentStarted(String deployment, int tasks) {
    }

    /**
     * A wave of a deployment that runs a canary wave and the rest in this run starts: the canaries (wave 0), whose
     * success the {@code waiting} tenants of the next wave wait for; then the rest (wave 1, {@code waiting} 0), once
     * the canaries all succeeded. Not said of a run with one wave (no canary, or a resume after the canaries).
     */
    default void waveStarted(int wave, java.util.List<TenantId> tenants, int waiting) {
    }

    default void taskStarted(TenantId tenant) {
    }

    /** A task's attempt failed in a way that is safe to try again; it pauses {@code pauseMillis}, then tries again. */
    default void taskRetrying(TenantId tenant, int failedAttempt, long pauseMillis) {
    }

    default void taskFinished(TaskResult result) {
    }

    /**
     * The guard of a shared schema's rollback let it through saying {@code notices} ({@link TenantGuardRead#notices}: a
     * filter on the tenant column its down files take away, a guess of where they copy the column), each a sentence naming
     * its target; told before the rollback is recorded, and only when there is something to say.
     */
    default void rollbackGuardNoticed(java.util.List<String> notices) {
    }

    /** A stop was asked for: no new tenant starts from now on; those in flight finish. */
    default void stopRequested(dev.flotilla.control.StopRequest stop) {
    }
}
