package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.FailedRollback;
import dev.flotilla.plan.MigrationState;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.plan.Remedy;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.HistoryTable;
import dev.flotilla.target.TargetSession;
import java.util.ArrayList;
import java.util.List;

/** {@code repair}: resolves failed records and, when asked, accepts edited files. Runs under the target lock. */
public final class HistoryRepair {
    private final TargetOptions options;
    private final LoadedMigrations migrations;

    public HistoryRepair(TargetOptions options, LoadedMigrations migrations) {
        this.options = options;
        this.migrations = migrations;
    }

    public HistoryChange repair(RepairRequest request) {
        return TargetWork.run(options, false, true, session -> {
            HistoryTable history = session.history();
            String target = session.spec().displayName();
            List<String> actions = new ArrayList<>();
            if (!history.exists()) {
                actions.add("No history table on " + target + ": nothing to repair.");
                return new HistoryChange("repair", target, actions);
            }
            TargetPlan plan = PendingScripts.planOf(options, migrations, session, history.read());
            List<MigrationStatus> failed = plan.statuses().stream().filter(s -> s.state() == MigrationState.FAILED).toList();
            if (request.markApplied() != null) {
                actions.add(markApplied(history, failedOne(plan, failed, request.markApplied(), "--mark-applied", target)));
            } else if (request.markUndone() != null) {
                actions.add(markUndone(session, failedOne(plan, failed, request.markUndone(), "--mark-undone", target)));
            } else {
                if (!request.rerunFromStart()) {
                    refuseWhereStatementsStayApplied(session, failed, target);
                }
                for (MigrationStatus status : failed) {
                    history.delete(status.latest().rank());
                    actions.add(removed(status));
                }
            }
            if (request.realignChecksums()) {
                for (MigrationStatus status : plan.statuses()) {
                    if (status.state() == MigrationState.DRIFTED) {
                        history.updateChecksum(status.latest().rank(), status.file().checksum());
                        actions.add("Recorded the edited checksum of " + named(status.script()) + ".");
                    }
                }
            }
            if (actions.isEmpty()) {
                actions.add("Nothing to repair on " + target + ": no failed migration"
                        + (request.realignChecksums() ? " and no edited file." : "."));
            }
            return new HistoryChange("repair", target, actions);
        });
    }

    /** Before anything is removed: a failed migration with statements that stay applied is the user's to revert first. */
    private void refuseWhereStatementsStayApplied(TargetSession session, List<MigrationStatus> failed, String target) {
        for (MigrationStatus status : failed) {
            if (PartlyApplied.holds(status.latest())) {
                PreparedScript script = status.file() == null ? null
                        : PendingScripts.preparer(options, session.dialect(), session.schema()).up(status.file());
                throw PartlyApplied.refusal(status, script, named(status.latest().script()), target, session.dialect());
            }
        }
    }

    private static MigrationStatus failedOne(TargetPlan plan, List<MigrationStatus> failed, MigrationVersion version,
                                             String flag, String target) {
        return plan.find(version).filter(failed::contains).orElseThrow(() -> new FlotillaException(ErrorCode.BAD_USAGE,
                "Version " + version + " is not recorded as failed on " + target + "; " + flag + " only resolves a failed "
                        + (flag.equals("--mark-undone") ? "rollback." : "migration.")));
    }

