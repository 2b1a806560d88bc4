package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.plan.MigrationState;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.HistoryTable;
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
            TargetPlan plan = TargetPlan.of(migrations, history.read(), target);
            List<MigrationStatus> failed = plan.statuses().stream().filter(s -> s.state() == MigrationState.FAILED).toList();
            if (request.markApplied() != null) {
                MigrationStatus status = plan.find(request.markApplied()).filter(failed::contains).orElseThrow(() ->
                        new FlotillaException(ErrorCode.BAD_USAGE, "Version " + request.markApplied() + " is not recorded as"
                                + " failed on " + target + "; --mark-applied only resolves a failed migration."));
                AppliedMigration row = status.latest();
                history.markSucceeded(row.rank());
                actions.add(row.kind() == MigrationKind.UNDO
                        ? "Marked the rollback of " + status.label() + " as finished: it is pending again."
                        : "Marked " + status.label() + " as applied (finished by hand)" + withFileChecksum(history, status) + ".");
            } else {
                for (MigrationStatus status : failed) {
                    history.delete(status.latest().rank());
                    actions.add(removed(status));
                }
            }
            if (request.realignChecksums()) {
                for (MigrationStatus status : plan.statuses()) {
                    if (status.state() == MigrationState.DRIFTED) {
                        history.updateChecksum(status.latest().rank(), status.file().checksum());
                        actions.add("Recorded the edited checksum of " + status.script() + ".");
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

    /**
     * The user says the file as it is now is what the target has (often fixed after the failed run): its checksum is
     * recorded, or the next run would call the fixed file edited after it was applied.
     */
    private static String withFileChecksum(HistoryTable history, MigrationStatus status) throws java.sql.SQLException {
        if (status.file() == null) {
            return "; its file is gone, so the failed run's checksum stays recorded";
        }
        String now = status.file().checksum();
        boolean edited = !now.equals(status.latest().checksum());
        if (edited) {
            history.updateChecksum(status.latest().rank(), now);
        }
        return ", with the checksum of " + status.script() + " as it is now" + (edited ? " (edited since the failed run)" : "");
    }

    private static String firstStatements(int count) {
        return count == 1 ? "statement 1" : "statements 1-" + count;
    }

    /**
     * What removing the record of a run that died during statement {@code at} means: that statement's effect is not
     * known (the database may have finished it after the run was gone), so it must be checked, not assumed undone.
     */
    private static String interrupted(MigrationStatus status, int at) {
        boolean undo = status.latest().kind() == MigrationKind.UNDO;
        String what = undo ? "the rollback of " + status.label() + " (down file)" : status.label();
        return "Removed the interrupted record of " + what + ": its run stopped during statement " + at + " (killed or"
                + " crashed, no error from the database), so statement " + at + " may or may not have taken effect"
                + (at > 1 ? " and " + firstStatements(at - 1) + " stay " + (undo ? "undone" : "applied") : "") + "."
                + (undo ? " The migration counts as applied again: check statement " + at + " of the down file and redo by"
                        + " hand what the down file ran, or roll it back again."
                        : " It will run again from its first statement: check whether statement " + at + " took effect and undo"
                        + " by hand what did before the next migrate, or finish it by hand and use --mark-applied instead.");
    }

    /** What removing a failed record means for the target: what stays applied, what runs again. */
    private static String removed(MigrationStatus status) {
        AppliedMigration row = status.latest();
        Integer at = row.failedStatement();
        if (row.interruptedOrRunning() && at != null) {
            return interrupted(status, at);
        }
        boolean partly = at != null && at > 1;
        if (row.kind() == MigrationKind.UNDO) {
            return "Removed the failed rollback of " + status.label() + " (it had failed at statement " + at + " of the down"
                    + " file); the migration counts as applied again" + (partly ? ", but what the down file ran stays undone ("
                    + firstStatements(at - 1) + "): redo that by hand, or roll it back again once the down file is fixed." : ".");
        }
        return "Removed the failed record of " + status.label() + " (it had failed at statement " + at + "); it will run"
                + " again from its first statement" + (partly ? ", but what ran of it stays applied (" + firstStatements(at - 1)
                + "): undo that by hand first, or finish it by hand and use --mark-applied instead." : ".");
    }
}
