package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.StopRequest;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.run.DeployResult;
import dev.flotilla.run.ResumeRefusal;
import dev.flotilla.run.TaskResult;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.SchemaWideFindings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The end of a deployment, as seed 000 shows it: total, succeeded, failed, skipped, wall time, then the failures. */
final class DeploySummary {
    /** Why a tenant is skipped: the only reason a deployment skips one. */
    private static final String SKIPPED = "not started after an earlier failure";

    private DeploySummary() {
    }

    /**
     * One tenant's outcome; {@code rollback} when the task undid migrations rather than applied them, {@code stopped}
     * the stop that skips the tenants not started, or null when none was asked for; a failure's schema-wide findings as
     * {@code schemaWide} says them (in full for the first tenant of a target).
     */
    static String taskLine(Output output, TaskResult task, boolean rollback, StopRequest stopped,
                           SchemaWideFindings schemaWide) {
        return switch (task.status()) {
            case SUCCEEDED -> "  " + output.green("succeeded") + " " + task.tenant() + " (" + (task.applied().isEmpty()
                    ? nothingDone(rollback)
                    : named(task.applied()) + (rollback ? " undone" : " applied"))
                    + (task.checks() == null ? "" : ", " + task.checks().text()) + ", " + task.millis() + " ms"
                    + (task.attempts() > 1 ? ", " + task.attempts() + " attempts" : "") + ")";
            // Checks that ran say so; a failed one's own words follow, in the error.
            case FAILED -> "  " + output.red("FAILED") + " " + task.tenant()
                    + (task.checks() == null ? "" : " (" + task.checks().text() + ")") + ": "
                    + firstLine(schemaWide.taskError(task.target(), task.error()));
            case SKIPPED -> "  skipped " + task.tenant() + ": " + (stopped == null ? SKIPPED
                    : "not started: stop requested by " + stopped.by());
            default -> "  " + task.status().word() + " " + task.tenant();
        };
    }

    /** What a tenant that succeeded with nothing to apply (or undo) says instead of a list of versions. */
    private static String nothingDone(boolean rollback) {
        return rollback ? "nothing to undo" : "already up to date, nothing applied";
    }

    /** "version 3", "versions 1, 2, 3" (a bare "3 applied" read as a count), repeatables by their file. */
    private static String named(List<String> applied) {
        long versions = applied.stream().filter(a -> !a.endsWith(".sql")).count();
        return (versions == 0 ? "" : applied.size() == 1 ? "version " : "versions ") + String.join(", ", applied);
    }

    static void print(Output output, DeployResult result) {
        print(output, result, "Deployment");
    }

    static void print(Output output, DeployResult result, String noun) {
        print(output, result, noun, List.of());
    }

    /** As above; {@code failedCanaries} those of the deployment, which hold its skipped tenants back. */
    static void print(Output output, DeployResult result, String noun, List<TenantId> failedCanaries) {
        print(output, result, noun, failedCanaries, 0);
    }

