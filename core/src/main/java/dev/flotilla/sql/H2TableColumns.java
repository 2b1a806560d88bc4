package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * H2's {@link SchemaCatalog#tableColumns}, from its INFORMATION_SCHEMA in one query of what {@link TableRead} asks: the
 * tables and views asked for, their columns, and the primary keys and unique constraints (what H2 2 wants a foreign key
 * to reference; a unique index alone it does not take) of those whose keys are asked, the parents. Names compared in any
 * case ({@link CaseFoldedTables}). Stateless.
 */
final class H2TableColumns {
    private static final String WHERE = " TABLE_SCHEMA = ? AND LOWER(TABLE_NAME) IN (";
    private static final String COLUMNS = "SELECT 'c', TABLE_NAME, COLUMN_NAME, DATA_TYPE, CAST(NULL AS VARCHAR),"
            + " ORDINAL_POSITION FROM INFORMATION_SCHEMA.COLUMNS WHERE" + WHERE;
    private static final String TABLES = "SELECT 't', TABLE_NAME, CAST(NULL AS VARCHAR), TABLE_TYPE, CAST(NULL AS VARCHAR),"
            + " 0 FROM INFORMATION_SCHEMA.TABLES WHERE" + WHERE;
    private static final String KEYS = "SELECT 'k', k.TABLE_NAME, k.COLUMN_NAME, c.CONSTRAINT_TYPE, k.CONSTRAINT_NAME,"
            + " k.ORDINAL_POSITION FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE k JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS c"
            + " ON c.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND c.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
            + " AND c.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE') WHERE k.TABLE_SCHEMA = ? AND LOWER(k.TABLE_NAME) IN (";

    private H2TableColumns() {
    }

    static SchemaTables of(Connection connection, String schema, TableRead read) throws SQLException {
        if (read.tables().isEmpty()) {
            return SchemaTables.NONE;
        }
        CatalogQuery query = new CatalogQuery(schema).tables(COLUMNS, read.tables()).tables(TABLES, read.tables())
                .tables(KEYS, read.indexed());
        CaseFoldedTables found = new CaseFoldedTables();
        Map<CatalogTable.Rows, Map<String, List<String>>> keys = new LinkedHashMap<>();
        Set<String> primaryKeys = new HashSet<>();
        try (PreparedStatement statement = query.prepare(connection, " ORDER BY 1, 2, 5, 6");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                CatalogTable.Rows table = found.of(rows.getString(2));
                String column = rows.getString(3) == null ? null : rows.getString(3).toLowerCase(Locale.ROOT);
                switch (rows.getString(1)) {
                    case "c" -> table.column(column, rows.getString(4).toLowerCase(Locale.ROOT), null);
                    case "t" -> table.notTable("VIEW".equals(rows.getString(4)) ? "view" : null);
                    default -> {
                        keys.computeIfAbsent(table, t -> new LinkedHashMap<>())
                                .computeIfAbsent(rows.getString(5), k -> new ArrayList<>()).add(column);
                        if (rows.getString(4).equals("PRIMARY KEY")) {
                            primaryKeys.add(rows.getString(5));
                        }
                    }
                }
            }
        }
        keys.forEach((table, byName) -> byName.forEach((name, columns) -> table.uniqueKey(columns,
                primaryKeys.contains(name))));
        return found.tables(read.indexed(), null, ServerDefaults.NONE);
    }
}
