package dev.flotilla.run;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.target.TargetSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The transaction dry-run executor: runs every script in one transaction and rolls it all back at the end, so
 * later scripts see what earlier ones did and the target keeps nothing, history table included. Snapshots the
 * schema before the rollback, for the diff against the schema the dry run read just before the transaction (it
 * checks afterwards that the target is still as it was then, so a change in between does not go unnoticed).
 * Only for dialects with transactional DDL and scripts without statements that refuse a transaction;
 * {@link DryRunner} sends the rest to a clone.
 */
final class RollingBackExecutor implements MigrationExecutor {
    /** Work done on the migrated schema inside the transaction, just before it is rolled back. */
    @FunctionalInterface
    interface BeforeRollback {
        void run(SchemaSnapshot after) throws SQLException;

        BeforeRollback NOTHING = after -> { };
    }

    private final TargetSession session;
    private final SnapshotReader reader;
    private final BeforeRollback beforeRollback;
    private final SchemaSnapshot before;
    private final java.time.Duration statementTimeout;
    private SchemaSnapshot after;
    /** The script that failed, and its statement's error; null while none has. */
    private MigrationRun failedRun;
    private FailedStatement failure;

    /**
     * @param before the target's schema, read just before the transaction begins
     * @param statementTimeout the session's statement timeout (null: the server's), named when a statement runs over it
     */
    RollingBackExecutor(TargetSession session, SchemaSnapshot before, BeforeRollback beforeRollback,
                        java.time.Duration statementTimeout) {
        this.session = session;
        this.statementTimeout = statementTimeout;
        this.before = before;
        this.reader = SnapshotReader.forDialect(session.dialect());
        this.beforeRollback = beforeRollback;
    }

    @Override
    public void begin() throws SQLException {
        session.connection().setAutoCommit(false);
        if (!session.schemaExists()) {
            session.dialect().useSchema(session.connection(), session.schema(), true);
        }
    }

    @Override
    public MigrationRun run(PreparedScript script) throws SQLException {
        Connection connection = session.connection();
        long start = System.nanoTime();
        List<StatementRun> done = new ArrayList<>();
        FailedStatement failure = StatementExecution.runUntilFailure(connection, script, done);
        if (failure != null) {
            Connection holdersFrom = null;
            if (session.dialect().isLockTimeout(failure.error())) {
                // The transaction is aborted (PostgreSQL refuses every query in it) and keeps nothing after a failure:
                // rolled back now, as a deploy's is, its connection can say who holds the tables. finish() ends the rest.
                connection.rollback();
                holdersFrom = connection;
            }
            this.failure = failure;
            failedRun = new StatementFailure(session.dialect(), session.spec(), statementTimeout, holdersFrom, session.schema())
                    .of(script, done.size() + 1, failure, done, ApplyingExecutor.millisSince(start),
                            StatementFailure.Aftermath.DRY_RUN, true);
            return failedRun;
        }
        return ApplyingExecutor.applied(script, true, done, ApplyingExecutor.millisSince(start));
    }

    /**
     * Rolls the transaction back. Where a statement failed and the rollback fails too (the statement closed the
     * connection: it ended its own session, or another session killed it), the statement's own error is what is thrown,
     * the rollback's failure suppressed, not a "connection closed" in its place.
     */
    @Override
    public void finish() throws SQLException {
        Connection connection = session.connection();
        try {
            if (!connection.getAutoCommit()) {
                try {
                    if (failedRun == null) {
                        // PostgreSQL refuses every query in a transaction after an error: no snapshot then.
                        after = snapshot();
                        beforeRollback.run(after);
                    }
                } finally {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            if (failedRun == null) {
                throw e;
            }
            throw StatementFailure.toldFirst(failedRun, failure, session.spec(), "Rolling back the dry run's transaction", e,
                    " Nothing of it was kept: a transaction not committed ends with its connection.");
        }
    }

    /** The schema before the first script. */
    SchemaSnapshot before() {
        return before;
    }

    /** The schema after the last script, before the rollback; null when a script failed. */
    SchemaSnapshot after() {
        return after;
    }

    private SchemaSnapshot snapshot() throws SQLException {
        return reader.read(session.connection(), session.schema(), SnapshotReader.flotillaTables(session));
    }
}
