package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.ConnectionSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What a target's history table says a task applied (or, in a rollback, undid) in a span of time, for the runs that
 * could not say it themselves: a run killed part way (read back when the deployment is resumed), and an attempt that
 * threw after committing migrations (a connection lost, a lock timeout recording the next migration). The times are by
 * this process's clock, which wrote the rows' {@code installed_on}; the start is taken to the millisecond below, as the
 * history table may keep no finer. Thread-safe.
 */
final class HistoryReadBack {
    private final ConnectionSource connections;
    private final TargetOptions template;
    private final boolean undoing;

    /** @param undoing reads what a rollback undid (its {@code UNDO} rows), else what a deploy applied */
    HistoryReadBack(ConnectionSource connections, TargetOptions template, boolean undoing) {
        this.connections = connections;
        this.template = template;
        this.undoing = undoing;
    }

    /**
     * The migrations the target's history has as successfully applied (or undone) from {@code since} and before
     * {@code until} (null: until now), oldest first. Throws as the target's other work does when it cannot be read.
     */
    List<AppliedMigration> between(TenantTarget target, Instant since, Instant until) {
        return since(target, since).stream().filter(m -> m.success() && (until == null || m.installedOn().isBefore(until)))
                .toList();
    }

    /**
     * Every row of the kind this reads (applied, or undone) the target's history has from {@code since} on, whatever
     * its outcome (a row stopped mid-statement too), oldest first. Throws as {@link #between} does.
     */
    List<AppliedMigration> since(TenantTarget target, Instant since) {
        Instant from = since.truncatedTo(ChronoUnit.MILLIS);
        TargetOptions options = template.forTarget(target.target(), target.tenant().id().value());
        return TargetWork.run(connections, options, false, false, session -> session.history().exists()
                ? session.history().read().stream().filter(m -> m.installedOn() != null && !m.installedOn().isBefore(from)
                        && (undoing ? m.kind() == MigrationKind.UNDO && m.version() != null : m.kind() != MigrationKind.UNDO))
                        .toList()
                : List.<AppliedMigration>of());
    }

    /**
     * What the history says a killed run applied (or undid) since it started the task, but for what the tasks of other
     * deployments ({@code others}) recorded as theirs (see {@link #notClaimed}), said in the task's log.
     */
    List<String> byKilledRun(TenantTarget target, Instant since, List<TaskRecord> others, StringBuilder log) {
        List<String> found = notClaimed(between(target, since, null), others).stream().map(HistoryReadBack::name).toList();
        if (!found.isEmpty()) {
            log.append(said("the interrupted attempt")).append(String.join(", ", found)).append('\n');
        }
        return found;
    }

    /**
     * The rows no other deployment's task recorded as its own. A task is started before its target's lock is taken, so
     * its history since then may hold what another deployment applied while this one waited for the lock, or after this
     * one's process died: a row is that one's when it names a version that task applied and was written while it ran.
     */
    static List<AppliedMigration> notClaimed(List<AppliedMigration> rows, List<TaskRecord> others) {
        return rows.stream().filter(row -> others.stream().noneMatch(other -> other.startedAt() != null
                && other.applied().contains(name(row))
                && !row.installedOn().isBefore(other.startedAt().truncatedTo(ChronoUnit.MILLIS))
                && (other.finishedAt() == null || !row.installedOn().isAfter(other.finishedAt())))).toList();
    }

    /**
     * Adds to the task's progress what the history says an attempt that threw (started at {@code since}, before
     * {@code until}, null: now) applied or undid, said in its log: its exception told nothing of the migrations it
     * committed before it threw. Whether the history could be read; when it could not and this was the {@code last}
     * chance to, the log says that the task's record may miss some.
     */
    boolean byThrownAttempt(TenantTarget target, Instant since, Instant until, RunProgress progress,
                            StringBuilder log, boolean last) {
        try {
            List<AppliedMigration> read = between(target, since, until);
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
