package dev.flotilla.cli;

import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.StopRequest;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.run.DeployResult;
import dev.flotilla.run.ResumeRefusal;
import dev.flotilla.run.TaskResult;
import dev.flotilla.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployment's end with {@code --json}: the data of a deploy, a rollback or a resume (total, succeeded, failed,
 * skipped, wall time, each tenant's outcome) and its errors, as {@link DeploySummary} says them in text.
 */
final class DeployData {
    private DeployData() {
    }

    /**
     * A rollback's data: a deploy's, each tenant's versions also as {@code undone}, and {@code upToDate} 0 (a rollback
     * leaves out no selected tenant as up to date: one with nothing to undo is part of it and succeeds).
     */
    static Map<String, Object> rollbackJson(DeployResult result) {
        Map<String, Object> data = json(result, List.of(), Map.of(), true);
        data.put("upToDate", 0);
        return data;
    }

    /**
     * What a resume's (or retry's) data adds: how many tenants the deployment has in all ({@code deploymentTotal}), how
     * many had succeeded before this run ({@code alreadyDone}), and {@code upToDate} 0: its tenants are the deployment's,
     * none left out as up to date.
     */
    static Map<String, Object> resumed(DeploymentRecord record, long alreadyDone) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("deploymentTotal", record.total());
        extra.put("alreadyDone", alreadyDone);
        extra.put("upToDate", 0);
        return extra;
    }

    /**
     * A deploy's data, with each tenant's {@code wave} (0 the canaries, 1 the rest, as {@code deployments show} has it)
     * and {@code schemaChanges} (what its statements created and dropped, as its task's log says) from its task as
     * {@code recorded},
     * a failed one's {@code commands} (those its error tells to run, left out when none), what runs a skipped tenant when
     * {@code failedCanaries} hold it back, and, for a {@code rollback}, the versions its task undid as {@code undone}
     * beside {@code applied}.
     */
    static Map<String, Object> json(DeployResult result, List<TenantId> failedCanaries,
                                    Map<TenantId, dev.flotilla.control.TaskRecord> recorded, boolean rollback) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deployment", result.deployment());
        data.put("total", result.tasks().size());
        data.put("succeeded", result.count(TaskStatus.SUCCEEDED));
        data.put("failed", result.count(TaskStatus.FAILED));
        data.put("skipped", result.count(TaskStatus.SKIPPED));
        data.put("wallMs", result.wallMillis());
        data.put("tenants", result.tasks().stream().map(t -> json(t, result.deployment(), result.stopped(), failedCanaries,
                recorded.get(t.tenant()), rollback)).toList());
        return data;
    }

    private static Map<String, Object> json(TaskResult task, String deployment, StopRequest stopped,
                                            List<TenantId> failedCanaries, dev.flotilla.control.TaskRecord recorded,
                                            boolean rollback) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", task.tenant().value());
        entry.put("target", task.target());
        if (recorded != null) {
            entry.put("wave", recorded.wave());
        }
        entry.put("status", task.status().word());
        entry.put("applied", task.applied()); // a rollback's deprecated (README): undone
        if (rollback) {
            entry.put("undone", task.applied()); // what a rollback's task records as applied is what it undid
        }
        if (recorded != null) {
            entry.put("schemaChanges", recorded.changes().summary());
        }
        entry.put("timeMs", task.millis());
        entry.put("attempts", task.attempts());
        entry.put("error", task.error());
        if (task.checks() != null) {
            entry.put("checks", task.checks().asMap());
        }
        Errors.withCommands(entry, task.commands());
        if (task.status() == TaskStatus.SUCCEEDED && task.applied().isEmpty()) {
            // Up to date when its turn came (brought there by hand, or by another run): no work to count as this one's.
            entry.put("note", DeploySummary.nothingDone(rollback));
        }
        if (task.status() == TaskStatus.SKIPPED) {
            entry.put("reason", stopped == null && !failedCanaries.isEmpty() ? "not started: "
                    + ResumeRefusal.canaries(failedCanaries) + " failed; " + DeploySummary.afterCanaries(deployment) + " runs it"
                    : (stopped == null ? DeploySummary.SKIPPED : "not started: stop requested by " + stopped.by())
                    + "; `flotilla deploy --resume " + deployment + "` runs it");
        }
        return entry;
    }

    /**
     * The failed tenants (each with the commands its error tells to run, as its entry in the data has them), the
     * afterDeployment hook's failure and a stop, as errors; {@code noun} as for {@link DeploySummary#print}.
     */
    static List<Map<String, Object>> errors(DeployResult result, String noun) {
        return errors(result, noun, true);
    }

    /**
     * As above; for people ({@code json} false, the errors printed on stderr) a schema-wide check's finding is said in
     * full once per target, as the summary says it, the JSON giving every tenant its whole error.
     */
    static List<Map<String, Object>> errors(DeployResult result, String noun, boolean json) {
        dev.flotilla.verify.SchemaWideFindings schemaWide = new dev.flotilla.verify.SchemaWideFindings();
        List<Map<String, Object>> errors = new java.util.ArrayList<>(result.tasks().stream().filter(t -> t.status() == TaskStatus.FAILED)
                .map(t -> Errors.withCommands(Errors.forTenant(t.code() == null ? dev.flotilla.ErrorCode.INTERNAL : t.code(),
                        json ? t.error() : schemaWide.taskError(t.target(), t.error()), t.tenant().value(), t.migration(),
                        t.check()), t.commands())).toList());
        if (result.afterDeployment() != null) {
            errors.add(Errors.of(result.afterDeployment()));
        }
        if (result.stopped() != null) {
            errors.add(Errors.of(new dev.flotilla.plan.Problem(dev.flotilla.ErrorCode.DEPLOYMENT_STOPPED, stopped(result, noun),
                    null)));
        } else if (result.status() == dev.flotilla.control.DeploymentStatus.STOPPED) {
            errors.add(Errors.of(new dev.flotilla.plan.Problem(dev.flotilla.ErrorCode.DEPLOYMENT_STOPPED,
                    notStarted(result, noun), null)));
        }
        return errors;
    }

    /** What a stopped deployment's (or rollback's) error says: who stopped it, what was left, what continues it. */
    private static String stopped(DeployResult result, String noun) {
        return noun + " " + result.deployment() + " stopped at the request of " + result.stopped().by() + " (asked " + LocalTimes.format(result.stopped().at())
                + "): the tenants in flight finished, " + result.count(TaskStatus.SKIPPED) + " were not started; `flotilla "
                + (noun.equals("Rollback") ? "rollback" : "deploy") + " --resume " + result.deployment() + "` continues it.";
    }

    /**
     * What a deployment (or rollback) whose tenants this run all ended well says of those an earlier attempt left not
     * started: it is not done, and what continues it.
     */
    private static String notStarted(DeployResult result, String noun) {
        List<String> left = result.notStarted().stream().map(TenantId::value).toList();
        String named = left.size() <= 5 ? String.join(", ", left)
                : String.join(", ", left.subList(0, 5)) + " and " + (left.size() - 5) + " more";
        return noun + " " + result.deployment() + " is not done: " + left.size() + " of its tenant(s) (" + named + ") were"
                + " never started (skipped after an earlier failure or stop); `flotilla " + (noun.equals("Rollback")
                ? "rollback" : "deploy") + " --resume " + result.deployment() + "` runs them.";
    }
}
