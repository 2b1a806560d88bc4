package dev.flotilla.run;

import dev.flotilla.sql.BackfillDirective;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runs a {@link BackfillDirective}: walks the table in key order, {@code batch} rows at a time, setting the
 * column where it is NULL. With autocommit on (a migration run statement by statement) each batch commits
 * alone, so other sessions keep inserting and updating; inside a transaction (SQLite, a dry run) the batches
 * simply follow each other. It starts at the smallest key still NULL, so a re-run resumes, and ends with one
 * sweep for rows inserted behind the walk. Progress goes to the {@code dev.flotilla.backfill} logger.
 */
final class Backfill {
    private static final System.Logger LOG = System.getLogger("dev.flotilla.backfill");
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    private final BackfillDirective directive;
    private final String table;
    private final String column;
    private final String key;

    private Backfill(BackfillDirective directive, String quote) {
        this.directive = directive;
        this.table = quoted(directive.table(), quote);
        this.column = quoted(directive.column(), quote);
        this.key = quoted(directive.key(), quote);
    }

    /** Runs the directive on {@code connection}; returns the rows it set. */
    static long run(Connection connection, BackfillDirective directive) throws SQLException {
        String quote = connection.getMetaData().getIdentifierQuoteString();
        return new Backfill(directive, quote == null || quote.isBlank() ? "\"" : quote.strip()).run(connection);
    }

    private long run(Connection connection) throws SQLException {
        long total = count(connection);
        Object from = first(connection);
        long done = 0;
        long lastReport = System.nanoTime();
        boolean inclusive = true;
        while (from != null) {
            Object to = upperBound(connection, from, inclusive);
            if (to == null) {
                break;
            }
            done += update(connection, " AND " + key + (inclusive ? " >= ?" : " > ?") + " AND " + key + " <= ?", from, to);
            from = to;
            inclusive = false;
            if (System.nanoTime() - lastReport > PROGRESS_EVERY_NANOS) {
                lastReport = System.nanoTime();
                long soFar = done;
                LOG.log(System.Logger.Level.INFO, () -> progress(total, soFar));
            }
        }
        done += update(connection, "");
        final long set = done;
        LOG.log(System.Logger.Level.INFO, () -> progress(total, set) + ", done");
        return done;
    }

    private String progress(long total, long done) {
        return "backfill " + directive.table() + "." + directive.column() + ": " + (done > 0 ? done + " of " : "")
                + total + " row(s) in batches of " + directive.batch();
    }

    private long count(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + column
                + " IS NULL"); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Object first(Connection connection) throws SQLException {
        return single(connection, "SELECT MIN(" + key + ") FROM " + table + " WHERE " + column + " IS NULL");
    }

    private Object upperBound(Connection connection, Object from, boolean inclusive) throws SQLException {
        return single(connection, "SELECT MAX(k) FROM (SELECT " + key + " AS k FROM " + table + " WHERE " + key
                + (inclusive ? " >= ?" : " > ?") + " ORDER BY " + key + " LIMIT " + directive.batch() + ") batch", from);
    }

    private long update(Connection connection, String range, Object... bounds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + table + " SET " + column + " = "
                + directive.value() + " WHERE " + column + " IS NULL" + range)) {
            for (int i = 0; i < bounds.length; i++) {
                statement.setObject(i + 1, bounds[i]);
            }
            return statement.executeLargeUpdate();
        }
    }

    private static Object single(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getObject(1) : null;
            }
        }
    }

    private static String quoted(String identifier, String quote) {
        return quote + identifier + quote;
    }
}
