package dev.flotilla.scratch;

import dev.flotilla.sql.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;

/** Copies the first rows of each table from a target into its scratch copy, in one batch per table. */
final class SampleRows {
    private SampleRows() {
    }

    /** Copies at most {@code limit} rows of each table; the caller has switched off foreign key checks on {@code to}. */
    static void copy(Dialect dialect, Connection from, String fromSchema, Connection to, String toSchema,
                     List<String> tables, int limit) throws SQLException {
        for (String table : tables) {
            String source = dialect.quote(fromSchema) + "." + dialect.quote(table);
            try (Statement read = from.createStatement();
                 ResultSet rows = read.executeQuery("SELECT * FROM " + source + " LIMIT " + limit)) {
                ResultSetMetaData meta = rows.getMetaData();
                int columns = meta.getColumnCount();
                String insert = "INSERT INTO " + dialect.quote(toSchema) + "." + dialect.quote(table) + " VALUES ("
                        + String.join(", ", Collections.nCopies(columns, "?")) + ")";
                try (PreparedStatement write = to.prepareStatement(insert)) {
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            write.setObject(i, rows.getObject(i));
                        }
                        write.addBatch();
                    }
                    write.executeBatch();
                }
            } catch (SQLException e) {
                throw new SQLException("Copying sample rows of " + table + " into the scratch copy failed: " + e.getMessage()
                        + " (tables with generated columns cannot be sampled yet; dry-run without --sample-rows)",
                        e.getSQLState(), e.getErrorCode(), e);
            }
        }
    }
}
