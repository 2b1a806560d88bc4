package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.SqlStatement;
import dev.flotilla.target.TargetSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The dry-run executor: runs every script in one transaction and rolls it all back at the end, so later
 * scripts see what earlier ones did and the target keeps nothing, history table included. Only for
 * dialects with transactional DDL; the others need a scratch clone, which is not supported yet.
 */
final class RollingBackExecutor implements MigrationExecutor {
    private final TargetSession session;

    RollingBackExecutor(TargetSession session) {
        this.session = session;
    }

    @Override
    public void begin() throws SQLException {
        if (!session.dialect().transactionalDdl()) {
            throw new FlotillaException(ErrorCode.NOT_SUPPORTED_YET, "Dry run on " + session.dialect().name()
                    + " is not supported yet: its DDL commits by itself, so a dry run needs a scratch clone of the"
                    + " schema (planned with the dry-run issue). Try the migrations on a copy of the target instead.");
        }
        session.connection().setAutoCommit(false);
        if (!session.schemaExists()) {
            session.dialect().useSchema(session.connection(), session.schema(), true);
        }
    }

    @Override
    public MigrationRun run(PreparedScript script) throws SQLException {
        if (!script.transactional()) {
            SqlStatement statement = script.firstNonTransactional().orElseThrow();
            return new MigrationRun(script.version(), script.description(), script.script(), script.kind(),
                    MigrationRun.Outcome.FAILED, false, List.of(), 0, null, ErrorCode.NOT_SUPPORTED_YET,
                    script.script() + " line " + statement.line() + " cannot run inside a transaction ("
                            + firstWords(statement.sql()) + "), so it cannot be dry-run by rolling back; dry run on a"
                            + " scratch clone is not supported yet. Nothing was kept.");
        }
        Connection connection = session.connection();
        long start = System.nanoTime();
        List<StatementRun> done = new ArrayList<>();
        SQLException failure = StatementExecution.runUntilFailure(connection, script, done);
        if (failure != null) {
            return StatementFailure.of(script, done.size() + 1, failure, done, ApplyingExecutor.millisSince(start),
                    session.dialect(), session.spec(), StatementFailure.Aftermath.DRY_RUN, true);
        }
        return ApplyingExecutor.applied(script, true, done, ApplyingExecutor.millisSince(start));
    }

    @Override
    public void finish() throws SQLException {
        Connection connection = session.connection();
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static String firstWords(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
