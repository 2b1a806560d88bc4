package dev.flotilla.cli;

import dev.flotilla.run.FleetListener;
import dev.flotilla.run.TaskResult;
import dev.flotilla.tenant.TenantId;
import java.util.function.Consumer;

/**
 * Does something once the deployment exists, with its id (an audit entry that names it, so whoever reads the
 * deployment's entries sees it), then passes everything on to {@code next}, the progress. Open to extension: a
 * subclass hears the rest too (see {@link StopOnSignal}).
 */
class OnDeploymentStarted implements FleetListener {
    private final FleetListener next;
    private final Consumer<String> first;

    OnDeploymentStarted(FleetListener next, Consumer<String> first) {
        this.next = next;
        this.first = first;
    }

    @Override
    public void deploymentStarted(String deployment, int tasks) {
        first.accept(deployment);
        next.deploymentStarted(deployment, tasks);
    }

    @Override
    public void waveStarted(int wave, java.util.List<TenantId> tenants, int waiting) {
        next.waveStarted(wave, tenants, waiting);
    }

    @Override
    public void taskStarted(TenantId tenant) {
        next.taskStarted(tenant);
    }

    @Override
    public void taskRetrying(TenantId tenant, int failedAttempt, long pauseMillis) {
        next.taskRetrying(tenant, failedAttempt, pauseMillis);
    }

    @Override
    public void taskFinished(TaskResult result) {
        next.taskFinished(result);
    }

    @Override
    public void stopRequested(dev.flotilla.control.StopRequest stop) {
        next.stopRequested(stop);
    }
}
