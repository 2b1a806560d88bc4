package dev.flotilla.run;

import dev.flotilla.sql.BackfillDirective;
import dev.flotilla.sql.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs one statement (or a {@link BackfillDirective}), timing it and counting the rows it changed. */
final class StatementExecution {
    private StatementExecution() {
    }

    /**
     * Runs the script's statements in order into {@code done} until one fails.
     *
     * @return the failure (the failing statement is number {@code done.size() + 1}), or null when all ran
     */
    static FailedStatement runUntilFailure(Connection connection, PreparedScript script, java.util.List<StatementRun> done) {
        for (int i = done.size() + 1; i <= script.statements().size(); i++) {
            long start = System.nanoTime();
            try {
                done.add(run(connection, script.statements().get(i - 1), i));
            } catch (SQLException e) {
                return new FailedStatement(e, ApplyingExecutor.millisSince(start));
            }
        }
        return null;
    }

    static StatementRun run(Connection connection, SqlStatement sql, int index) throws SQLException {
        long start = System.nanoTime();
        if (BackfillDirective.isDirective(sql.sql())) {
            long rows = Backfill.run(connection, BackfillDirective.parse(sql.sql()));
            return new StatementRun(index, sql.line(), sql.sql(), (System.nanoTime() - start) / 1_000_000, rows);
        }
        long rows = -1;
        // SQLite's driver answers any statement's update count with changes(), which only INSERT, UPDATE and DELETE
        // set: a CREATE INDEX after an INSERT of 3 rows said "3 row(s)". Its running total tells what this one changed.
        boolean sqlite = connection.isWrapperFor(org.sqlite.SQLiteConnection.class);
        long changedBefore = sqlite ? sqliteTotalChanges(connection) : 0;
        try (Statement statement = connection.createStatement()) {
            boolean hasResults = statement.execute(sql.sql());
            // Walk every result a statement produces (procedures, MariaDB multi-results) so none is left unread.
            while (true) {
                if (!hasResults) {
                    long count = statement.getUpdateCount();
                    if (count == -1) {
                        break;
                    }
                    rows = Math.max(rows, 0) + count;
                }
                hasResults = statement.getMoreResults();
            }
        }
        if (sqlite && rows >= 0) {
            rows = sqliteTotalChanges(connection) - changedBefore;
        }
        return new StatementRun(index, sql.line(), sql.sql(), (System.nanoTime() - start) / 1_000_000, rows);
    }

    private static long sqliteTotalChanges(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             java.sql.ResultSet result = statement.executeQuery("SELECT total_changes()")) {
            result.next();
            return result.getLong(1);
        }
    }
}
