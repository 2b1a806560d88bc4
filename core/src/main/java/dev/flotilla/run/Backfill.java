package dev.flotilla.run;

import dev.flotilla.scratch.Scratch;
import dev.flotilla.sql.BackfillDirective;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runs a {@link BackfillDirective}: walks the table in key order, {@code batch} rows at a time, setting the
 * column where it is NULL. With autocommit on (a migration run statement by statement) each batch commits
 * alone, so other sessions keep inserting and updating and see the progress; inside a transaction (a dry
 * run) the batches simply follow each other. It starts at the smallest key still NULL, so a run that was
 * interrupted resumes where it stopped, and ends with one sweep for rows inserted behind the walk. Progress
 * goes to the {@code dev.flotilla.backfill} logger at INFO, every two seconds and at the end; at DEBUG on a scratch
 * copy (a clone dry run, drift's expected schema), whose backfill the user never asked for. The key may be of
 * any type the database orders (integer, text, uuid): the walk asks for the next keys in order, never MIN or MAX.
 */
final class Backfill {
    static final String LOGGER = "dev.flotilla.backfill";
    private static final System.Logger LOG = System.getLogger(LOGGER);
    private static final long PROGRESS_EVERY_NANOS = 2_000_000_000L;

    private final BackfillDirective directive;
    private final String table;
    private final String column;
    private final String key;
    private long batches;

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
        String where = where(connection);
        System.Logger.Level level = Scratch.isScratch(connection) ? System.Logger.Level.DEBUG : System.Logger.Level.INFO;
        long total = count(connection);
        // ORDER BY ... LIMIT, not MIN and MAX: any key the database can order works (PostgreSQL has no min(uuid)).
        Object from = single(connection, "SELECT " + key + " FROM " + table + " WHERE " + column + " IS NULL ORDER BY " + key
                + " LIMIT 1");
        long done = 0;
        long lastReport = System.nanoTime();
        boolean inclusive = true;
        while (from != null) {
            Object to = single(connection, "SELECT k FROM (SELECT " + key + " AS k FROM " + table + " WHERE " + key
                    + (inclusive ? " >= ?" : " > ?") + " ORDER BY " + key + " LIMIT " + directive.batch() + ") batch"
                    + " ORDER BY k DESC LIMIT 1", from);
            if (to == null) {
                break;
            }
            done += update(connection, " AND " + key + (inclusive ? " >= ?" : " > ?") + " AND " + key + " <= ?", from, to);
            batches++;
            from = to;
            inclusive = false;
            if (System.nanoTime() - lastReport > PROGRESS_EVERY_NANOS) {
                lastReport = System.nanoTime();
                long soFar = done;
                LOG.log(level, () -> progress(where, total, soFar) + "...");
            }
        }
        done += update(connection, "");
        long set = done;
        LOG.log(level, () -> progress(where, total, set) + ", done");
        return done;
    }

    private String progress(String where, long total, long done) {
        long percent = total == 0 ? 100 : Math.min(100, done * 100 / total);
        return "backfill " + where + directive.table() + "." + directive.column() + ": " + done + " of " + total
                + " row(s) (" + percent + "%) in " + batches + " batch(es) of " + directive.batch();
    }

    /** {@code schema.} of the connection, to tell one tenant's backfill from another's in a fleet. */
    private static String where(Connection connection) {
        try {
            String schema = connection.getSchema();
            String name = schema != null ? schema : connection.getCatalog();
            return name == null || name.isBlank() ? "" : name + ".";
        } catch (SQLException e) {
            return "";
        }
    }

    private long count(Connection connection) throws SQLException {
        Object count = single(connection, "SELECT COUNT(*) FROM " + table + " WHERE " + column + " IS NULL");
        return count == null ? 0 : ((Number) count).longValue();
    }

    private long update(Connection connection, String range, Object... bounds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + table + " SET " + column + " = "
                + directive.value() + " WHERE " + column + " IS NULL" + range)) {
            for (int i = 0; i < bounds.length; i++) {
                statement.setObject(i + 1, bounds[i]);
            }
            return statement.executeUpdate();
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
