package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MariaDB's {@link SchemaCatalog#tableColumns}: the tables' columns (type, collation), indexes (columns in order, a
 * prefix part with its length), engines and collations, and the database's collation, in one query. Names are compared
 * in any case; two tables whose names differ in case alone ({@code lower_case_table_names=0}) are told as not known.
 * Stateless.
 */
final class MariaDbTableColumns {
    private static final String WHERE = " WHERE TABLE_SCHEMA = ? AND LOWER(TABLE_NAME) IN (%s)";
    private static final String QUERY = "SELECT 'c', TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, COLLATION_NAME, ORDINAL_POSITION"
            + " FROM information_schema.COLUMNS" + WHERE
            + " UNION ALL SELECT 'i', TABLE_NAME, COLUMN_NAME, INDEX_NAME, CONCAT(NON_UNIQUE, ':', COALESCE(SUB_PART, '')),"
            + " SEQ_IN_INDEX FROM information_schema.STATISTICS" + WHERE
            + " UNION ALL SELECT 't', TABLE_NAME, NULL, ENGINE, TABLE_COLLATION, 0 FROM information_schema.TABLES" + WHERE
            + " UNION ALL SELECT 's', NULL, NULL, NULL, DEFAULT_COLLATION_NAME, 0 FROM information_schema.SCHEMATA"
            + " WHERE SCHEMA_NAME = ? ORDER BY 1, 2, 4, 6";

    private MariaDbTableColumns() {
    }

    static SchemaTables of(Connection connection, String schema, Collection<String> tables) throws SQLException {
        if (tables.isEmpty()) {
            return SchemaTables.NONE;
        }
        List<Object> parameters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            parameters.add(schema);
            parameters.addAll(tables);
        }
        parameters.add(schema);
        Map<String, CatalogTable.Rows> found = new HashMap<>();
        Map<String, String> spelled = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        String collation = null;
        try (PreparedStatement statement = Jdbc.prepare(connection, String.format(QUERY.replace("%s", "%1$s"),
                Jdbc.marks(tables.size())), parameters.toArray());
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (rows.getString(1).equals("s")) {
                    collation = rows.getString(5);
                    continue;
                }
                String table = rows.getString(2);
                String key = table.toLowerCase(Locale.ROOT);
                if (!table.equals(spelled.computeIfAbsent(key, k -> table))) {
                    ambiguous.add(key);
                }
                read(rows, found.computeIfAbsent(key, t -> new CatalogTable.Rows()));
            }
        }
        Map<String, CatalogTable> read = new HashMap<>();
        // Companies and companies, both there (lower_case_table_names=0): which one a statement means is not read.
        found.forEach((table, rows) -> read.put(table, ambiguous.contains(table) ? null : rows.table()));
        return new SchemaTables(read, collation);
    }

    private static void read(ResultSet row, CatalogTable.Rows table) throws SQLException {
        String column = row.getString(3) == null ? null : row.getString(3).toLowerCase(Locale.ROOT);
        switch (row.getString(1)) {
            case "c" -> table.column(column, row.getString(4), lower(row.getString(5)));
            case "i" -> {
                String[] uniqueAndPart = row.getString(5).split(":", -1);
                table.indexColumn(row.getString(4), column + (uniqueAndPart[1].isEmpty() ? "" : "(" + uniqueAndPart[1] + ")"),
                        uniqueAndPart[0].equals("0"));
            }
            default -> table.table(lower(row.getString(4)), lower(row.getString(5)));
        }
    }

    private static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}
