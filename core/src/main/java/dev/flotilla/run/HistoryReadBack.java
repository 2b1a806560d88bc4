package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.ConnectionSource;
import dev.flotilla.tenant.TenantId;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What a target's history table says a task applied (or, in a rollback, undid) in a span of time, for the runs that
 * could not say it themselves: a run killed part way (read back when the deployment is resumed), and an attempt that
 * threw after committing migrations (a connection lost, a lock timeout recording the next migration). A deployment's
 * rows name it ({@link DeploymentMark}): those are matched by the name, with no clock compared. For unmarked rows (an
 * older Flotilla's, a single-target command's), a task's start is
 * by the clock of the process that ran it, which wrote the rows' {@code installed_on} in its own time zone: each row is
 * read in that zone ({@link AppliedMigration#writtenAt}), whatever this process's; the start is taken to the millisecond below, as the
 * history table may keep no finer. Rows other deployments' tasks recorded as theirs are left out. Thread-safe.
 */
final class HistoryReadBack {
    private final ConnectionSource connections;
    private final TargetOptions template;
    private final boolean undoing;
    private final Claims claims;

    /** The tasks of other deployments going the same way that worked on a tenant since a time: see {@link #notClaimed}. */
    interface Claims {
        List<TaskRecord> since(TenantId tenant, Instant since);
    }

    /**
     * @param undoing reads what a rollback undid (its {@code UNDO} rows), else what a deploy applied
     * @param claims the other deployments' tasks on a tenant, whose rows are theirs (asked only when rows were read)
     */
    HistoryReadBack(ConnectionSource connections, TargetOptions template, boolean undoing, Claims claims) {
        this.connections = connections;
        this.template = template;
        this.undoing = undoing;
        this.claims = claims;
    }

    /**
     * Every row of the kind this reads (applied, or undone) that a task of {@code deployment} wrote but for those its
     * finished runs already recorded ({@code recorded}, names as {@link #name} gives them, each counted once), whatever
     * its outcome (a row stopped mid-statement too); oldest first. A row marked with the deployment ({@link DeploymentMark})
     * is the task's whatever the time it carries: the clock of its host may have been stepped back since the task started
     * (NTP), dating its rows before that start. A row marked with another deployment is never the task's. An unmarked
     * row (an older Flotilla's, a single-target command's) is the task's when it was written after {@code since}, by a
     * process of time zone {@code zone} (null: not known), before {@code until} (null: now), and no task of another
     * deployment recorded it as its own (see {@link #notClaimed}). Throws as the target's other work does when it cannot
     * be read.
     */
    List<AppliedMigration> since(TenantTarget target, String deployment, List<String> recorded, Instant since,
                                 Instant until, ZoneId zone) {
        Instant from = since.truncatedTo(ChronoUnit.MILLIS);
        TargetOptions options = template.forTarget(target.target(), target.tenant().id().value());
        List<AppliedMigration> read = TargetWork.run(connections, options, false, false, session -> session.history().exists()
                ? session.history().read().stream().filter(m -> m.installedOn() != null
                        && (undoing ? m.kind() == MigrationKind.UNDO && m.version() != null : m.kind() != MigrationKind.UNDO)
                        && ofThisOrNone(m, deployment))
                        .toList()
                : List.<AppliedMigration>of());
        List<String> earlier = new ArrayList<>(recorded);
        // The task's own rows but those recorded: what an earlier run of the task applied is in its record already.
        List<AppliedMigration> marked = read.stream().filter(row -> DeploymentMark.of(row) != null
                && !(row.success() && earlier.remove(name(row)))).toList();
        // A time the writer's clock showed twice is the task's when either of the two is in its span.
        List<AppliedMigration> unmarked = read.stream().filter(row -> DeploymentMark.of(row) == null && row.mayBeWrittenAt(zone)
                .stream().anyMatch(at -> !at.isBefore(from) && (until == null || at.isBefore(until)))).toList();
        if (unmarked.isEmpty()) {
            return marked;
        }
        List<AppliedMigration> others = notClaimed(unmarked, claims.since(target.tenant().id(), since));
        return read.stream().filter(row -> marked.contains(row) || others.contains(row)).toList();
    }

    /** Whether {@code row} was written by {@code deployment}, or says by none. */
    private static boolean ofThisOrNone(AppliedMigration row, String deployment) {
        String mark = DeploymentMark.of(row);
        return mark == null || mark.equals(deployment);
    }

    /**
     * What the history says a killed run of the task ({@code killed}, as that run recorded it) applied (or undid), said
     * in the task's log: its deployment's rows but what the task's earlier runs recorded, and the unmarked rows written
     * since it started the task but what the tasks of other deployments recorded as theirs (see {@link #since}).
     */
    List<String> byKilledRun(TenantTarget target, TaskRecord killed, StringBuilder log) {
        List<String> found = since(target, killed.deploymentId(), killed.applied(), killed.startedAt(), null, killed.zone())
                .stream().filter(AppliedMigration::success).map(HistoryReadBack::name).toList();
        if (!found.isEmpty()) {
            log.append(said("the interrupted attempt")).append(String.join(", ", found)).append('\n');
        }
        return found;
    }

    /**
     * The rows no other deployment's task recorded as its own. A task is started before its target's lock is taken, so
     * its history since then may hold what another deployment applied while this one waited for the lock, or after this
     * one's process died: a row is that one's when it names a version that task applied and was written while it ran,
     * by the clock of that task's process.
     */
    private static List<AppliedMigration> notClaimed(List<AppliedMigration> rows, List<TaskRecord> others) {
        return rows.stream().filter(row -> others.stream().noneMatch(other -> other.startedAt() != null
                && other.applied().contains(name(row))
                && row.mayBeWrittenAt(other.zone()).stream().anyMatch(at -> ranWhenWritten(other, at))))
                .toList();
    }

    private static boolean ranWhenWritten(TaskRecord task, Instant written) {
        return !written.isBefore(task.startedAt().truncatedTo(ChronoUnit.MILLIS))
                && (task.finishedAt() == null || !written.isAfter(task.finishedAt()));
    }

    /**
     * Adds to the task's progress what the history says an attempt that threw (started at {@code since}, before
     * {@code until}, null: now) applied or undid, said in its log: its exception told nothing of the migrations it
     * committed before it threw. What the tasks of other deployments recorded as theirs is not the attempt's (one that
     * held the target's lock while the attempt waited for it, which then timed out). Whether the history could be read; when it could not and this was the {@code last}
     * chance to, the log says that the task's record may miss some.
     */
    boolean byThrownAttempt(TenantTarget target, String deployment, Instant since, Instant until, RunProgress progress,
                            StringBuilder log, boolean last) {
        try {
            // Written by this process: in its own zone.
            List<AppliedMigration> read = since(target, deployment, progress.known(), since, until, ZoneId.systemDefault()).stream()
                    .filter(AppliedMigration::success).toList();
            if (!read.isEmpty()) {
                log.append(said("the failed attempt")).append(String.join(", ", read.stream().map(HistoryReadBack::name)
                        .toList())).append('\n');
            }
            progress.addReadBack(read);
            return true;
        } catch (FlotillaException e) {
            if (last) {
                log.append("could not read the history table after the failed attempt (").append(e.getMessage())
                        .append("): anything it ").append(undoing ? "undid" : "applied").append(" before it failed is not"
                        + " in this task's record; `flotilla status --fleet --live` shows the tenant's version\n");
            }
            return false;
        }
    }

    static String name(AppliedMigration migration) {
        return migration.version() != null ? migration.version() : migration.script();
    }

    /** How the task's log introduces what was read back for {@code whom} ("the interrupted attempt"). */
    private String said(String whom) {
        return (undoing ? "undone by " : "applied by ") + whom + " (from the history table): ";
    }
}
