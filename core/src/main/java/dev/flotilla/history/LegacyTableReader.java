package dev.flotilla.history;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.history.ForeignRow.State;
import dev.flotilla.migration.FileDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A home-grown history table, such as seed 004's {@code schema_migrations}: its columns are found by their
 * usual names (a file or migration name and/or a version; optionally when it ran, how many milliseconds it took,
 * whether it succeeded and a checksum of the file: a SHA-256, SHA-1 or MD5 in hex, compared with the file). A
 * table with Flyway's columns (Flyway 4's {@code schema_version} named as {@code table:}) is read as Flyway's, so
 * that its baselines, undone and deleted rows and checksums keep their meaning.
 */
final class LegacyTableReader extends ForeignHistoryReader {
    private static final List<String> NAMES = List.of("filename", "file_name", "script", "migration", "migration_name", "name");
    private static final List<String> VERSIONS = List.of("version", "migration_version");
    private static final List<String> TIMES = List.of("applied_at", "executed_at", "installed_on", "run_on", "created_at");
    private static final List<String> SUCCESS = List.of("success", "succeeded");
    private static final List<String> MILLIS = List.of("execution_time_ms", "duration_ms", "execution_time");
    private static final List<String> DIGESTS = List.of("checksum", "sha256", "sha256_checksum", "hash", "file_hash",
            "content_hash", "md5");
    private static final List<String> ORDER = List.of("installed_rank", "id");

    private String name;
    private String version;
    private String time;
    private String success;
    private String millis;
    private String digest;
    private ForeignHistoryReader flyway;

    @Override
    String query(String table, Connection connection) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet empty = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            ResultSetMetaData meta = empty.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
        }
        if (columns.containsAll(FlywayHistoryReader.COLUMNS)) {
            flyway = new FlywayHistoryReader();
            return flyway.query(table, connection);
        }
        name = first(columns, NAMES);
        version = first(columns, VERSIONS);
        time = first(columns, TIMES);
        success = first(columns, SUCCESS);
        millis = first(columns, MILLIS);
        digest = first(columns, DIGESTS);
        if (name == null && version == null) {
            throw new FlotillaException(ErrorCode.ADOPTION_REFUSED, table + " has no column Flotilla can match files by:"
                    + " it looks for one of " + NAMES + " or " + VERSIONS + "; its columns are " + columns + ".");
        }
        String order = first(columns, ORDER);
        return "SELECT * FROM " + table + (order != null ? " ORDER BY " + order : time != null ? " ORDER BY " + time : "");
    }

    @Override
    ForeignRow row(ResultSet result, int order) throws SQLException {
        if (flyway != null) {
            return flyway.row(result, order);
        }
        String rowName = name == null ? null : result.getString(name);
        String rowVersion = version == null ? null : result.getString(version);
        if (rowName == null && rowVersion == null) {
            return null;
        }
        return new ForeignRow(order, rowVersion, rowName, rowName != null ? rowName : rowVersion, null,
                time == null ? null : instant(result.getTimestamp(time)), millis == null ? 0 : result.getLong(millis),
                state(result), null, digest == null ? null : FileDigest.parse(result.getString(digest)));
    }

    /** Only FALSE marks a failure, as seed 004's own {@code WHERE success = FALSE} finds them; NULL says nothing. */
    private State state(ResultSet result) throws SQLException {
        if (success == null) {
            return State.APPLIED;
        }
        boolean ok = result.getBoolean(success);
        return result.wasNull() ? State.OUTCOME_UNKNOWN : ok ? State.APPLIED : State.FAILED;
    }

    private static String first(List<String> columns, List<String> candidates) {
        return candidates.stream().filter(columns::contains).findFirst().orElse(null);
    }
}
