package dev.flotilla.target;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A history table name ({@code historyTable}, {@code --history-table}) that names a table which is there but is not
 * Flotilla's, such as Laravel's {@code migrations}: found only once reading it failed, and thrown instead of the
 * database's "unknown column", with the tool the table looks like and what to do. Its message is written for one
 * target; the command it names ({@code adopt --from} {@link #adoptFrom()}) is kept apart from its text, so that
 * {@code dev.flotilla.plan.Advice} makes it a value, written with {@code --tenants} for a tenant of the fleet (this
 * package sits below the one that has Advice, and does not build one).
 */
public final class NotFlotillasHistory extends FlotillaException {
    private static final List<String> FLYWAY = List.of("installed_rank", "version", "script", "checksum", "type", "success");
    private static final List<String> LIQUIBASE = List.of("id", "author", "filename", "exectype");
    private static final List<String> LARAVEL = List.of("migration", "batch");
    /** What the message says before the command, after {@link #problem()}. */
    public static final String TAKE_OVER = " Name another table for Flotilla's history (historyTable: in flotilla.yml,"
            + " --history-table for one target), then take that history over with ";
    /** What the message says after the command. */
    public static final String NOTHING_CHANGED = ". Nothing was changed.";

    private final String problem;
    private final String adoptFrom;

    private NotFlotillasHistory(String problem, String adoptFrom, SQLException cause) {
        super(ErrorCode.FOREIGN_HISTORY, problem + TAKE_OVER + "`flotilla adopt --from " + adoptFrom + "`" + NOTHING_CHANGED,
                cause);
        this.problem = problem;
        this.adoptFrom = adoptFrom;
    }

    /** What the table is, and why Flotilla cannot use it: the message up to what to do. */
    public String problem() {
        return problem;
    }

    /** What {@code adopt --from} takes to read the table's history ({@code laravel:migrations}, {@code table:NAME}). */
    public String adoptFrom() {
        return adoptFrom;
    }

    /**
     * Why reading {@code table} failed, when it is there without Flotilla's columns: the error to throw instead of
     * {@code failure}; null when that is not why.
     */
    static NotFlotillasHistory explain(SQLException failure, Dialect dialect, Connection connection, String schema,
                                       String table, String target) {
        if (stoppedWaiting(dialect, failure)) {
            // The table was held or the read stopped, not refused: nothing about its columns. Skipping the probe saves
            // a second lock timeout's wait on the held table, to learn nothing. An optimisation only: PostgresLock sets
            // the session's timeouts again after a failed try (the fix for a probe that once waited without bound).
            return null;
        }
        List<String> columns;
        try {
            columns = columns(dialect, connection, schema, table);
        } catch (SQLException | RuntimeException unreadable) {
            return null;
        }
        List<String> ours = Arrays.stream(HistoryTable.COLUMNS.split(",")).map(String::strip).toList();
        List<String> missing = ours.stream().filter(c -> !columns.contains(c)).toList();
        if (missing.isEmpty()) {
            return null;
        }
        return new NotFlotillasHistory("The history table " + table + " on " + target + " is not Flotilla's: it has "
                + (missing.size() == ours.size() ? "none of Flotilla's columns" : "no column " + String.join(", ", missing))
                + "; its columns are " + columns + ", " + looksLike(table, columns) + ".", from(table, columns), failure);
    }

    /** Whether the read failed by a lock timeout, a statement timeout or a cancel: nothing about the table's columns. */
    private static boolean stoppedWaiting(Dialect dialect, SQLException failure) {
        return dialect.isLockTimeout(failure) || dialect.isStatementTimeout(failure) || dialect.isTimeoutOrCancel(failure)
                || dialect.isCanceled(failure);
    }

    private static List<String> columns(Dialect dialect, Connection connection, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet empty = statement.executeQuery("SELECT * FROM " + dialect.quote(schema) + "." + dialect.quote(table)
                     + " WHERE 1 = 0")) {
            ResultSetMetaData meta = empty.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }

    private static String looksLike(String table, List<String> columns) {
        return switch (from(table, columns).replaceFirst(":.*", "")) {
            case "flyway" -> "as Flyway's history has";
            case "liquibase" -> "as Liquibase's DATABASECHANGELOG has";
            case "laravel" -> "as Laravel's migrations table has";
            default -> "a table of another tool or of your own";
        };
    }

    /** How {@code adopt --from} names the table. */
    private static String from(String table, List<String> columns) {
        String tool = columns.containsAll(FLYWAY) ? "flyway" : columns.containsAll(LIQUIBASE) ? "liquibase"
                : columns.containsAll(LARAVEL) ? "laravel" : "table";
        return tool + ":" + table;
    }
}
