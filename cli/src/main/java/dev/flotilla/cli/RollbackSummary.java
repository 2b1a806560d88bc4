package dev.flotilla.cli;

import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.run.DeployResult;
import java.util.List;
import java.util.Map;

/**
 * How a rollback of the fleet ends: its summary, its tenants' changes and backups, the failed migrations a rolled-back
 * deployment left behind, then its JSON and errors. A resume's summary says, as deploy --resume's does, how many of the
 * rollback's tenants were done before it: what the rollback had done is read when this is made, before the run.
 */
final class RollbackSummary {
    private final Output output;
    private final FleetContext context;
    private final String undone;
    private final DeploymentRecord resumed;
    private final List<TaskRecord> before;

    /**
     * @param resume the rollback resumed ({@code --resume}), or null for a new one
     * @param undone the deployment rolled back ({@code --deployment}), or null
     */
    RollbackSummary(Output output, FleetContext context, String resume, String undone) {
        this.output = output;
        this.context = context;
        this.undone = undone;
        this.before = resume == null ? List.of() : context.plane().deployments().tasks(resume);
        this.resumed = resume == null ? null : context.plane().deployments().require(resume);
    }

    /** Prints the summary of {@code result} and finishes {@code command} with its JSON and errors. */
    int finish(String command, DeployResult result) {
        if (resumed != null) {
            DeploySummary.printResumed(output, resumed, result, before, false);
        }
        DeploySummary.print(output, result, "Rollback");
        List<TaskRecord> tasks = context.plane().deployments().tasks(result.deployment());
        DeploySummary.printChanges(output, result, tasks, before, true);
        int backups = DeploySummary.printBackups(output, context.plane(), context.plane().deployments().require(result.deployment()),
                tasks, context.config().backup().dir());
        if (undone != null) {
            FailedMigrationsLeftBehind.warn(output, context.plane(), undone);
        }
        Map<String, Object> data = DeployData.rollbackJson(result);
        data.put("backups", backups);
        if (resumed != null) {
            data.putAll(DeployData.resumed(resumed, DeploySummary.count(before, TaskStatus.SUCCEEDED)));
        }
        return output.finish(command, data, DeployData.errors(result, "Rollback", output.json()));
    }
}
