package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.Failures;
import dev.flotilla.target.HistoryTable;
import dev.flotilla.target.TargetSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies scripts and records them. Where DDL is transactional, a script and its history row commit
 * together or not at all. Elsewhere (MariaDB, H2, or a script with {@code CREATE INDEX CONCURRENTLY}) each
 * statement commits by itself: a history row is written before the first statement and advanced after each,
 * so even a crash leaves an exact record of the statement that did not finish. Where DDL is transactional the
 * history table itself is created in the first migration's transaction: one commit, not two.
 */
final class ApplyingExecutor implements MigrationExecutor {
    private static final String INTERRUPTED = AppliedMigration.INTERRUPTED;

    private final TargetSession session;
    private final HistoryTable history;
    private final String installedBy;
    private final StatementFailure failures;
    private final java.util.function.UnaryOperator<String> secrets;
    private boolean broken;

    /**
     * @param statementTimeout the session's statement timeout (null: the server's), named when a statement runs over it
     * @param secrets masks a failure's error before it is written into the target's history (its secret placeholders'
     *     values, which no one reading that table later knows to mask)
     */
    ApplyingExecutor(TargetSession session, String installedBy, java.time.Duration statementTimeout,
                     java.util.function.UnaryOperator<String> secrets) {
        this.session = session;
        this.secrets = secrets;
        this.history = session.history();
        this.installedBy = installedBy;
        // Asked after the failed statement's transaction was rolled back, or outside one.
        this.failures = new StatementFailure(session.dialect(), session.spec(), statementTimeout, session.connection(),
                session.schema());
    }

    @Override
    public void begin() throws SQLException {
        if (!session.dialect().transactionalDdl()) {
            history.createIfMissing();
        }
    }

