package dev.flotilla.history;

import dev.flotilla.history.ForeignRow.State;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Liquibase's {@code DATABASECHANGELOG}: one row per changeset ({@code ID}, {@code AUTHOR}, {@code FILENAME}),
 * with how it ran ({@code EXECTYPE}: EXECUTED, RERAN and MARK_RAN count as applied, FAILED as failed, SKIPPED
 * as nothing). A file is matched by its name, else a changeset id by a file's version.
 */
final class LiquibaseHistoryReader extends ForeignHistoryReader {
    @Override
    String query(String table, Connection connection) {
        return "SELECT id, author, filename, dateexecuted, orderexecuted, exectype, description FROM " + table
                + " ORDER BY orderexecuted";
    }

    @Override
    ForeignRow row(ResultSet result, int order) throws SQLException {
        String type = String.valueOf(result.getString("exectype")).toUpperCase(Locale.ROOT);
        State state = switch (type) {
            case "EXECUTED", "RERAN", "MARK_RAN" -> State.APPLIED;
            case "FAILED" -> State.FAILED;
            default -> State.IGNORED;
        };
        String id = result.getString("id");
        String description = result.getString("description");
        return new ForeignRow(result.getInt("orderexecuted"), id, baseName(result.getString("filename")),
                description == null || description.isBlank() ? id : description, result.getString("author"),
                instant(result.getTimestamp("dateexecuted")), 0, state, null);
    }
}