    /**
     * As above, for a resume whose result carries {@code failedBefore} tasks that failed in an earlier run and were not
     * run again: the total says them apart, as the resume's first line counted only the tenants it runs.
     */
    static void print(Output output, DeployResult result, String noun, List<TenantId> failedCanaries, long failedBefore) {
        output.line("");
        output.line(noun + " " + result.deployment() + switch (result.status()) {
            case SUCCEEDED -> " " + output.green("succeeded");
            case STOPPED -> " " + output.yellow("stopped");
            default -> " " + output.red("failed");
        });
        output.line(String.format("  Total: %d%s   Succeeded: %d   Failed: %d   Skipped: %d   Wall time: %.1f s",
                result.tasks().size(), failedBefore == 0 ? "" : " (" + failedBefore + " failed before this run, not run again)",
                result.count(TaskStatus.SUCCEEDED), result.count(TaskStatus.FAILED),
                result.count(TaskStatus.SKIPPED), result.wallMillis() / 1000.0));
        List<TaskResult> failed = result.tasks().stream().filter(t -> t.status() == TaskStatus.FAILED).toList();
        if (!failed.isEmpty()) {
            output.line("Failed tenants:");
            SchemaWideFindings schemaWide = new SchemaWideFindings(); // said once per target, for its first tenant
            failed.forEach(t -> output.line("  " + t.tenant() + ": " + Output.checkOf(t.check(), t.migration())
                    + schemaWide.taskError(t.target(), t.error())));
            output.line(whatFirst(failed) + " `flotilla deploy --retry-failed " + result.deployment() + "`"
                    + (noun.equals("Rollback") ? " (it runs this rollback's failed tenants again)" : "") + "; details with"
                    + " `flotilla deployments show " + result.deployment() + "`.");
        }
        if (result.afterDeployment() != null) {
            output.line("The afterDeployment hook failed: " + result.afterDeployment().message());
        }
        // A stopped one's error (DEPLOYMENT_STOPPED) says who stopped it and what continues it.
        if (result.stopped() == null && result.count(TaskStatus.SKIPPED) > 0) {
            output.line("Skipped tenants were not touched; " + (failedCanaries.isEmpty() ? "`flotilla deploy --resume "
                    + result.deployment() + "` runs them (and any interrupted ones)." : "the failed "
                    + ResumeRefusal.canaries(failedCanaries) + " holds them back: " + afterCanaries(result.deployment())
                    + " runs them (or `flotilla deploy --resume " + result.deployment() + " --continue-on-error`, past"
                    + " the failed canary)."));
        }
    }

    /**
     * Says the backups the deployment (or rollback) {@code id} took, still kept, where they are and how one is put back:
     * the safety net it took is otherwise named only in the tasks' logs. Nothing when it took none. Returns how many.
     */
    static int printBackups(Output output, dev.flotilla.control.ControlPlane plane, String id, java.nio.file.Path dir) {
        var backups = plane.backups().keptFor(id);
        int kept = backups.tenants();
        if (kept > 0) {
            int files = backups.files();
            // A shared schema's one file holds every tenant sharing it, and a restore puts them back together.
            output.line("  Backups: " + kept + " tenant(s) backed up before they were changed, in " + dir
                    + (files < kept ? " (" + files + " file(s): tenants sharing a schema share its backup)" : "")
                    + "; `flotilla restore --deployment " + id + " --tenants ID --yes` puts one back as it was"
                    + (files < kept ? "; tenants sharing a schema go back together, so name them all (--tenants A,B,..."
                    + " or --all)." : "."));
        }
        return kept;
    }

