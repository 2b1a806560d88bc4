package dev.flotilla.backup;

import dev.flotilla.sql.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Which other sessions hold the tables of a PostgreSQL schema, for a backup or restore that gave up waiting for one:
 * PostgreSQL's own "canceling statement due to lock timeout" names neither the table nor who holds it.
 */
final class PostgresLockHolders {
    private static final int SHOWN = 5;

    private PostgresLockHolders() {
    }

    /**
     * {@code notes (process 4242, psql, idle in transaction)}, a few of them joined, or null when none is seen (the
     * holder has finished since, or the view cannot be read).
     */
    static String of(Connection connection, String schema) {
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
    static String phrase(Connection connection, String schema) {
        String holders = of(connection, schema);
        return holders == null ? "another session holds one of its tables" : "another session holds " + holders;
    }
}
