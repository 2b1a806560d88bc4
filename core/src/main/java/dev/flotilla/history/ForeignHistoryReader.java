package dev.flotilla.history;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads another tool's history table into {@link ForeignRow}s, in the tool's order of execution. Reads only. */
abstract class ForeignHistoryReader {
    /** One row of the table's result, to turn into a {@link ForeignRow} (or null to pass over). */
    abstract ForeignRow row(ResultSet result, int order) throws SQLException;

    /** The query, given the quoted, qualified table name. */
    abstract String query(String table, Connection connection) throws SQLException;

    static ForeignHistoryReader of(HistorySource source) {
        return switch (source.tool()) {
            case FLYWAY -> new FlywayHistoryReader();
            case LARAVEL -> new LaravelHistoryReader();
            case LIQUIBASE -> new LiquibaseHistoryReader();
            case TABLE -> new LegacyTableReader();
        };
    }

    /**
     * Every row of {@code source}'s table in {@code schema}, whose name is found whatever its case.
     *
     * @throws FlotillaException when the table is not there
     */
    List<ForeignRow> read(Connection connection, Dialect dialect, String schema, HistorySource source, String target)
            throws SQLException {
        String table = dialect.tableNames(connection, schema).stream().filter(source.table()::equalsIgnoreCase).findFirst()
                .orElseThrow(() -> new FlotillaException(ErrorCode.ADOPTION_REFUSED, "No " + source.describe() + " table on "
                        + target + " (schema " + schema + "): was it migrated by that tool? Name the tool's table with"
                        + " --from TOOL:NAME (flyway:schema_version for Flyway 4 and older), your own with --from table:NAME,"
                        + " or use `flotilla baseline --version V` for a target without any history."));
        List<ForeignRow> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query(dialect.quote(schema) + "." + dialect.quote(table), connection))) {
            int order = 0;
            while (result.next()) {
                ForeignRow row = row(result, ++order);
                if (row != null) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The last part of a path, whichever separator it uses. */
    static String baseName(String path) {
        if (path == null) {
            return null;
        }
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }
}
