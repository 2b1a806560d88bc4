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
     * Those of {@code read}'s tables (lower-case names, compared in any case unless a dialect says otherwise) that {@code
     * schema} holds, each with its columns' types as the catalog writes them ({@code bigint(20) unsigned}, {@code
     * character varying(36)}) and what a foreign key to it needs ({@link CatalogTable}): one round trip. A dialect whose
     * catalog answers a part slowly (MariaDB's information_schema) reads only what {@code read} asks, the rest not
     * known; the others read it all. Null where the dialect does not read them (a foreign key's parent is then not
     * checked).
     */
    default SchemaTables tableColumns(Connection connection, String schema, TableRead read) throws SQLException {
        return null;
    }

    /**
     * {@link #tableColumns} of several schemas in one round trip, by schema: what a planner reading a group of schemas
     * together checks their keys against. Null where the dialect reads them one schema at a time.
     */
    default java.util.Map<String, SchemaTables> tableColumnsOfSchemas(Connection connection,
                                                                     java.util.Collection<String> schemas,
                                                                     java.util.Collection<String> tables)
            throws SQLException {
        return null;
    }

    /**
     * {@link #tableColumns}, where that one matches names as the catalog holds them for speed ({@code read}'s tables
     * are lower-case, as unquoted names are on PostgreSQL), matching them in any case: what confirms a table missing
     * before a refusal says so (a quoted {@code "Companies"}). As {@link #tableColumns} by default.
     */
    default SchemaTables tableColumnsAnyCase(Connection connection, String schema, TableRead read) throws SQLException {
        return tableColumns(connection, schema, read);
    }
}
