package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.FailedRollback;
import dev.flotilla.plan.Remedy;
import dev.flotilla.plan.StatementRange;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlStatement;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Builds the record and message of a statement that failed: what, where, the database's code, what next. A statement
 * stopped by a timeout or by another session is not blamed on its script; one that timed out waiting for a lock names
 * the sessions holding the schema's tables where the dialect can tell.
 */
final class StatementFailure {
    /**
     * What became of the statements that ran before the failing one. ROLLED_BACK_ON_HISTORY: rolled back on a target
     * whose history already records applied migrations, where baseline is refused.
     */
    enum Aftermath { ROLLED_BACK, ROLLED_BACK_ON_HISTORY, KEPT_AND_RECORDED, NOTHING_RAN, DRY_RUN, INVALID_INDEX_LEFT }

    private final Dialect dialect;
    private final TargetSpec target;
    private final Duration statementTimeout;
    private final Connection holdersFrom;
    private final String schema;

    /**
     * @param statementTimeout the session's statement timeout, null when not known (the server's own)
     * @param holdersFrom where to ask who holds a lock a statement timed out on, once its transaction has ended; null
     *                    where nothing can be asked (a dry run's transaction, aborted until its rollback)
     * @param schema the schema whose tables' holders are named (null: the connection's current one)
     */
    StatementFailure(Dialect dialect, TargetSpec target, Duration statementTimeout, Connection holdersFrom, String schema) {
        this.dialect = dialect;
        this.target = target;
        this.statementTimeout = statementTimeout;
        this.holdersFrom = holdersFrom;
        this.schema = schema;
    }

    MigrationRun of(PreparedScript script, int index, FailedStatement failure, List<StatementRun> done, long millis,
                    Aftermath aftermath, boolean transactional) {
        return of(script, index, failure, done, millis, aftermath, transactional, "");
    }

    /** @param cleanup what became of an INVALID index the statement left (a sentence with its leading space), or "" */
    MigrationRun of(PreparedScript script, int index, FailedStatement failure, List<StatementRun> done, long millis,
                    Aftermath aftermath, boolean transactional, String cleanup) {
        SqlStatement statement = script.statements().get(index - 1);
        SQLException e = failure.error();
        ErrorCode code = code(failure);
        String holders = code == ErrorCode.LOCK_TIMEOUT && holdersFrom != null
                ? target.scrub(dialect.lockHolders(holdersFrom, schema)) : "";
        Advice message = Advice.of(script.shown() + " failed at statement " + index + " of " + script.statements().size()
                + " (line " + statement.line() + ") on " + target.displayName() + Failures.sqlState(e) + ": "
                + Failures.sentence(target.scrub(String.valueOf(e.getMessage()))) + cleanup + " " + advice(e),
                Failures.readOnly(target, e) && aftermath != Aftermath.DRY_RUN ? Failures.READ_ONLY_REMEDY
                : Advice.of(cause(code, aftermath) + (holders.isEmpty() ? "" : holders.strip() + " "),
                remedy(script, index, aftermath, code, fault(e))));
        return new MigrationRun(script.version(), script.description(), script.script(), script.kind(),
                MigrationRun.Outcome.FAILED, transactional, done, millis, index, code, message);
    }

    /**
     * What stopped the statement. Where the database's code does not tell its statement timeout from another session's
     * cancel (PostgreSQL's 57014) and its message does not either (a server with {@code lc_messages} in another
     * language), the time does: a statement that ran as long as the timeout Flotilla set met that timeout, one stopped
     * sooner was canceled. The English message goes first: it is right also when a script set its own timeout.
     */
    ErrorCode code(FailedStatement failure) {
        SQLException e = failure.error();
        if (dialect.isLockTimeout(e)) {
            return ErrorCode.LOCK_TIMEOUT;
        } else if (dialect.isDeadlock(e)) {
            return ErrorCode.DEADLOCK;
        } else if (dialect.isStatementTimeout(e)) {
            return ErrorCode.STATEMENT_TIMEOUT;
        } else if (dialect.isCanceled(e)) {
            return ErrorCode.STATEMENT_CANCELED;
        } else if (statementTimeout != null && dialect.isTimeoutOrCancel(e)) {
            return failure.millis() >= statementTimeout.toMillis() ? ErrorCode.STATEMENT_TIMEOUT : ErrorCode.STATEMENT_CANCELED;
        }
        return ErrorCode.SQL_ERROR;
    }

