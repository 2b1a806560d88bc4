package dev.flotilla.run;

import dev.flotilla.tenant.TenantId;

/** Hears a deployment's progress, for a live display. Called from worker threads; implementations must be thread-safe. */
public interface FleetListener {
    FleetListener SILENT = new FleetListener() { };

    default void deploymentStarted(String deployment, int tasks) {
    }

    default void taskStarted(TenantId tenant) {
    }

    default void taskFinished(TaskResult result) {
    }
}
