package dev.flotilla.cli;

import dev.flotilla.FlotillaException;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.migration.VersionSpellings;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.run.InterruptedTasks;
import dev.flotilla.run.RecordedOptions;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckTally;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", header = "One deployment with every tenant's task.",
        description = "One deployment: every tenant's task with its state, attempts, timing, error and log.")
final class DeploymentsShowCommand extends FleetCommand {
    @Parameters(index = "0", paramLabel = "DEPLOYMENT")
    String id;

    @Option(names = "--log", description = "Also print each task's per-statement log.")
    boolean log;

    DeploymentsShowCommand(Output output, Map<String, String> environment) {
        super(output, environment);
    }

    @Override
    String name() {
        return "deployments show";
    }

    @Override
    int execute() {
        DeploymentRecord deployment = planeToRead().deployments().require(id);
        List<TaskRecord> tasks = planeToRead().deployments().tasks(id);
        if (tasks.stream().anyMatch(TaskRecord::awaitsReconciling)) {
            tasks = reconciled(deployment, tasks);
        }
        // Versions as the files write them, from their names (JSON keeps them canonical).
        VersionSpellings spellings = VersionSpellings.listed(context().migrationFolders());
        output.line("Deployment " + deployment.id() + ": " + deployment.status().word() + ", started "
                + LocalTimes.format(deployment.startedAt()) + " by " + deployment.startedBy()
                + (deployment.options().isEmpty() ? "" : " (" + RecordedOptions.shown(deployment.options(), spellings) + ")"));
        if (deployment.stopRequest() != null) {
            output.line("Stop requested by " + deployment.stopRequest().by() + " at "
                    + LocalTimes.format(deployment.stopRequest().at()) + (deployment.status() == dev.flotilla.control.DeploymentStatus.RUNNING
                    ? ": no new tenant starts; those in flight finish." : "."));
        }
        Map<TenantId, CheckTally> checks = planeToRead().verifications().checksAfterDeploy(deployment.id(),
                tasks.stream().map(TaskRecord::tenant).toList());
        Table.print(output, new String[] {"Tenant", "Wave", "Status", "Attempts", "Time", "Applied", "Checks", "Error"},
                tasks.stream().map(t -> new String[] {t.tenant().value(), t.wave() == 0 ? "canary" : "main", t.status().word(),
                        String.valueOf(t.attempts()), t.millis() == null ? "" : t.millis() + " ms", String.join(", ", spellings.labels(t.applied())),
                        checks.containsKey(t.tenant()) ? checks.get(t.tenant()).text()
                                : deployment.rollback() ? TaskRecord.CHECKS_NOT_RUN : "",
                        t.error() == null ? "" : where(t, spellings) + t.error().lines().findFirst().orElse("")}).toList());
        List<String> changes = dev.flotilla.schema.SchemaChanges.grouped(tasks.stream().map(TaskRecord::changes).toList(),
                deployment.rollback());
        if (!changes.isEmpty()) {
            // As each tenant's log says them (--log), grouped: seed 000's "Tables created", "Indexes added"...
            output.line(DeploySummary.changesHeading(deployment.rollback(), ""));
            changes.forEach(line -> output.line("  " + line));
        }
        if (log) {
            tasks.stream().filter(t -> t.log() != null && !t.log().isEmpty()).forEach(t -> {
                output.line("");
                output.line("== " + t.tenant());
                t.log().lines().forEach(l -> output.line("  " + l));
            });
        }
        Map<String, Object> data = DeploymentsListCommand.json(deployment);
        data.put("tasks", tasks.stream().map(t -> json(t, checks.get(t.tenant()), deployment.rollback())).toList());
        return output.finish(name(), data, List.of());
    }

    /**
     * The tasks, those whose process died mid-task read from their targets' histories (once: then recorded); a target
     * that could not be read is said on stderr, and left for the next show.
     */
    private List<TaskRecord> reconciled(DeploymentRecord deployment, List<TaskRecord> stored) {
        List<TaskRecord> tasks;
        try {
            tasks = new InterruptedTasks(planeToWrite(), tenancy(), context().templateForReading(ValidationPolicy.STRICT)).tasks(deployment);
        } catch (FlotillaException e) {
            output.warn("The interrupted tasks' targets could not be read for what they applied (" + e.getMessage()
                    + "); shown as recorded.");
            return stored;
        }
        tasks.stream().filter(TaskRecord::awaitsReconciling).forEach(t -> output.warn(t.tenant() + ": " + t.error()));
        return tasks;
    }

    /** Where a failed task failed, before its error: "migration 3, check row-counts: "; empty when not known. */
    private static String where(TaskRecord t, VersionSpellings spellings) {
        String migration = t.migration() == null ? "" : "migration " + spellings.label(t.migration());
        String check = t.check() == null ? "" : "check " + t.check();
        String both = migration.isEmpty() || check.isEmpty() ? migration + check : migration + ", " + check;
        return both.isEmpty() ? "" : both + ": ";
    }

    /** @param checks null when the task's checks did not run */
    private static Map<String, Object> json(TaskRecord t, CheckTally checks, boolean ofRollback) {
        Map<String, Object> entry = t.asMap(checks, ofRollback); // the API's task, and its log, which the API leaves out
        entry.put("log", t.log());
        return entry;
    }
}
