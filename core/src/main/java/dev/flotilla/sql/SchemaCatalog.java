package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The catalog queries of a {@link Dialect}: which schemas a server has and which tables they hold, one schema at a
 * time or many at once (where a dialect can, in one round trip). Part of {@code Dialect}, which extends it; stateless
 * and thread-safe as the dialect is.
 */
public interface SchemaCatalog {

    /** True when {@code schema} exists on the server. */
    boolean schemaExists(Connection connection, String schema) throws SQLException;

    /** True when {@code table} (compared case-insensitively) is a table of {@code schema}. */
    default boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        return schemaExists(connection, schema) && tableNames(connection, schema).stream().anyMatch(table::equalsIgnoreCase);
    }

    /** Those of {@code schemas} that exist on the server; PostgreSQL asks once for all. */
    default java.util.Set<String> existingSchemas(Connection connection, java.util.Collection<String> schemas) throws SQLException {
        java.util.Set<String> found = new java.util.LinkedHashSet<>();
        for (String schema : schemas) {
            if (schemaExists(connection, schema)) {
                found.add(schema);
            }
        }
        return found;
    }

    /** Those of {@code schemas} that have {@code table} (compared case-insensitively); PostgreSQL asks once for all. */
    default java.util.Set<String> schemasWithTable(Connection connection, java.util.Collection<String> schemas, String table)
            throws SQLException {
        java.util.Set<String> found = new java.util.LinkedHashSet<>();
        for (String schema : schemas) {
            if (tableExists(connection, schema, table)) {
                found.add(schema);
            }
        }
        return found;
    }

    /** The names of the tables (not views) in {@code schema}. */
    List<String> tableNames(Connection connection, String schema) throws SQLException;

    /**
     * How many tables (not views) each of {@code schemas} that has no {@code historyTable} holds, its {@code _lock} left
     * out (names compared case-insensitively); a schema with the history table, with no table, or not there, is left
     * out. PostgreSQL and MariaDB ask once for all.
     */
    default java.util.Map<String, Integer> tablesWithoutHistory(Connection connection, java.util.Collection<String> schemas,
                                                                String historyTable) throws SQLException {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (String schema : schemas) {
            List<String> tables = schemaExists(connection, schema) ? tableNames(connection, schema) : List.of();
            if (tables.stream().noneMatch(historyTable::equalsIgnoreCase)) {
                int others = (int) tables.stream().filter(name -> !name.equalsIgnoreCase(historyTable + "_lock")).count();
                if (others > 0) {
                    counts.put(schema, others);
                }
            }
        }
        return counts;
    }

    /**
     * The columns of those of {@code tables} (lower-case names, compared in any case unless a dialect says otherwise) that
     * {@code schema} holds, by table
     * and column (lower-case), each with its type as the catalog writes it ({@code bigint(20) unsigned}, {@code character
     * varying(36)}): one query. Null where the dialect does not read them (a foreign key's parent is then not checked);
     * a table's columns null where two tables' names differ in case alone (which one a statement means is not told).
     */
    default java.util.Map<String, java.util.Map<String, String>> tableColumns(Connection connection, String schema,
                                                                               java.util.Collection<String> tables)
            throws SQLException {
        return null;
    }

    /**
     * {@link #tableColumns} of several schemas in one query, by schema: what a planner reading a group of schemas together
     * checks their keys against. Null where the dialect reads them one schema at a time.
     */
    default java.util.Map<String, java.util.Map<String, java.util.Map<String, String>>> tableColumnsOfSchemas(
            Connection connection, java.util.Collection<String> schemas, java.util.Collection<String> tables)
            throws SQLException {
        return null;
    }

    /**
     * {@link #tableColumns}, where that one matches names as the catalog holds them for speed ({@code tables} are
     * lower-case, as unquoted names are on PostgreSQL), matching them in any case: what confirms a table missing before
     * a refusal says so (a quoted {@code "Companies"}). As {@link #tableColumns} by default.
     */
    default java.util.Map<String, java.util.Map<String, String>> tableColumnsAnyCase(Connection connection, String schema,
                                                                                      java.util.Collection<String> tables)
            throws SQLException {
        return tableColumns(connection, schema, tables);
    }

    /**
     * The rows of {@code query} (table, column, type; its parameters {@code schema} then the tables, written {@code ?*})
     * as {@link #tableColumns} says them.
     */
    static java.util.Map<String, java.util.Map<String, String>> tableColumns(Connection connection, String query, String schema,
                                                                              java.util.Collection<String> tables)
            throws SQLException {
        java.util.Map<String, java.util.Map<String, String>> found = new java.util.HashMap<>();
        if (tables.isEmpty()) {
            return found;
        }
        List<Object> parameters = new java.util.ArrayList<>(List.of(schema));
        parameters.addAll(tables);
        try (java.sql.PreparedStatement statement = Jdbc.prepare(connection, query.replace("?*", Jdbc.marks(tables.size())),
                parameters.toArray());
             java.sql.ResultSet rows = statement.executeQuery()) {
            java.util.Map<String, String> spelled = new java.util.HashMap<>();
            java.util.Set<String> ambiguous = new java.util.HashSet<>();
            while (rows.next()) {
                String table = rows.getString(1);
                String key = table.toLowerCase(java.util.Locale.ROOT);
                if (!table.equals(spelled.computeIfAbsent(key, k -> table))) {
                    ambiguous.add(key);
                }
                found.computeIfAbsent(key, t -> new java.util.HashMap<>())
                        .put(rows.getString(2).toLowerCase(java.util.Locale.ROOT), rows.getString(3));
            }
            // Companies and companies, both there (lower_case_table_names=0): which one a statement means is not read.
            ambiguous.forEach(key -> found.put(key, null));
        }
        return found;
    }
}