    /**
     * Why a statement that is not at fault stopped, as a sentence; "" for an error of the statement itself. A dry run
     * waits for locks as long as {@code dryRun.lockTimeout} says, a migration as {@code deploy.lockTimeout}.
     */
    private String cause(ErrorCode code, Aftermath aftermath) {
        return switch (code) {
            case LOCK_TIMEOUT -> "A lock the statement needed is held by other sessions (application traffic?); retry at a"
                    + " quieter time or raise --lock-timeout (" + (aftermath == Aftermath.DRY_RUN ? "dryRun" : "deploy")
                    + ".lockTimeout in flotilla.yml for the fleet). ";
            case DEADLOCK -> "The database chose this statement as a deadlock victim; running it again usually succeeds. ";
            case STATEMENT_TIMEOUT -> "The statement ran longer than the statement timeout" + (statementTimeout == null ? ""
                    : " of " + dev.flotilla.Durations.said(statementTimeout)) + " (--statement-timeout; deploy.statementTimeout in flotilla.yml for"
                    + " the fleet; default 10m) and the database stopped it: the script is not at fault. ";
            case STATEMENT_CANCELED -> "Another session canceled the statement while it ran (pg_cancel_backend or KILL QUERY,"
                    + " by an administrator or a monitoring job): not the statement timeout, and the script is not at fault. ";
            default -> "";
        };
    }

    /** The dialect's advice on the error, followed by a space, or "". */
    private String advice(SQLException e) {
        String advice = dialect.advice(e);
        return advice == null ? "" : advice + " ";
    }

    /** What a statement's own error (not a timeout or a cancel) puts at fault, besides the script. */
    private enum Fault { SCRIPT, ROWS, TARGET }

    private Fault fault(SQLException e) {
        return dialect.isConstraintViolation(e) ? Fault.ROWS
                : ExistingObject.isTheCause(dialect, e) ? Fault.TARGET : Fault.SCRIPT;
    }

    /**
     * @param fault what is to be fixed: the rows where the statement broke a constraint, the target where it already has
     *              what the statement creates, else the script
     */
    private Advice remedy(PreparedScript script, int index, Aftermath aftermath, ErrorCode code, Fault fault) {
        boolean rows = fault == Fault.ROWS;
        boolean there = fault == Fault.TARGET && code == ErrorCode.SQL_ERROR;
        return switch (aftermath) {
            case ROLLED_BACK, ROLLED_BACK_ON_HISTORY -> Advice.of("Nothing of it was kept: the transaction was rolled back. ",
                    there ? ExistingObject.nothingKept(script.version(), aftermath == Aftermath.ROLLED_BACK_ON_HISTORY
                            ? ExistingObject.Run.ON_HISTORY : ExistingObject.Run.DEPLOY)
                    : code == ErrorCode.SQL_ERROR ? Advice.plain((rows ? FIX_ROWS : "Fix the script") + " and run again.")
                            : again(code));
            case DRY_RUN -> code == ErrorCode.STATEMENT_TIMEOUT
                    ? Advice.of("This was a dry run: nothing was kept. ", again(code))
                    : there ? Advice.of("This was a dry run: nothing was kept. ",
                            ExistingObject.nothingKept(script.version(), ExistingObject.Run.DRY_RUN))
                    : Advice.plain("This was a dry run: nothing was kept.");
            case INVALID_INDEX_LEFT -> Advice.of("The target is recorded as failed at statement " + index + ": once the"
                    + " index is dropped, run ", Remedy.of("repair"), " and deploy again.");
            case NOTHING_RAN -> Advice.plain("No statement of it ran and nothing was recorded: run it again (a deploy"
                    + " retries it with --retries).");
            case KEPT_AND_RECORDED -> kept(script, index, code, fault);
        };
    }

