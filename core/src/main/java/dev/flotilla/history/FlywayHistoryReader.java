package dev.flotilla.history;

import dev.flotilla.history.ForeignRow.State;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Flyway's {@code flyway_schema_history} ({@code schema_version} up to Flyway 4, same columns): versioned rows
 * (types SQL, JDBC, SCRIPT), repeatables (no version), BASELINE (INIT in Flyway 3), the UNDO types of Flyway
 * Teams, and the DELETE rows {@code flyway repair} writes for migrations whose files were removed.
 */
final class FlywayHistoryReader extends ForeignHistoryReader {
    /** The columns that tell Flyway's history from another table. */
    static final List<String> COLUMNS = List.of("installed_rank", "version", "description", "type", "script", "checksum",
            "installed_by", "installed_on", "execution_time", "success");

    @Override
    String query(String table, Connection connection) {
        return "SELECT " + String.join(", ", COLUMNS) + " FROM " + table + " ORDER BY installed_rank";
    }

    @Override
    ForeignRow row(ResultSet result, int order) throws SQLException {
        String version = result.getString("version");
        String type = String.valueOf(result.getString("type")).toUpperCase(Locale.ROOT);
        int checksum = result.getInt("checksum");
        Integer crc32 = result.wasNull() ? null : checksum;
        State state;
        if (type.equals("SCHEMA")) {
            return null; // Flyway's own marker for the schemas it created.
        } else if (!result.getBoolean("success")) {
            state = State.FAILED;
        } else if (type.equals("BASELINE") || type.equals("INIT")) { // INIT: Flyway 3's name for a baseline
            state = State.BASELINE;
        } else if (type.startsWith("UNDO") || type.equals("DELETE")) {
            state = State.UNDONE;
        } else {
            state = version == null ? State.REPEATABLE : State.APPLIED;
        }
        return new ForeignRow(result.getInt("installed_rank"), version, result.getString("script"),
                result.getString("description"), result.getString("installed_by"), instant(result.getTimestamp("installed_on")),
                result.getLong("execution_time"), state, crc32);
    }
}
