package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL's catalog queries over many tenant schemas at once, each one round trip for the whole list: which
 * schemas exist, which have the history table, which hold tables but no history; and a schema's own tables, which a
 * target lock's round trip lists. They read the catalog by its indexes, so they stay fast on a server with thousands
 * of tenant schemas.
 */
final class PostgresFleetCatalog {
    /**
     * The tables of a schema, found through their dependency on it: pg_depend is indexed by what is depended on,
     * pg_class is not indexed by namespace, so this reads the schema's own entries instead of the whole catalog
     * (a server with a thousand tenant schemas has tens of thousands of relations).
     */
    static final String TABLES_OF_SCHEMA = "SELECT c.relname FROM pg_depend d JOIN pg_class c ON c.oid = d.objid"
            + " WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_namespace'::regclass AND d.deptype = 'n'"
            + " AND d.refobjid = (SELECT oid FROM pg_namespace WHERE nspname = ?) AND c.relkind IN ('r', 'p') ORDER BY 1";

    private PostgresFleetCatalog() {
    }

    static java.util.Set<String> existingSchemas(Connection connection, java.util.Collection<String> schemas) throws SQLException {
        try (java.sql.PreparedStatement statement = connection.prepareStatement("SELECT nspname FROM pg_namespace WHERE nspname = ANY(?)")) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            return firstColumn(statement);
        }
    }

    static java.util.Set<String> schemasWithTable(Connection connection, java.util.Collection<String> schemas, String table)
            throws SQLException {
        // By name first, as PostgresDialect.tableExists does: the catalog index finds the fleet's history tables,
        // where lower(relname) read all of pg_class (500 schemas of 1,000: 5 ms against 33).
        try (java.sql.PreparedStatement statement = connection.prepareStatement("SELECT n.nspname FROM pg_class c JOIN"
                + " pg_namespace n ON n.oid = c.relnamespace WHERE c.relname IN (?, lower(?)) AND c.relkind IN ('r', 'p')"
                + " AND n.nspname = ANY(?)")) {
            statement.setString(1, table);
            statement.setString(2, table);
            statement.setArray(3, connection.createArrayOf("text", schemas.toArray()));
            return firstColumn(statement);
        }
    }

    static java.util.Map<String, Integer> tablesWithoutHistory(Connection connection, java.util.Collection<String> schemas,
                                                               String historyTable) throws SQLException {
        try (java.sql.PreparedStatement statement = connection.prepareStatement("SELECT n.nspname, count(*) FILTER (WHERE"
                + " lower(c.relname) <> lower(?)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind"
                + " IN ('r', 'p') AND n.nspname = ANY(?) GROUP BY n.nspname HAVING count(*) FILTER (WHERE lower(c.relname) ="
                + " lower(?)) = 0 AND count(*) FILTER (WHERE lower(c.relname) <> lower(?)) > 0")) {
            statement.setString(1, historyTable + "_lock");
            statement.setArray(2, connection.createArrayOf("text", schemas.toArray()));
            statement.setString(3, historyTable);
            statement.setString(4, historyTable + "_lock");
            java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
            try (java.sql.ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
            return counts;
        }
    }

    /** The values of the statement's first column, in the order read. */
    private static java.util.Set<String> firstColumn(java.sql.PreparedStatement statement) throws SQLException {
        java.util.Set<String> found = new java.util.LinkedHashSet<>();
        try (java.sql.ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        return found;
    }
}
