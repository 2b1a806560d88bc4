package dev.flotilla.sql;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL's {@link SchemaCatalog#tableColumns} and its kin: tables, partitioned tables, views and foreign tables
 * (any of them is there as a name; which one it is, said), their columns and types as {@code format_type} says them, and the unique
 * indexes a foreign key may reference (PostgreSQL's own test: unique, immediate, valid, neither partial nor on an
 * expression; their key columns, INCLUDE ones left out). Names are matched as the catalog holds them, through its index
 * on them: the any-case form reads every relation of the database (60 ms and more in one of 1,000 schemas, where the
 * index takes 0.2 ms), so it only confirms a name not found so (a quoted {@code "Companies"}). Stateless.
 */
final class PostgresTableColumns {
    /**
     * The relations asked for, found once through the name index ({@code %s}: the schemas' marks, the name matched, the
     * tables' marks), then their columns and their unique indexes: reading pg_class twice, once for each, took twice as
     * long.
     */
    private static final String QUERY = "WITH r AS MATERIALIZED (SELECT n.nspname, c.oid, c.relname, c.relkind FROM"
            + " pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p',"
            + " 'v', 'm', 'f') AND n.nspname IN (%s) AND %s IN (%s))"
            + " SELECT r.nspname, r.relname, a.attname, format_type(a.atttypid, a.atttypmod), NULL::text[], false,"
            + " r.relkind::text FROM r"
            + " JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " UNION ALL SELECT r.nspname, r.relname, NULL, NULL, ARRAY(SELECT a.attname::text FROM unnest(i.indkey)"
            + " WITH ORDINALITY k(num, ord) JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num"
            + " WHERE k.ord <= i.indnkeyatts ORDER BY k.ord), i.indisprimary, r.relkind::text FROM r JOIN pg_catalog.pg_index i"
            + " ON i.indrelid = r.oid AND i.indisunique AND i.indimmediate AND i.indisvalid AND i.indpred IS NULL"
            + " AND i.indexprs IS NULL";

    /** By {@code relkind}, the relations a foreign key may not reference: PostgreSQL's "is not a table". */
    private static final Map<String, String> NOT_TABLES = Map.of("v", "view", "m", "materialized view", "f",
            "foreign table");

    private PostgresTableColumns() {
    }

    static SchemaTables of(Connection connection, String schema, Collection<String> tables) throws SQLException {
        return ofSchemas(connection, List.of(schema), tables, "c.relname").getOrDefault(schema, SchemaTables.NONE);
    }

    static SchemaTables anyCase(Connection connection, String schema, Collection<String> tables) throws SQLException {
        return ofSchemas(connection, List.of(schema), tables, "lower(c.relname)").getOrDefault(schema, SchemaTables.NONE);
    }

    /** By schema: one query for all {@code schemas}. */
    static Map<String, SchemaTables> ofSchemas(Connection connection, Collection<String> schemas, Collection<String> tables)
            throws SQLException {
        return ofSchemas(connection, schemas, tables, "c.relname");
    }

    private static Map<String, SchemaTables> ofSchemas(Connection connection, Collection<String> schemas,
                                                       Collection<String> tables, String name) throws SQLException {
        Map<String, Map<String, CatalogTable.Rows>> found = new HashMap<>();
        if (schemas.isEmpty() || tables.isEmpty()) {
            return Map.of();
        }
        List<Object> parameters = new ArrayList<>(schemas);
        parameters.addAll(tables);
        String query = String.format(QUERY, Jdbc.marks(schemas.size()), name, Jdbc.marks(tables.size()));
        try (PreparedStatement statement = Jdbc.prepare(connection, query, parameters.toArray());
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                CatalogTable.Rows table = found.computeIfAbsent(rows.getString(1), s -> new HashMap<>())
                        .computeIfAbsent(rows.getString(2).toLowerCase(Locale.ROOT), t -> new CatalogTable.Rows());
                table.notTable(NOT_TABLES.get(rows.getString(7)));
                Array key = rows.getArray(5);
                if (key == null) {
                    table.column(rows.getString(3).toLowerCase(Locale.ROOT), rows.getString(4), null);
                } else {
                    table.uniqueKey(Arrays.stream((String[]) key.getArray()).map(c -> c.toLowerCase(Locale.ROOT)).toList(),
                            rows.getBoolean(6));
                }
            }
        }
        Map<String, SchemaTables> bySchema = new HashMap<>();
        found.forEach((schema, read) -> {
            Map<String, CatalogTable> tablesRead = new HashMap<>();
            read.forEach((table, rows) -> tablesRead.put(table, rows.table()));
            bySchema.put(schema, new SchemaTables(tablesRead, null));
        });
        return bySchema;
    }
}
