package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MariaDB's {@link SchemaCatalog#tableColumns}, in one query of only what {@link TableRead} asks: the tables' columns
 * (type, collation); the indexes (columns in order, a prefix part with its length) of those asked, the parents; the
 * engine and collation of those asked, the children; the database's collation with the session's default engine and
 * what {@code utf8} names; and, where statements name a character set alone, its default collation. Each
 * information_schema table a query adds costs it about a tenth of a millisecond, and sorting the rows in the query
 * another third: the rows come unsorted and an index's columns are put in order here. Names are compared in any case
 * ({@link CaseFoldedTables}). Stateless.
 */
final class MariaDbTableColumns {
    private static final String WHERE = " WHERE TABLE_SCHEMA = ? AND LOWER(TABLE_NAME) IN (";
    private static final String COLUMNS = "SELECT 'c', TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, COLLATION_NAME, 0"
            + " FROM information_schema.COLUMNS" + WHERE;
    private static final String INDEXES = "SELECT 'i', TABLE_NAME, COLUMN_NAME, INDEX_NAME,"
            + " CONCAT(NON_UNIQUE, ':', COALESCE(SUB_PART, '')), SEQ_IN_INDEX FROM information_schema.STATISTICS" + WHERE;
    private static final String TABLES = "SELECT 't', TABLE_NAME, NULL, ENGINE, TABLE_COLLATION, 0"
            + " FROM information_schema.TABLES" + WHERE;
    /** The session's, as the statements run on it; a server that does not know utf8 fails the query, which says nothing. */
    private static final String SCHEMA = "SELECT 's', CHARSET(CONVERT('' USING utf8)), NULL, @@default_storage_engine,"
            + " DEFAULT_COLLATION_NAME, 0 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?";
    private static final String CHARSETS = "SELECT 'e', CHARACTER_SET_NAME, NULL, NULL, DEFAULT_COLLATE_NAME, 0"
            + " FROM information_schema.CHARACTER_SETS WHERE CHARACTER_SET_NAME IN (";

    /** One row of an index: its table (lower-case) and its rows, name, column (a prefix's length with it), uniqueness, place. */
    private record IndexRow(String table, CatalogTable.Rows of, String index, String column, boolean unique, int place) {
    }

    private MariaDbTableColumns() {
    }

    static SchemaTables of(Connection connection, String schema, TableRead read) throws SQLException {
        if (read.tables().isEmpty()) {
            return SchemaTables.NONE;
        }
        CatalogQuery query = new CatalogQuery(schema).tables(COLUMNS, read.tables()).tables(INDEXES, read.indexed())
                .tables(TABLES, read.described()).part(SCHEMA, schema);
        if (!read.charsets().isEmpty() && defaultCollationsFixed(connection)) {
            query.names(CHARSETS, read.charsets());
        }
        return read(connection, query, read.indexed());
    }

    /**
     * Whether a character set's default collation is the one information_schema gives: MariaDB 11.2 and later let
     * {@code character_set_collations} choose another, which is then not read.
     */
    private static boolean defaultCollationsFixed(Connection connection) throws SQLException {
        java.sql.DatabaseMetaData server = connection.getMetaData();
        int major = server.getDatabaseMajorVersion();
        return major < 11 || major == 11 && server.getDatabaseMinorVersion() < 2;
    }

    private static SchemaTables read(Connection connection, CatalogQuery query, Set<String> indexed) throws SQLException {
        CaseFoldedTables found = new CaseFoldedTables();
        List<IndexRow> indexRows = new ArrayList<>();
        String collation = null;
        String engine = null;
        String utf8 = null;
        Map<String, String> charsets = new HashMap<>();
        try (PreparedStatement statement = query.prepare(connection, "");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String kind = rows.getString(1);
                if (kind.equals("s")) {
                    utf8 = lower(rows.getString(2));
                    engine = lower(rows.getString(4));
                    collation = rows.getString(5);
                    continue;
                }
                if (kind.equals("e")) {
                    charsets.put(lower(rows.getString(2)), lower(rows.getString(5)));
                    continue;
                }
                CatalogTable.Rows rowsOf = found.of(rows.getString(2));
                String column = lower(rows.getString(3));
                switch (kind) {
                    case "c" -> rowsOf.column(column, rows.getString(4), lower(rows.getString(5)));
                    case "i" -> indexRows.add(indexRow(lower(rows.getString(2)), rowsOf, column, rows.getString(4),
                            rows.getString(5), rows.getInt(6)));
                    default -> rowsOf.table(lower(rows.getString(4)), lower(rows.getString(5)));
                }
            }
        }
        indexRows.sort(Comparator.comparing(IndexRow::table).thenComparing(IndexRow::index).thenComparing(IndexRow::place));
        indexRows.forEach(row -> row.of().indexColumn(row.index(), row.column(), row.unique()));
        return found.tables(indexed, collation, new ServerDefaults(engine, utf8, charsets));
    }

    private static IndexRow indexRow(String table, CatalogTable.Rows of, String column, String index, String uniqueAndPart,
                                     int place) {
        String[] parts = uniqueAndPart.split(":", -1);
        return new IndexRow(table, of, index, column + (parts[1].isEmpty() ? "" : "(" + parts[1] + ")"),
                parts[0].equals("0"), place);
    }

    private static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}
