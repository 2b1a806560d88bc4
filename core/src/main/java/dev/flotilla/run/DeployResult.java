package dev.flotilla.run;

import dev.flotilla.control.StopRequest;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.plan.Problem;
import java.util.List;

/**
 * The outcome of a deployment (or of resuming one): every task touched by this run.
 *
 * @param afterDeployment the {@code afterDeployment} hook's failure, after every tenant's task ended; null when it
 *                        succeeded or there is none
 * @param stopped the stop asked for that left tenants not started (skipped); null when the run was not stopped
 */
public record DeployResult(String deployment, List<TaskResult> tasks, long wallMillis, Problem afterDeployment,
                           StopRequest stopped) {
    public DeployResult {
        tasks = List.copyOf(tasks);
    }

    public DeployResult(String deployment, List<TaskResult> tasks, long wallMillis, Problem afterDeployment) {
        this(deployment, tasks, wallMillis, afterDeployment, null);
    }

    public long count(TaskStatus status) {
        return tasks.stream().filter(t -> t.status() == status).count();
    }

    public boolean ok() {
        return count(TaskStatus.FAILED) == 0 && afterDeployment == null && stopped == null;
    }
}
