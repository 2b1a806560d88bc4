package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MariaDB's catalog queries over many schemas (databases) at once, asked 1,000 names at a time, the names compared
 * exactly: the catalog's comparison ignores case, database names on Linux do not. Stateless.
 */
final class MariaDbSchemaLists {
    private MariaDbSchemaLists() {
    }

    /**
     * Those of {@code names} the query returns, asked 1,000 at a time; the query's {@code %s} takes the list, and
     * {@code after} fills the parameters that follow it.
     */
    static Set<String> among(Connection connection, String query, Collection<String> names, Object... after)
            throws SQLException {
        List<String> all = List.copyOf(names);
        Set<String> returned = new HashSet<>();
        for (int from = 0; from < all.size(); from += 1000) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 1000));
            List<Object> parameters = new ArrayList<>(chunk);
            parameters.addAll(List.of(after));
            returned.addAll(Jdbc.queryStrings(connection, query.formatted(Jdbc.marks(chunk.size())), parameters.toArray()));
        }
        Set<String> found = new LinkedHashSet<>();
        all.stream().filter(returned::contains).forEach(found::add);
        return found;
    }

    /**
     * Of {@code schemas}, those without the history table that have tables, with their number. Tables named as the history
     * table or its lock table are not counted.
     */
    static Map<String, Integer> tablesWithoutHistory(Connection connection, Collection<String> schemas, String historyTable)
            throws SQLException {
        List<String> all = List.copyOf(schemas);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int from = 0; from < all.size(); from += 1000) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 1000));
            Set<String> asked = new HashSet<>(chunk);
            List<Object> parameters = new ArrayList<>(List.of(historyTable + "_lock"));
            parameters.addAll(chunk);
            parameters.addAll(List.of(historyTable, historyTable + "_lock"));
            try (PreparedStatement statement = connection.prepareStatement("SELECT TABLE_SCHEMA, SUM(LOWER(TABLE_NAME)"
                    + " <> LOWER(?)) AS tables FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (" + Jdbc.marks(chunk.size())
                    + ") AND TABLE_TYPE = 'BASE TABLE' GROUP BY TABLE_SCHEMA"
                    + " HAVING SUM(LOWER(TABLE_NAME) = LOWER(?)) = 0 AND SUM(LOWER(TABLE_NAME) <> LOWER(?)) > 0")) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        if (asked.contains(rows.getString(1))) {
                            counts.put(rows.getString(1), rows.getInt(2));
                        }
                    }
                }
            }
        }
        return counts;
    }
}