    @Override
    public MigrationRun run(PreparedScript script) throws SQLException {
        try {
            if (session.dialect().transactionalDdl() && script.transactional()) {
                return inTransaction(script);
            }
            return perStatement(script);
        } catch (SQLException | RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    /** The history table exists afterwards even when nothing ran or the first migration rolled back. */
    @Override
    public void finish() throws SQLException {
        if (!broken) {
            history.createIfMissing();
        }
    }

    /**
     * The history as it is now: what this session read and wrote under a lock that keeps everyone else out,
     * else read again (on SQLite the transaction's own read is what serialises runners).
     */
    private List<AppliedMigration> historyNow() throws SQLException {
        return session.lockedExclusively() ? history.current() : history.read();
    }

    /** Creates the history table before the script's run, a failure naming both. */
    private void createHistory(PreparedScript script) {
        try {
            history.createIfMissing();
        } catch (SQLException e) {
            throw Failures.of(session.spec(), "creating the history table " + history.name() + " before " + script.script()
                    + " (nothing of it ran)", e);
        }
    }

    /**
     * Runs {@code script} and its history row in one transaction. A failure that closed the connection (a server that
     * gave no answer, see the control plane's network timeout) is what is thrown: the rollback and the return to
     * auto-commit then fail too, and are told with it, not in its place.
     */
    private MigrationRun inTransaction(PreparedScript script) throws SQLException {
        Connection connection = session.connection();
        connection.setAutoCommit(false);
        MigrationRun run;
        try {
            run = transaction(connection, script);
        } catch (SQLException | RuntimeException e) {
            history.forget();
            abandon(connection, e);
            throw e;
        }
        connection.setAutoCommit(true);
        return run;
    }

    private MigrationRun transaction(Connection connection, PreparedScript script) throws SQLException {
        createHistory(script);
        List<AppliedMigration> before = historyNow();
        if (HistoryCheck.alreadyDone(before, script)) {
            connection.rollback();
            history.forget();
            return skipped(script);
        }
        long start = System.nanoTime();
        List<StatementRun> done = new ArrayList<>();
        FailedStatement failure = StatementExecution.runUntilFailure(connection, script, done);
        if (failure != null) {
            if (connection.isClosed()) {
                throw failure.error(); // it closed the connection (no answer): the server ends the transaction
            }
            connection.rollback();
            history.forget();
            boolean historyInUse = before.stream().anyMatch(r -> r.success() && r.kind() != MigrationKind.UNDO);
            return failures.of(script, done.size() + 1, failure, done, millisSince(start), historyInUse
                    ? StatementFailure.Aftermath.ROLLED_BACK_ON_HISTORY : StatementFailure.Aftermath.ROLLED_BACK, true);
        }
        long millis = millisSince(start);
        history.appendAndCommit(row(script, millis, true, null, null));
        return applied(script, true, done, millis);
    }

    /**
     * Ends the transaction {@code failure} cut short: rolled back, in auto-commit again. What fails doing so (the
     * connection closed by the failure) is told with it; such a connection's transaction ended with it.
     */
    private static void abandon(Connection connection, Exception failure) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private MigrationRun perStatement(PreparedScript script) throws SQLException {
        createHistory(script);
        if (HistoryCheck.alreadyDone(historyNow(), script)) {
            return skipped(script);
        }
        long start = System.nanoTime();
        int rank = history.append(row(script, 0, false, 1, INTERRUPTED));
        List<StatementRun> done = new ArrayList<>();
        int total = script.statements().size();
        for (int i = 1; i <= total; i++) {
            InvalidIndexes invalidBefore = InvalidIndexes.before(session, script.statements().get(i - 1));
            long statementStart = System.nanoTime();
            try {
                done.add(StatementExecution.run(session.connection(), script.statements().get(i - 1), i));
            } catch (SQLException e) {
                return failed(script, rank, i, new FailedStatement(e, millisSince(statementStart)), done, start, invalidBefore);
            }
            if (i < total) {
                history.updateOutcome(rank, false, i + 1, millisSince(start), INTERRUPTED);
            }
        }
        long millis = millisSince(start);
        history.updateOutcome(rank, true, null, millis, null);
        return applied(script, false, done, millis);
    }

    /**
     * The record of statement {@code i} failing. A first statement that never got its locks ran nothing, so nothing
     * stays recorded (no repair needed) and it may be tried again like a rolled-back transaction; unless it was a
     * concurrent index build that left an INVALID index it could not drop, which the retry would trip over. Where the
     * failure closed the connection, recording it fails too: see {@link #unrecorded}.
     */
    private MigrationRun failed(PreparedScript script, int rank, int i, FailedStatement failure, List<StatementRun> done,
                                long start, InvalidIndexes invalidBefore) throws SQLException {
        SQLException e = failure.error();
        InvalidIndexes.Cleanup cleanup = invalidBefore == null ? null : invalidBefore.cleanUp();
        String note = cleanup == null ? "" : cleanup.sentence();
        boolean clean = cleanup == null || cleanup.clean();
        if (i == 1 && clean && (session.dialect().isLockTimeout(e) || session.dialect().isDeadlock(e))) {
            try {
                history.delete(rank);
            } catch (SQLException recording) {
                throw unrecorded(failures.of(script, i, failure, done, millisSince(start),
                        StatementFailure.Aftermath.KEPT_AND_RECORDED, false, note), i, failure, recording);
            }
            return failures.of(script, i, failure, done, millisSince(start), StatementFailure.Aftermath.NOTHING_RAN, false, note);
        }
        MigrationRun failed = failures.of(script, i, failure, done, millisSince(start),
                clean || i > 1 ? StatementFailure.Aftermath.KEPT_AND_RECORDED
                        : StatementFailure.Aftermath.INVALID_INDEX_LEFT, false, note);
        try {
            history.updateOutcome(rank, false, i, failed.millis(), secrets.apply(failed.error()));
        } catch (SQLException recording) {
            throw unrecorded(failed, i, failure, recording);
        }
        return failed;
    }

    /**
     * A statement's failure whose record could not be written: the statement's error stays what is told (a failure that
     * closed the connection, a server that ended the session, fails the recording too, with "connection closed"), the
     * recording's failure in a sentence after it and suppressed. The history shows the statement as interrupted, written
     * before it ran.
     */
    private FlotillaException unrecorded(MigrationRun failed, int i, FailedStatement failure, SQLException recording) {
        return StatementFailure.toldFirst(failed, failure, session.spec(), "Recording this failure in " + history.name(),
                recording, " It shows statement " + i + " as interrupted, as written before it ran.");
    }

    private AppliedMigration row(PreparedScript script, long millis, boolean success, Integer failedAt, String error) {
        return new AppliedMigration(0, script.version(), script.description(), script.kind(), script.script(),
                script.checksum(), installedBy, Instant.now(), millis, success, failedAt, error);
    }

    static MigrationRun applied(PreparedScript script, boolean transactional, List<StatementRun> done, long millis) {
        return new MigrationRun(script.version(), script.description(), script.script(), script.kind(),
                MigrationRun.Outcome.APPLIED, transactional, done, millis, null, null, null);
    }

    private static MigrationRun skipped(PreparedScript script) {
        return new MigrationRun(script.version(), script.description(), script.script(), script.kind(),
                MigrationRun.Outcome.SKIPPED, true, List.of(), 0, null, null, null);
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
