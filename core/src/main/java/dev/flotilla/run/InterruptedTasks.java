package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.plan.FailedRollback;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.ConnectTimeout;
import dev.flotilla.target.ConnectionSource;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployment's tasks, those whose process died mid-task (kill -9, a crash, a lost machine) told in one place: the
 * migrations the target's history has as applied since the task started (or undone, in a rollback), the backup the
 * catalog has of it for the deployment, and an {@code INTERRUPTED} error saying when the process was last seen alive and
 * what continues it. Each such task's target is read once, and what it said recorded in the control plane
 * ({@link dev.flotilla.control.DeploymentStore#taskReconciled}); only interrupted tasks' targets are read, a connection
 * each, so listings ({@code deployments list}, {@code status --fleet}) never pay for it. A target that cannot be
 * reached is said in the task's error, not recorded: the next look reads it again, or with {@link HistoryRetries} that
 * back off (the console's), the first look after the back-off. Needs a plane it can write to.
 */
public final class InterruptedTasks {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final ControlPlane plane;
    private final Tenancy tenancy;
    private final TargetOptions template;
    private final HistoryRetries retries;

    /**
     * Reads a target that could not be read at every look, as a one-shot process does.
     *
     * @param template the options tenants are read with (history table, timeouts); the target is filled in per tenant
     */
    public InterruptedTasks(ControlPlane plane, Tenancy tenancy, TargetOptions template) {
        this(plane, tenancy, template, HistoryRetries.EVERY_LOOK);
    }

    /** @param retries when a target that could not be read is tried again (the console's back-off) */
    public InterruptedTasks(ControlPlane plane, Tenancy tenancy, TargetOptions template, HistoryRetries retries) {
        this.plane = plane;
        this.tenancy = tenancy;
        this.template = template;
        this.retries = retries;
    }

    /** The deployment's tasks in order, each interrupted one with what its target's history says it did. */
    public List<TaskRecord> tasks(DeploymentRecord deployment) {
        List<TaskRecord> tasks = plane.deployments().tasks(deployment.id());
        if (tasks.stream().noneMatch(TaskRecord::awaitsReconciling)) {
            return tasks;
        }
        String stopped = deployment.taskStopped(Instant.now());
        HistoryReadBack readBack = new HistoryReadBack(ConnectionSource.DIRECT, template, deployment.rollback(),
                (tenant, since) -> plane.deployments().othersOnTenantSince(tenant, deployment.id(), deployment.rollback(), since));
        Map<TenantId, String> unread = new LinkedHashMap<>();
        for (TaskRecord task : tasks) {
            if (task.awaitsReconciling()) {
                String why = reconcile(deployment, task, stopped, readBack);
                if (why != null) {
                    unread.put(task.tenant(), why);
                }
            }
        }
        return plane.deployments().tasks(deployment.id()).stream().map(t -> !unread.containsKey(t.tenant()) ? t
                : new TaskRecord(t.deploymentId(), t.tenant(), t.seq(), t.wave(), t.status(), t.attempts(), t.startedAt(),
                        t.finishedAt(), t.applied(), ErrorCode.INTERRUPTED, unread.get(t.tenant()), t.log(), t.request(), null,
                        t.migration(), t.check(), t.zone()))
                .toList();
    }

    /** Reads the task's target and records what it says; the error to show when it cannot be read, else null. */
    private String reconcile(DeploymentRecord deployment, TaskRecord task, String stopped, HistoryReadBack readBack) {
        var tenant = plane.tenants().find(task.tenant());
        if (tenant.isEmpty()) {
            return stopped + "; " + task.tenant() + " is no longer registered, so its history cannot be read: what the task"
                    + " applied is not known here (`flotilla tenants add` it again to see)";
        }
        Duration wait = ConnectTimeout.current();
        return retries.oneTry(deployment.id(), task.tenant(), wait, () -> readTarget(deployment, task, tenant.get().tenant(),
                stopped, readBack), () -> stillBeingRead(deployment, stopped, wait));
    }

    /** The error of a task whose target another look is reading, which this look stopped waiting for. */
    static String stillBeingRead(DeploymentRecord deployment, String stopped, Duration wait) {
        return stopped + "; its target's history is being read for another look at this deployment, which had not answered"
                + " when this one stopped waiting for it (after at most " + (wait.toMillis() % 1000 == 0 ? wait.toSeconds()
                + " s" : wait.toMillis() + " ms") + ", the connect timeout): what the task applied is not known yet;"
                + " showing the deployment again shows what that read found, `" + deployment.resumeCommand()
                + "` reads it back as it continues";
    }

    /**
     * Reads the task's target unless a failed try of it is still backing off (one look at a time: see
     * {@link HistoryRetries#oneTry}); the error to show, else null.
     */
    private String readTarget(DeploymentRecord deployment, TaskRecord task, Tenant tenant, String stopped,
            HistoryReadBack readBack) {
        HistoryRetries.Failed waiting = retries.waiting(deployment.id(), task.tenant());
        if (waiting != null) {
            return waiting.error();
        }
        TenantTarget target = TenantTarget.of(tenant, tenancy);
        List<AppliedMigration> rows;
        try {
            rows = task.startedAt() == null ? List.of() : readBack.since(target, deployment.id(), task.applied(), task.startedAt(), null,
                    task.zone());
        } catch (FlotillaException e) {
            return unread(deployment, task, stopped, "(" + e.code() + ": " + target.target().scrub(e.getMessage()) + ")");
        }
        retries.read(deployment.id(), task.tenant());
        List<String> applied = rows.stream().filter(AppliedMigration::success).map(HistoryReadBack::name).toList();
        String error = stopped + "; " + said(deployment, task, rows, applied) + backup(deployment, task)
                + remedy(deployment, task, rows);
        plane.deployments().taskReconciled(deployment.id(), task.tenant(), applied, error,
                "interrupted (read from the history table): " + error + "\n");
        return null;
    }

    /** The error of a task whose target could not be read ({@code why}), remembered to be shown until it is tried again. */
    String unread(DeploymentRecord deployment, TaskRecord task, String stopped, String why) {
        String resume = "`" + deployment.resumeCommand() + "` reads it back as it continues";
        if (!retries.backsOff()) {
            return stopped + "; its target's history could not be read now " + why + ": what the task applied is not"
                    + " known yet; showing the deployment again reads it, " + resume;
        }
        Instant tried = retries.now();
        Instant retryAfter = retries.retryAfter(tried);
        String error = stopped + "; its target's history could not be read at " + TIME.format(tried) + " " + why
                + ": what the task applied is not known yet; it is tried again when the deployment is shown after "
                + TIME.format(retryAfter) + ", `flotilla deployments show " + deployment.id() + "` tries it at once, " + resume;
        retries.failed(deployment.id(), task.tenant(), new HistoryRetries.Failed(error, retryAfter));
        return error;
    }

    /**
     * What the history says: the versions applied (or undone) since the task started, and the file of one stopped part
     * way (its version alone would read as a count beside "1 applied").
     */
    private String said(DeploymentRecord deployment, TaskRecord task, List<AppliedMigration> rows, List<String> applied) {
        String verb = deployment.rollback() ? "undone" : "applied";
        String since = task.startedAt() == null ? "" : " since the task started at " + TIME.format(task.startedAt());
        String shows = "the target's history shows " + (applied.isEmpty() ? "nothing " + verb
                : String.join(", ", applied) + " " + verb) + since;
        AppliedMigration cut = cutOff(rows);
        return cut == null ? shows + ", nothing after " + (applied.isEmpty() ? "it" : "them")
                : shows + ", " + named(cut.script()) + " stopped part way (" + (cut.failedStatement() == null
                        ? "its statements are not counted" : "statements before #" + cut.failedStatement() + " committed; #"
                        + cut.failedStatement() + " may or may not have taken effect") + ")";
    }

    /** The row of a migration the process died in while its statements committed one by one (MariaDB, H2), or null. */
    private static AppliedMigration cutOff(List<AppliedMigration> rows) {
        return rows.stream().filter(m -> !m.success() && AppliedMigration.INTERRUPTED.equals(m.error())).reduce((a, b) -> b)
                .orElse(null);
    }

    private String backup(DeploymentRecord deployment, TaskRecord task) {
        return plane.backups().forDeployment(deployment.id(), task.tenant())
                .map(b -> "; the backup taken before it: " + b.path()).orElse("; no backup of it in the catalog");
    }

    /**
     * What to run next. A migration cut off between statements cannot be repaired by removing its record (repair refuses:
     * its committed statements would run again), so its two ways on are named: finish it by hand and mark it applied, or
     * undo it by hand and run it again from the start; a repeatable, which has no version to mark, has the second only.
     * A down file cut off gets {@link FailedRollback}'s ways: plain repair would put the migration back to applied, and the
     * resume would run the down file from statement 1 again, failing on what it undid already.
     */
    private String remedy(DeploymentRecord deployment, TaskRecord task, List<AppliedMigration> rows) {
        String resume = "`" + deployment.resumeCommand() + "`";
        AppliedMigration cut = cutOff(rows);
        if (cut == null) {
            return "; run " + resume + ".";
        }
        String repair = "`flotilla repair --tenants " + task.tenant();
        if (cut.failedStatement() == null) {
            return "; check what it did and run " + repair + "`, which names how to finish it, then " + resume + ".";
        }
        int at = cut.failedStatement();
        String file = named(cut.script());
        if (deployment.rollback()) {
            return ". " + FailedRollback.remedy(cut.version(), file, at, null, true).forTenant(task.tenant()).text()
                    + " Then run " + resume + ".";
        }
        if (cut.version() == null) {
            return "; check what statement #" + at + " did, then undo by hand what its statements #1 to #" + at + " did (unless"
                    + " they can run again as they are: CREATE OR REPLACE, IF NOT EXISTS) and run " + repair
                    + " --rerun-from-start`, which runs " + file + " again from its first statement; then " + resume + ".";
        }
        return "; check what statement #" + at + " did, then either finish " + file + " by hand from statement #" + at
                + " and run " + repair + " --mark-applied " + cut.version() + "`, or undo by hand what its statements #1 to #"
                + at + " did and run " + repair + " --rerun-from-start`; then " + resume + ".";
    }

    /**
     * A file the history names, as messages name it: by its path where one of several folders of the tenants' options
     * holds it ({@link dev.flotilla.migration.MigrationFolders#recorded}), read from the folders without loading them.
     */
    private String named(String script) {
        return template.folders() == null ? script : template.folders().recorded(script);
    }
}
