package dev.flotilla.scratch;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * Copies the first rows of each table from a target into its scratch copy, in one batch per table: in a shared schema,
 * the first rows of the tenant the dry run tests, where a table has the tenant column ({@link RowSample}).
 */
final class SampleRows {
    private SampleRows() {
    }

    /** Copies at most {@code sample.rows()} rows of each table; the caller has switched off foreign key checks on {@code to}. */
    static void copy(Dialect dialect, Connection from, String fromSchema, Connection to, String toSchema,
                     List<String> tables, RowSample sample) throws SQLException {
        for (String table : tables) {
            String column = sample.columnOf(table);
            String source = dialect.quote(fromSchema) + "." + dialect.quote(table);
            String select = "SELECT * FROM " + source + (column == null ? "" : " WHERE " + dialect.quote(column) + " = ?")
                    + " LIMIT " + sample.rows();
            try (PreparedStatement read = from.prepareStatement(select)) {
                if (column != null) {
                    dialect.bindUntyped(read, 1, sample.tenant());
                }
                try (ResultSet rows = read.executeQuery()) {
                    insert(dialect, rows, to, dialect.quote(toSchema) + "." + dialect.quote(table));
                }
            } catch (SQLException e) {
                throw new SQLException("Copying sample rows of " + table + (column == null ? "" : " of " + sample.tenant())
                        + " into the scratch copy failed: " + e.getMessage()
                        + " (tables with generated columns cannot be sampled yet; dry-run without --sample-rows)",
                        e.getSQLState(), e.getErrorCode(), e);
            }
        }
    }

    private static void insert(Dialect dialect, ResultSet rows, Connection to, String target) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        String insert = "INSERT INTO " + target + " VALUES (" + Jdbc.marks(columns) + ")";
        try (PreparedStatement write = to.prepareStatement(insert)) {
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    write.setObject(i, rows.getObject(i));
                }
                write.addBatch();
            }
            write.executeBatch();
        }
    }
}
