package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlStatement;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSpec;
import java.sql.SQLException;
import java.util.List;

/** Builds the record and message of a statement that failed: what, where, the database's code, what next. */
final class StatementFailure {
    /** What became of the statements that ran before the failing one. */
    enum Aftermath { ROLLED_BACK, KEPT_AND_RECORDED, NOTHING_RAN, DRY_RUN, INVALID_INDEX_LEFT }

    private StatementFailure() {
    }

    static MigrationRun of(PreparedScript script, int index, SQLException e, List<StatementRun> done, long millis,
                           Dialect dialect, TargetSpec target, Aftermath aftermath, boolean transactional) {
        return of(script, index, e, done, millis, dialect, target, aftermath, transactional, "");
    }

    /** @param cleanup what became of an INVALID index the statement left (a sentence with its leading space), or "" */
    static MigrationRun of(PreparedScript script, int index, SQLException e, List<StatementRun> done, long millis,
                           Dialect dialect, TargetSpec target, Aftermath aftermath, boolean transactional, String cleanup) {
        SqlStatement statement = script.statements().get(index - 1);
        ErrorCode code = dialect.isLockTimeout(e) ? ErrorCode.LOCK_TIMEOUT
                : dialect.isDeadlock(e) ? ErrorCode.DEADLOCK : ErrorCode.SQL_ERROR;
        String message = script.script() + " failed at statement " + index + " of " + script.statements().size()
                + " (line " + statement.line() + ") on " + target.displayName() + Failures.sqlState(e) + ": "
                + Failures.sentence(target.scrub(String.valueOf(e.getMessage()))) + cleanup + " " + (Failures.readOnly(target, e)
                && aftermath != Aftermath.DRY_RUN ? Failures.READ_ONLY_REMEDY : remedy(script, index, aftermath, code));
        return new MigrationRun(script.version(), script.description(), script.script(), script.kind(),
                MigrationRun.Outcome.FAILED, transactional, done, millis, index, code, message);
    }

    private static String remedy(PreparedScript script, int index, Aftermath aftermath, ErrorCode code) {
        String lock = code == ErrorCode.LOCK_TIMEOUT
                ? "A lock the statement needed is held by other sessions (application traffic?); retry at a quieter time"
                  + " or raise --lock-timeout (deploy.lockTimeout in flotilla.yml for the fleet). "
                : code == ErrorCode.DEADLOCK ? "The database chose this statement as a deadlock victim; running it again"
                  + " usually succeeds. " : "";
        return lock + switch (aftermath) {
            case ROLLED_BACK -> "Nothing of it was kept: the transaction was rolled back. " + (code == ErrorCode.SQL_ERROR
                    ? "Fix the script and run again." : "The script needs no change: run it again.");
            case DRY_RUN -> "This was a dry run: nothing was kept.";
            case INVALID_INDEX_LEFT -> "The target is recorded as failed at statement " + index + ": once the index is"
                    + " dropped, run `flotilla repair` and deploy again.";
            case NOTHING_RAN -> "No statement of it ran and nothing was recorded: run it again (a deploy retries it with"
                    + " --retries).";
            case KEPT_AND_RECORDED -> script.kind() == MigrationKind.UNDO ? dev.flotilla.plan.FailedRollback.remedy(
                    script.version(), script.script(), index, script.statements().size(), false) : index > 1 ? "S" + dev.flotilla.plan.StatementRange.appliedUpTo(index - 1).substring(1) + " (this database commits"
                    + " each statement) and the target is recorded as failed at statement " + index + ". "
                    + "Nothing more runs on this target until you undo the applied part by hand and run `flotilla repair"
                    + " --rerun-from-start`, or"
                    + " finish it by hand and run `flotilla repair --mark-applied " + (script.version() == null
                    ? "<version>" : script.version()) + "`."
                    : "No statement of it was applied, but the target is recorded as failed at statement 1: nothing more"
                    + " runs on it until `flotilla repair` clears the record; fix the script first.";
        };
    }
}