    /** What to do about a failed statement whose predecessors committed and whose failure is recorded. */
    private Advice kept(PreparedScript script, int index, ErrorCode code, Fault fault) {
        boolean rows = fault == Fault.ROWS;
        boolean there = fault == Fault.TARGET && code == ErrorCode.SQL_ERROR;
        if (script.kind() == MigrationKind.UNDO) {
            return FailedRollback.remedy(script.version(), script.shown(), index, script.statements().size(), false);
        } else if (index == 1) {
            Advice recorded = Advice.of("No statement of it was applied, but the target is recorded as failed at statement 1:"
                    + " nothing more runs on it until ", Remedy.of("repair"), " clears the record");
            return there ? Advice.of(recorded, ". ", ExistingObject.recordedAtFirst(script.version())) : Advice.of(recorded, "; ",
                    code == ErrorCode.SQL_ERROR ? Advice.plain(rows ? inLowerCase(FIX_ROWS) + " first." : "fix the script first.")
                    : Advice.of("then ", inLowerCase(again(code))));
        }
        return Advice.of("S" + StatementRange.appliedUpTo(index - 1).substring(1) + " ("
                + StatementByStatement.why(dialect, script) + ") and the target is recorded as failed at statement " + index
                + ". Nothing more runs on this target until you undo the applied part by hand and run ",
                Remedy.of("repair", "--rerun-from-start"), script.version() == null
                        ? Advice.plain(" (a repeatable has no version to mark applied: it runs again whole)")
                        : Advice.of(", or finish it by hand and run ", Remedy.of("repair", "--mark-applied", script.version())),
                ".", there ? Advice.plain(ExistingObject.partWay())
                        : code == ErrorCode.SQL_ERROR ? Advice.plain(" " + (rows ? FIX_ROWS : "Fix the script")
                        + " before it runs again, or it fails here again.")
                        : Advice.of(" ", again(code)));
    }

    /**
     * {@code failed}'s own error, told although the next thing done on its connection failed too ({@code doing}: recording
     * the failure, rolling back a dry run): a statement that closed the connection (it ended its own session, or another
     * session killed it) fails that too, with a "connection closed" that must not stand in for it. {@code then} follows,
     * with its leading space. The statement's SQLException is the cause, the later failure is suppressed.
     */
    static FlotillaException toldFirst(MigrationRun failed, FailedStatement failure, TargetSpec target,
            String doing, SQLException later, String then) {
        FlotillaException told = new FlotillaException(failed.errorCode(), Advice.of(failed.advice(),
                " " + doing + " failed too" + Failures.sqlState(later) + ": "
                        + Failures.sentence(target.scrub(String.valueOf(later.getMessage()))) + then), failure.error());
        told.addSuppressed(later);
        return told;
    }

    /**
     * What to do about a statement that was not at fault. The retry of a deployment's failed tenants names the
     * deployment as {@link Remedy#THIS_DEPLOYMENT}: a statement's failure is written for its target, and the deployment
     * running it names itself ({@link Advice#inDeployment}).
     */
    private static Advice again(ErrorCode code) {
        return switch (code) {
            case STATEMENT_TIMEOUT -> Advice.of("Give it more time for this run (--statement-timeout 1h; ",
                    Remedy.retryFailed(Remedy.THIS_DEPLOYMENT, "--statement-timeout", "1h"),
                    " for a deployment's failed tenants), or run it when its tables are quiet.");
            case STATEMENT_CANCELED -> Advice.plain("The script needs no change: run it again once whoever canceled it"
                    + " agrees.");
            default -> Advice.plain("The script needs no change: run it again.");
        };
    }

    /** What to fix when a statement broke a constraint: its rows, wherever they come from, or the script. */
    private static final String FIX_ROWS = "Fix the rows that break the constraint (the target's, or those the script"
            + " writes), or the script if the constraint should not hold for them,";

    private static String inLowerCase(String sentence) {
        return Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }

    /** {@code advice} with its first letter in lower case, to follow "then ". */
    private static Advice inLowerCase(Advice advice) {
        List<Object> parts = new java.util.ArrayList<>(advice.parts());
        String first = (String) parts.get(0);
        parts.set(0, inLowerCase(first));
        return new Advice(parts);
    }
}
