package dev.flotilla.run;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.sql.SqlStatement;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The INVALID index a failed {@code CREATE INDEX CONCURRENTLY} or {@code REINDEX ... CONCURRENTLY} leaves on
 * PostgreSQL: the index is in the catalog from the build's first phase on, so a lock timeout while it waits for older
 * transactions (database-wide, even another tenant's) leaves it behind, unused by queries, slowing every write, and
 * failing the retry with 42P07. Only indexes of the tenant's schema that were not INVALID before the statement and are
 * not being built by another session now count as the statement's own; those are dropped.
 */
final class InvalidIndexes {
    private static final Pattern CONCURRENT_BUILD = Pattern.compile(
            "(CREATE( UNIQUE)? INDEX CONCURRENTLY|REINDEX .*CONCURRENTLY)\\b.*", Pattern.DOTALL);
    private static final String INVALID = "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_index i"
            + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE NOT i.indisvalid AND n.nspname = COALESCE(?::text, current_schema())"
            + " AND i.indexrelid NOT IN (SELECT index_relid FROM pg_stat_progress_create_index WHERE pid <> pg_backend_pid())"
            + " ORDER BY 1";

    private final TargetSession session;
    private final List<String> before;

    private InvalidIndexes(TargetSession session, List<String> before) {
        this.session = session;
        this.before = before;
    }

    /** The INVALID indexes before a statement that may leave one, or null for any other statement or database. */
    static InvalidIndexes before(TargetSession session, SqlStatement statement) throws SQLException {
        if (!session.dialect().name().equals("postgresql") || !CONCURRENT_BUILD.matcher(
                statement.sql().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ")).matches()) {
            return null;
        }
        return new InvalidIndexes(session, invalid(session));
    }

    /** What the failed statement left, after trying to drop it; an empty cleanup when it left nothing. */
    Cleanup cleanUp() {
        List<String> dropped = new ArrayList<>();
        List<String> left = new ArrayList<>();
        try {
            for (String index : invalid(session)) {
                if (!before.contains(index)) {
                    left.add(index);
                }
            }
        } catch (SQLException e) {
            return new Cleanup(List.of(), List.of(), "the INVALID indexes it may have left could not be read ("
                    + session.spec().scrub(String.valueOf(e.getMessage())) + "): look for them with SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid");
        }
        for (String index : List.copyOf(left)) {
            try {
                Jdbc.execute(session.connection(), "DROP INDEX CONCURRENTLY IF EXISTS " + index);
                left.remove(index);
                dropped.add(index);
            } catch (SQLException e) {
                // Kept in left: the message names the command to run.
            }
        }
        return new Cleanup(dropped, left, null);
    }

    private static List<String> invalid(TargetSession session) throws SQLException {
        return Jdbc.queryStrings(session.connection(), INVALID, session.schema());
    }

    /**
     * @param dropped the INVALID indexes the statement left and Flotilla dropped
     * @param left the ones it could not drop (another session's lock, too)
     * @param unknown why what it left is unknown, or null
     */
    record Cleanup(List<String> dropped, List<String> left, String unknown) {
        boolean clean() {
            return left.isEmpty() && unknown == null;
        }

        /** A sentence for the failure's message, or "" when the statement left nothing. */
        String sentence() {
            if (unknown != null) {
                return " The failed statement may have left an INVALID index, but " + unknown + ".";
            }
            String text = dropped.isEmpty() ? "" : " The failed statement left the INVALID index " + String.join(", ", dropped)
                    + ", which Flotilla dropped.";
            return left.isEmpty() ? text : text + " The failed statement left the INVALID index " + String.join(", ", left)
                    + " (the retry would fail with \"already exists\"): drop it with " + String.join("; ", left.stream()
                    .map(i -> "DROP INDEX CONCURRENTLY " + i).toList()) + " once no transaction holds the table.";
        }
    }
}