    /**
     * A lock or deadlock needs no fix, only another try; a statement that ran out of time, more time or a quieter
     * hour; one another session canceled, that session's consent; anything else a fix.
     */
    private static String whatFirst(List<TaskResult> failed) {
        boolean onlyContention = failed.stream()
                .allMatch(t -> t.code() == ErrorCode.LOCK_TIMEOUT || t.code() == ErrorCode.DEADLOCK);
        boolean notTheScripts = failed.stream().allMatch(t -> t.code() == ErrorCode.LOCK_TIMEOUT
                || t.code() == ErrorCode.DEADLOCK || t.code() == ErrorCode.STATEMENT_TIMEOUT
                || t.code() == ErrorCode.STATEMENT_CANCELED);
        boolean outOfTime = failed.stream().anyMatch(t -> t.code() == ErrorCode.STATEMENT_TIMEOUT);
        return onlyContention ? "They met locks held by other sessions, nothing to fix: when those are free, run"
                : notTheScripts ? "Their statements were stopped, not wrong, nothing to fix: " + (outOfTime
                ? "with more time (add --statement-timeout 1h) or when their tables are quiet, run" : "when it suits, run")
                : "Fix them, then";
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

    /** What runs the tenants a failed canary held back, once it is fixed. */
    private static String afterCanaries(String deployment) {
        return "fix it, then `flotilla deploy --retry-failed " + deployment + "` and `flotilla deploy --resume "
                + deployment + "`";
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
     * The line after the tenants a resume (or with {@code failedOnly} a retry) of {@code record} ran: of its tenants,
     * those and the ones that had succeeded before this run ({@code before}: its tasks then); those it left as they were,
     * failed (for a resume) or skipped (for a retry), with the command that runs them.
     */
    static void printResumed(Output output, DeploymentRecord record, DeployResult result,
                             List<TaskRecord> before, boolean failedOnly) {
        long doneBefore = count(before, TaskStatus.SUCCEEDED);
        long failedKept = failedOnly ? 0 : count(before, TaskStatus.FAILED);
        long skippedKept = failedOnly ? count(before, TaskStatus.SKIPPED) : 0;
        // The result names the failed tenants a resume did not run too: they are not among those above.
        output.line("  Of the deployment's " + record.total() + " tenant(s), the " + (result.tasks().size() - failedKept)
                + " above and " + doneBefore + " that had succeeded before this run"
                + (failedKept == 0 ? "" : ", " + failedKept + " failed (`deploy --retry-failed " + record.id() + "` runs them)")
                + (skippedKept == 0 ? "" : ", " + skippedKept + " skipped (`deploy --resume " + record.id() + "` runs them)") + ".");
    }

    static long count(List<TaskRecord> tasks, TaskStatus status) {
        return tasks.stream().filter(t -> t.status() == status).count();
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
     * A deploy's data, with each tenant's {@code wave} (0 the canaries, 1 the rest, as {@code deployments show} has it),
     * a failed one's {@code commands} (those its error tells to run, left out when none), what runs a skipped tenant when
     * {@code failedCanaries} hold it back, and, for a {@code rollback}, the versions its task undid as {@code undone}
     * beside {@code applied}.
     */
    static Map<String, Object> json(DeployResult result, List<TenantId> failedCanaries, Map<TenantId, Integer> waves,
                                    boolean rollback) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deployment", result.deployment());
        data.put("total", result.tasks().size());
        data.put("succeeded", result.count(TaskStatus.SUCCEEDED));
        data.put("failed", result.count(TaskStatus.FAILED));
        data.put("skipped", result.count(TaskStatus.SKIPPED));
        data.put("wallMs", result.wallMillis());
        data.put("tenants", result.tasks().stream().map(t -> json(t, result.deployment(), result.stopped(), failedCanaries,
                waves.get(t.tenant()), rollback)).toList());
        return data;
    }

    private static Map<String, Object> json(TaskResult task, String deployment, StopRequest stopped,
                                            List<TenantId> failedCanaries, Integer wave, boolean rollback) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", task.tenant().value());
        entry.put("target", task.target());
        if (wave != null) {
            entry.put("wave", wave);
        }
        entry.put("status", task.status().word());
        entry.put("applied", task.applied()); // a rollback's deprecated (README): undone
        if (rollback) {
            entry.put("undone", task.applied()); // what a rollback's task records as applied is what it undid
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
            entry.put("note", nothingDone(rollback));
        }
        if (task.status() == TaskStatus.SKIPPED) {
            entry.put("reason", stopped == null && !failedCanaries.isEmpty() ? "not started: "
                    + ResumeRefusal.canaries(failedCanaries) + " failed; " + afterCanaries(deployment) + " runs it"
                    : (stopped == null ? SKIPPED : "not started: stop requested by " + stopped.by())
                    + "; `flotilla deploy --resume " + deployment + "` runs it");
        }
        return entry;
    }

    /**
     * The failed tenants (each with the commands its error tells to run, as its entry in the data has them), the
     * afterDeployment hook's failure and a stop, as errors; {@code noun} as for {@link #print}.
     */
    static List<Map<String, Object>> errors(DeployResult result, String noun) {
        List<Map<String, Object>> errors = new java.util.ArrayList<>(result.tasks().stream().filter(t -> t.status() == TaskStatus.FAILED)
                .map(t -> Errors.withCommands(Errors.forTenant(t.code() == null ? dev.flotilla.ErrorCode.INTERNAL : t.code(),
                        t.error(), t.tenant().value(), t.migration(), t.check()), t.commands())).toList());
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

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
