package dev.flotilla.history;

import dev.flotilla.history.ForeignRow.State;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Laravel's {@code migrations}: {@code id}, {@code migration} (the file name without {@code .php}, such as
 * {@code 2025_11_01_000000_create_users_table}) and {@code batch}. Only what ran is recorded: every row applied.
 */
final class LaravelHistoryReader extends ForeignHistoryReader {
    @Override
    String query(String table, Connection connection) {
        return "SELECT id, migration, batch FROM " + table + " ORDER BY id";
    }

    @Override
    ForeignRow row(ResultSet result, int order) throws SQLException {
        String migration = result.getString("migration");
        return new ForeignRow(result.getInt("id"), null, migration, migration, "laravel batch " + result.getInt("batch"),
                null, 0, State.APPLIED, null);
    }
}
