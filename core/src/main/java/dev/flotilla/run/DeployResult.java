package dev.flotilla.run;

import dev.flotilla.control.TaskStatus;
import java.util.List;

/** The outcome of a deployment (or of resuming one): every task touched by this run. */
public record DeployResult(String deployment, List<TaskResult> tasks, long wallMillis) {
    public DeployResult {
        tasks = List.copyOf(tasks);
    }

    public long count(TaskStatus status) {
        return tasks.stream().filter(t -> t.status() == status).count();
    }

    public boolean ok() {
        return count(TaskStatus.FAILED) == 0;
    }
}
