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

    default void taskStarted(TenantId tenant) {
    }

    /** A task's attempt failed in a way that is safe to try again; it pauses {@code pauseMillis}, then tries again. */
    default void taskRetrying(TenantId tenant, int failedAttempt, long pauseMillis) {
    }

    default void taskFinished(TaskResult result) {
    }

    /** A stop was asked for: no new tenant starts from now on; those in flight finish. */
    default void stopRequested(dev.flotilla.control.StopRequest stop) {
    }
}
