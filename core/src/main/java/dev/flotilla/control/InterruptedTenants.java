package dev.flotilla.control;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tenants as they are shown: one still {@code migrating} in a deployment that no longer runs (its process was killed)
 * is {@code interrupted}, and its last error says so in the words its deployment's page gives the task, wherever the
 * tenant is shown (its page, the dashboard, the API, {@code tenants list}, {@code status --fleet}); not an error an
 * earlier run left. {@code deploy --resume} takes it up. Only those few rows cost a look at their deployment and task.
 */
final class InterruptedTenants {
    private final ControlPlane plane;

    InterruptedTenants(ControlPlane plane) {
        this.plane = plane;
    }

    /** {@code records} with those interrupted told so, in place. */
    List<TenantRecord> shown(List<TenantRecord> records) {
        Map<String, Optional<DeploymentRecord>> deployments = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            TenantRecord r = records.get(i);
            if (!"migrating".equals(r.status()) || r.lastDeployment() == null) {
                continue;
            }
            Optional<DeploymentRecord> deployment = deployments.computeIfAbsent(r.lastDeployment(), plane.deployments()::find);
            if (deployment.map(d -> d.status() != DeploymentStatus.RUNNING).orElse(true)) {
                records.set(i, new TenantRecord(r.tenant(), "interrupted", r.currentVersion(), r.baselineVersion(), r.pendingCount(), r.lastDeployment(),
                        deployment.map(d -> error(d, r)).orElse(r.lastError()), r.updatedAt()));
            }
        }
        return records;
    }

    /**
     * The error of the tenant's task as its deployment's page gives it once the target's history was read back
     * ({@code dev.flotilla.run.InterruptedTasks}); until then, the same beginning and how to have it read.
     */
    private String error(DeploymentRecord deployment, TenantRecord tenant) {
        String reconciled = plane.deployments().reconciledError(deployment.id(), tenant.tenant().id());
        if (reconciled != null) {
            return reconciled;
        }
        return deployment.taskStopped(Instant.now()) + "; what the task applied is not known yet: `flotilla deployments show "
                + deployment.id() + "` reads it from the target's history, `" + deployment.resumeCommand()
                + "` reads it back as it continues";
    }
}
