package dev.flotilla.run;

import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.StopRequest;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.plan.Problem;
import dev.flotilla.tenant.TenantId;
import java.util.List;

/**
 * The outcome of a deployment (or of resuming one): every task touched by this run.
 *
 * @param afterDeployment the {@code afterDeployment} hook's failure, after every tenant's task ended; null when it
 *                        succeeded or there is none
 * @param stopped the stop asked for that left tenants not started (skipped); null when the run was not stopped
 * @param notStarted the deployment's tenants this run left as an earlier one left them, not started (skipped, pending or
 *                   interrupted): those a retry of the failed tenants does not run, and a resume does
 */
public record DeployResult(String deployment, List<TaskResult> tasks, long wallMillis, Problem afterDeployment,
                           StopRequest stopped, List<TenantId> notStarted) {
    public DeployResult {
        tasks = List.copyOf(tasks);
        notStarted = List.copyOf(notStarted);
    }

    public DeployResult(String deployment, List<TaskResult> tasks, long wallMillis, Problem afterDeployment,
                        StopRequest stopped) {
        this(deployment, tasks, wallMillis, afterDeployment, stopped, List.of());
    }

    public DeployResult(String deployment, List<TaskResult> tasks, long wallMillis, Problem afterDeployment) {
        this(deployment, tasks, wallMillis, afterDeployment, null);
    }

    public long count(TaskStatus status) {
        return tasks.stream().filter(t -> t.status() == status).count();
    }

    /** Every tenant of the deployment deployed: none failed or left not started, its afterDeployment hook passed. */
    public boolean ok() {
        return status() == DeploymentStatus.SUCCEEDED;
    }

    /**
     * The deployment's status once this run ended, judged on all its tenants: stopped when a stop was asked for, or when
     * with nothing failed some are still not started (a resume continues it); failed when a tenant or the
     * afterDeployment hook failed; else succeeded.
     */
    public DeploymentStatus status() {
        boolean failed = count(TaskStatus.FAILED) > 0 || afterDeployment != null;
        return stopped != null || !failed && !notStarted.isEmpty() ? DeploymentStatus.STOPPED
                : failed ? DeploymentStatus.FAILED : DeploymentStatus.SUCCEEDED;
    }
}
