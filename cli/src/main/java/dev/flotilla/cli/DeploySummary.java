package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.StopRequest;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.run.DeployResult;
import dev.flotilla.run.MissingBackups;
import dev.flotilla.run.ResumeRefusal;
import dev.flotilla.run.TaskResult;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.SchemaWideFindings;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The end of a deployment, as seed 000 shows it: total, succeeded, failed, skipped, wall time, then the failures. */
final class DeploySummary {
    /** Why a tenant is skipped: the only reason a deployment skips one. */
    static final String SKIPPED = "not started after an earlier failure";

    private DeploySummary() {
    }

    /**
     * One tenant's outcome; {@code rollback} when the task undid migrations rather than applied them, {@code stopped}
     * the stop that skips the tenants not started, or null when none was asked for; a failure's schema-wide findings as
     * {@code schemaWide} says them (in full for the first tenant of a target).
     */
    static String taskLine(Output output, TaskResult task, boolean rollback, StopRequest stopped,
                           SchemaWideFindings schemaWide) {
        return taskLine(output, task, rollback, stopped, schemaWide, java.util.function.UnaryOperator.identity());
    }

    /** As above, each version applied shown as {@code labels} gives it (as its file writes it). */
    static String taskLine(Output output, TaskResult task, boolean rollback, StopRequest stopped,
                           SchemaWideFindings schemaWide, java.util.function.UnaryOperator<String> labels) {
        return switch (task.status()) {
            case SUCCEEDED -> "  " + output.green("succeeded") + " " + task.tenant() + " (" + (task.applied().isEmpty()
                    ? nothingDone(rollback)
                    : named(task.applied().stream().map(labels).toList()) + (rollback ? " undone" : " applied"))
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
    static String nothingDone(boolean rollback) {
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
     * What the statements of the tenants this run ran created and dropped, grouped for the deployment as seed 000's
     * results list them ("Tables created", "Indexes added", "Constraints added"), each with how many tenants; read from
     * their tasks' logs ({@code tasks}, the deployment's as recorded), where each migration's are written as it ends.
     * Nothing when their statements created and dropped nothing their text tells. A {@code rollback}'s say what its down
     * files dropped and restored. A resume or retry counts only what this run did: {@code before} holds the tasks as the
     * earlier attempts left them (empty for a new deployment), whose logs' changes are not counted again.
     */
    static void printChanges(Output output, DeployResult result, List<TaskRecord> tasks, List<TaskRecord> before,
                             boolean rollback) {
        java.util.Set<TenantId> ran = result.tasks().stream().map(TaskResult::tenant).collect(java.util.stream.Collectors.toSet());
        Map<TenantId, TaskRecord> earlier = before.stream().collect(Collectors.toMap(TaskRecord::tenant, t -> t, (a, b) -> a));
        List<String> lines = dev.flotilla.schema.SchemaChanges.grouped(tasks.stream().filter(t -> ran.contains(t.tenant()))
                .map(t -> t.changesSince(earlier.get(t.tenant()))).toList(), rollback);
        if (!lines.isEmpty()) {
            output.line(changesHeading(rollback, "  "));
            lines.forEach(line -> output.line("    " + line));
        }
    }

    /** The line above a deployment's (or a {@code rollback}'s) grouped schema changes, after {@code indent}. */
    static String changesHeading(boolean rollback, String indent) {
        return indent + "Schema changes, as the " + (rollback ? "down files' statements" : "statements") + " that ran read:";
    }

    /**
     * Says the backups the deployment (or rollback) took, still kept, where they are and how one is put back:
     * the safety net it took is otherwise named only in the tasks' logs; and of the tenants none is kept for, why (as
     * the console's deployment page says it: held nothing to back up yet, nothing pending, backups off or skipped, a
     * failed backup), from the deployment's record and its tasks as the caller read them. Returns how many tenants'
     * backups are kept.
     */
    static int printBackups(Output output, dev.flotilla.control.ControlPlane plane, DeploymentRecord deployment,
                            List<TaskRecord> tasks, java.nio.file.Path dir) {
        String id = deployment.id();
        var backups = plane.backups().keptFor(id);
        int kept = backups.tenants();
        if (kept > 0) {
            int files = backups.files();
            // A shared schema's one file holds every tenant sharing it, and a restore puts them back together.
            output.line("  Backups: " + kept + " tenant(s) backed up before they were changed, in " + dir
                    + (files < kept ? " (" + files + " file(s): tenants sharing a schema share its backup and go back"
                    + " together); `flotilla restore --deployment " + id + " --all --yes` puts them back as they were, or"
                    + " `--tenants A,B,...` naming every tenant of one schema."
                    : "; `flotilla restore --deployment " + id + " --tenants ID --yes` puts one back as it was."));
            String others = MissingBackups.whyNotFor(plane, deployment, tasks);
            if (others != null) {
                output.line("  No backup of the others: " + others + ".");
            }
        } else if (!tasks.isEmpty()) {
            String kind = deployment.rollback() ? "rollback" : "deploy";
            String why = MissingBackups.why(plane, deployment, tasks, plane.audit()
                    .ofDeployment(id, List.of(kind + ".backup-skipped")).stream().findFirst());
            output.line("  Backups: none, " + why + ".");
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
                : "Fix them, " + repairFirst(failed) + "then";
    }

    /**
     * The tenants left recorded as failed on their targets (their errors name a {@code repair}: statements committed
     * before the failure, or a failed record): a retry before that repair fails them again, as the record holds.
     */
    private static String repairFirst(List<TaskResult> failed) {
        List<String> held = failed.stream().filter(t -> t.commands().stream().anyMatch(c -> c.startsWith("flotilla repair ")))
                .map(t -> t.tenant().value()).toList();
        if (held.isEmpty()) {
            return "";
        }
        String named = held.size() <= 5 ? String.join(",", held) : String.join(",", held.subList(0, 5));
        return "repair " + named.replace(",", ", ") + (held.size() > 5 ? " and " + (held.size() - 5) + " more" : "")
                + (held.size() == 1 ? " as its error says" : " as their errors say") + " (`flotilla repair --tenants " + named
                + " ...`), ";
    }

    /** What runs the tenants a failed canary held back, once it is fixed. */
    static String afterCanaries(String deployment) {
        return "fix it, then `flotilla deploy --retry-failed " + deployment + "` and `flotilla deploy --resume "
                + deployment + "`";
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

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
