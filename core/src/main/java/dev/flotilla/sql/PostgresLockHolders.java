package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which other sessions hold the tables of a PostgreSQL schema, for a statement, backup or restore that gave up waiting
 * for one: PostgreSQL's own "canceling statement due to lock timeout" names neither the table nor who holds it, and
 * {@code pg_blocking_pids} says nothing once the wait has ended; the holders' granted locks in {@code pg_locks} stay
 * until their transactions end.
 */
public final class PostgresLockHolders {
    private static final int SHOWN = 5;

    private PostgresLockHolders() {
    }

    /**
     * {@code notes (process 4242, psql, idle in transaction)}, a few of them joined, or null when none is seen (the
     * holder has finished since, or the view cannot be read).
     */
    public static String of(Connection connection, String schema) {
        try {
            List<String> holders = Jdbc.queryStrings(connection, "SELECT DISTINCT format('%s (process %s%s%s)', c.relname, l.pid,"
                    + " ', ' || NULLIF(a.application_name, ''), ', ' || a.state)"
                    + " FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                    + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND l.granted AND l.pid <> pg_backend_pid()"
                    + " ORDER BY 1", schema);
            if (holders.isEmpty()) {
                return null;
            }
            String shown = String.join(", ", holders.subList(0, Math.min(SHOWN, holders.size())));
            return holders.size() > SHOWN ? shown + " and " + (holders.size() - SHOWN) + " more" : shown;
        } catch (SQLException e) {
            return null;
        }
    }

    /** "another session holds one of its tables" with the tables and sessions when they are known. */
    public static String phrase(Connection connection, String schema) {
        String holders = of(connection, schema);
        return holders == null ? "another session holds one of its tables" : "another session holds " + holders;
    }

    /**
     * The sessions with an open transaction that hold locks on tables of {@code schema} (null: the connection's current
     * schema), oldest transaction first, as a sentence with its leading space: process id, application, user, state,
     * how long the transaction has been open, the tables and the start of its last query (string literals masked), and
     * the command that ends one, for the user to decide; empty when none is seen or the views cannot be read.
     */
    public static String sessions(Connection connection, String schema) {
        List<String> seen = new ArrayList<>();
        List<String> pids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT a.pid, a.application_name, a.usename, a.state,"
                + " EXTRACT(EPOCH FROM now() - a.xact_start)::bigint,"
                + " string_agg(DISTINCT c.relname, ', ' ORDER BY c.relname) FILTER (WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')),"
                + " left(a.query, 1000), count(*) OVER ()"
                + " FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE n.nspname = COALESCE(?, current_schema()) AND l.granted AND l.pid <> pg_backend_pid()"
                + " AND a.datname = current_database() AND a.xact_start IS NOT NULL"
                + " GROUP BY a.pid, a.application_name, a.usename, a.state, a.xact_start, a.query"
                + " ORDER BY a.xact_start, a.pid LIMIT " + SHOWN)) {
            statement.setString(1, schema);
            int total = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getString(1));
                    seen.add(describe(rows));
                    total = rows.getInt(8);
                }
            }
            if (seen.isEmpty()) {
                return "";
            }
            return " Sessions holding locks on its tables, oldest transaction first: " + String.join("; ", seen)
                    + (total > seen.size() ? "; and " + (total - seen.size()) + " more" : "") + ". If one of them should not"
                    + " be holding them (a forgotten transaction), you may end it, rolling back its work: `SELECT"
                    + " pg_terminate_backend(" + pids.get(0) + ")`.";
        } catch (SQLException e) {
            return "";
        }
    }

    private static String describe(ResultSet row) throws SQLException {
        String application = row.getString(2);
        String tables = row.getString(6);
        String query = row.getString(7);
        return "process " + row.getString(1) + " (" + (application == null || application.isBlank() ? ""
                : "application " + application + ", ") + "user " + row.getString(3) + ", " + row.getString(4)
                + ", transaction open for " + row.getLong(5) + " s" + (tables == null ? "" : ", on " + tables)
                + (query == null || query.isBlank() ? "" : ", last query: " + QueryExcerpt.of(query)) + ")";
    }
}
