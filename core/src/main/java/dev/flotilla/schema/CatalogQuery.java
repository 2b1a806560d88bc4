package dev.flotilla.schema;

import dev.flotilla.sql.Jdbc;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** Runs one catalog query and hands every row to a reader's handler. */
final class CatalogQuery {
    @FunctionalInterface
    interface RowHandler {
        void row(ResultSet row) throws SQLException;
    }

    private CatalogQuery() {
    }

    static void each(Connection connection, String sql, RowHandler handler, Object... parameters) throws SQLException {
        try (PreparedStatement statement = Jdbc.prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                handler.row(rows);
            }
        }
    }

    /** A SQL array column as a list of strings. */
    static List<String> strings(ResultSet row, String column) throws SQLException {
        Array array = row.getArray(column);
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
