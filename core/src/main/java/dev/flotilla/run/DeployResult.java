package dev.flotilla.run;

import dev.flotilla.control.TaskStatus;
import dev.flotilla.plan.Problem;
import java.util.List;

/**
 * The outcome of a deployment (or of resuming one): every task touched by this run.
 *
 * @param afterDeployment the {@code afterDeployment} hook's failure, after every tenant's task ended; null when it
 *                        succeeded or there is none
 */
public record DeployResult(String deployment, List<TaskResult> tasks, long wallMillis, Problem afterDeployment) {
    public DeployResult {
        tasks = List.copyOf(tasks);
    }

    public long count(TaskStatus status) {
        return tasks.stream().filter(t -> t.status() == status).count();
    }

    public boolean ok() {
        return count(TaskStatus.FAILED) == 0 && afterDeployment == null;
    }
}