    /** A migration finished by hand. Not a rollback's record: "applied" would record the opposite of its run. */
    private String markApplied(HistoryTable history, MigrationStatus status) throws java.sql.SQLException {
        AppliedMigration row = status.latest();
        if (row.kind() == MigrationKind.UNDO) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, Advice.of("Version " + status.version() + "'s failed record"
                    + " is its rollback (" + named(row.script()) + "), not the migration: if you finished the rollback by hand, run ",
                    Remedy.of("repair", "--mark-undone", status.version()), "; if you redid by hand what the down file"
                    + " undid, run ", Remedy.of("repair"), ", which records version " + status.version() + " as applied again."));
        }
        history.markSucceeded(row.rank());
        return "Marked " + status.label() + " as applied (finished by hand)" + withFileChecksum(history, status) + ".";
    }

    /**
     * A rollback finished by hand (the rest of its down file run by the user): its record is marked done, as the
     * rollback would have left it, and the repeatables applied over the migration are marked to run again as a
     * rollback marks them. Only a rollback's record: a failed migration undone by hand is what plain repair removes.
     */
    private String markUndone(TargetSession session, MigrationStatus status) throws java.sql.SQLException {
        AppliedMigration row = status.latest();
        if (row.kind() != MigrationKind.UNDO) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, Advice.of("Version " + status.version() + "'s failed record"
                    + " is the migration itself, not a rollback: --mark-undone only resolves a failed rollback. If you undid"
                    + " by hand what of it ran, run ", Remedy.of("repair"), " (it removes the failed record: version "
                    + status.version() + " is pending again)."));
        }
        HistoryTable history = session.history();
        history.markSucceeded(row.rank());
        List<String> again = RepeatableMarks.write(session.connection(), history,
                dev.flotilla.plan.UndoneRepeatables.in(history.read()), options.installedBy());
        return "Marked the rollback of " + status.label() + " as finished by hand (" + named(row.script()) + (row.failedStatement()
                == null ? ", no failed statement recorded" : " stopped at statement " + row.failedStatement()) + "): version " + status.version() + " is recorded as undone and pending again"
                + (again.isEmpty() ? "" : "; " + String.join(", ", again) + " will run again too, applied over it") + ".";
    }

    /**
     * The user says the file as it is now is what the target has (often fixed after the failed run): its checksum is
     * recorded, or the next run would call the fixed file edited after it was applied.
     */
    private String withFileChecksum(HistoryTable history, MigrationStatus status) throws java.sql.SQLException {
        if (status.file() == null) {
            return "; its file is gone, so the failed run's checksum stays recorded";
        }
        String now = status.file().checksum();
        boolean edited = !now.equals(status.latest().checksum());
        if (edited) {
            history.updateChecksum(status.latest().rank(), now);
        }
        return ", with the checksum of " + named(status.script()) + " as it is now" + (edited ? " (edited since the failed run)" : "");
    }

    /** A file a history row names, as messages name it: its path among several folders ({@link LoadedMigrations#recorded}). */
    private String named(String script) {
        return migrations.recorded(script);
    }

    private static String firstStatements(int count) {
        return count == 1 ? "statement 1" : "statements 1-" + count;
    }

    /**
     * What removing the record of a run that died during statement {@code at} means: that statement's effect is not
     * known (the database may have finished it after the run was gone), so it must be checked, not assumed undone. A
     * migration's is removed only when the user said it is to run again from its start (--rerun-from-start).
     */
    private String interrupted(MigrationStatus status, int at) {
        if (status.latest().kind() != MigrationKind.UNDO) {
            return "Removed the interrupted record of " + status.label() + " (its run stopped during statement " + at
                    + ", which may or may not have taken effect" + (at > 1 ? ", after " + firstStatements(at - 1) : "")
                    + "); as --rerun-from-start says, it will run again from its first statement.";
        }
        return "Removed the interrupted record of the rollback of " + status.label() + " (down file): its run stopped during"
                + " statement " + at + " (killed or crashed, no error from the database), so statement " + at + " may or"
                + " may not have taken effect" + (at > 1 ? " and " + firstStatements(at - 1) + " stay undone" : "") + "."
                + " The migration counts as applied again: check statement " + at + " of " + named(status.latest().script())
                + " and redo by hand what the down file undid (a rollback runs it from statement 1 and would fail"
                + " on it), or roll back again with the down file holding only what did not take effect (then"
                + " restore the file).";
    }

    /** What removing a failed record means for the target: what stays applied, what runs again. */
    private String removed(MigrationStatus status) {
        AppliedMigration row = status.latest();
        Integer at = row.failedStatement();
        if (row.interruptedOrRunning() && at != null) {
            return interrupted(status, at);
        }
        boolean partly = at != null && at > 1;
        if (row.kind() == MigrationKind.UNDO && at == null) {
            return "Removed the failed rollback of " + status.label() + " (" + named(row.script()) + ", no failed statement"
                    + " recorded, so how much of it took effect is not known); the migration counts as applied again, and"
                    + " a rollback runs " + named(row.script()) + " again from statement 1: redo by hand what of it took effect"
                    + " before rolling back again.";
        }
        if (row.kind() == MigrationKind.UNDO) {
            return "Removed the failed rollback of " + status.label() + " (it had failed at statement " + at + " of "
                    + named(row.script()) + "); the migration counts as applied again" + (partly ? ", but what "
                    + firstStatements(at - 1) + " of " + named(row.script()) + " undid stays undone: redo that by hand before"
                    + " anything else (a rollback runs the down file from statement 1 and would fail on it). To finish the"
                    + " rollback instead, redo nothing: roll back again with the down file holding only "
                    + FailedRollback.statements(at, null) + " (then restore the file)." : "; fix the down file before"
                    + " rolling back again.");
        }
        return "Removed the failed record of " + status.label() + (at == null ? "" : " (it had failed at statement " + at
                + ")") + (partly ? "; what ran of it (" + firstStatements(at - 1) + ") you undid by hand or it runs again as it"
                + " is (--rerun-from-start)" : "") + ": it will run again from its first statement.";
    }
}
