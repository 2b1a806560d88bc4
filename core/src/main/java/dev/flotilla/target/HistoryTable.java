package dev.flotilla.target;

import dev.flotilla.FlotillaException;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A target's record of applied migrations. Writes go through the caller's connection and so join its
 * transaction when one is open: on transactional dialects a migration and its row commit together.
 * An instance remembers what it learned in its session (whether the table exists, the rows it read and
 * wrote), so a runner holding the target lock asks the server once; {@link #reread()} forgets it all.
 */
public final class HistoryTable {
    static final String COLUMNS = "installed_rank, version, description, kind, script, checksum,"
            + " installed_by, installed_on, execution_time, success, failed_statement, error_message";
    private static final int MAX_DESCRIPTION = 200;
    private static final int MAX_ERROR = 2000;

    private final Dialect dialect;
    private final Connection connection;
    private final String schema;
    private final String table;
    private final String qualified;
    /** The zone of the wall-clock times the table keeps, where it keeps such (see {@link InstalledOn}). */
    private final ZoneId zone;

    /** A tenant's history, its wall-clock times those of this process's zone (as a process in it writes them). */
    public HistoryTable(Dialect dialect, Connection connection, String schema, String table) {
        this(dialect, connection, schema, table, null);
    }

    /** A history whose wall-clock times are of {@code zone}; null: of this process's (see {@link TargetSpec#historyZone}). */
    public HistoryTable(Dialect dialect, Connection connection, String schema, String table, ZoneId zone) {
        this.dialect = dialect;
        this.connection = connection;
        this.schema = schema;
        this.table = table;
        this.qualified = dialect.quote(schema) + "." + dialect.quote(table);
        this.zone = zone == null ? ZoneId.systemDefault() : zone;
    }

    /** Whether the table exists, as last learned in this session; null when not asked yet. */
    private Boolean present;
    /** The rows as last read and since written here, oldest first; null when unknown. */
    private List<AppliedMigration> known;
    private Integer lastRank;

    public String name() {
        return table;
    }

    /**
     * Whether the table exists, asked once per session: the answer holds while the session has the target
     * lock (every runner that creates the table holds it); {@link #reread()} asks again.
     */
    public boolean exists() throws SQLException {
        if (present == null) {
            present = dialect.tableExists(connection, schema, table);
        }
        return present;
    }

    /**
     * Creates the table when it is missing; harmless when another runner created it first. Inside an open
     * transaction (transactional DDL) the table commits with it; after a rollback call {@link #forget()}.
     */
    public void createIfMissing() throws SQLException {
        if (exists()) {
            return;
        }
        Dialect.ColumnTypes t = dialect.columnTypes();
        Jdbc.execute(connection, "CREATE TABLE IF NOT EXISTS " + qualified + " ("
                + "installed_rank " + t.integer() + " NOT NULL PRIMARY KEY, "
                + "version VARCHAR(50), "
                + "description " + t.shortText() + " NOT NULL, "
                + "kind VARCHAR(20) NOT NULL, "
                + "script VARCHAR(1000) NOT NULL, "
                + "checksum VARCHAR(64), "
                + "installed_by VARCHAR(100), "
                + "installed_on " + t.timestamp() + " NOT NULL, "
                + "execution_time " + t.integer() + " NOT NULL, "
                + "success " + t.bool() + " NOT NULL, "
                + "failed_statement " + t.integer() + ", "
                + "error_message " + t.longText() + ")");
        present = true;
        // Missing when asked: under an exclusive lock nobody else has a row in it; without one, callers read it.
        known = new ArrayList<>();
        lastRank = 0;
    }

    /** Takes whether the table exists from a lookup the session made in another round trip of its own. */
    public void learnExists(boolean exists) {
        if (present == null) {
            present = exists;
        }
    }

    /** Forgets what this session learned, after a rollback undid what it wrote (a table created, rows added). */
    public void forget() {
        present = null;
        known = null;
        lastRank = null;
    }

    /** Every row, read from the server again, the table's existence included: for checking that nothing changed. */
    public List<AppliedMigration> reread() throws SQLException {
        forget();
        return read();
    }

    /**
     * The rows as this session last read and wrote them, read once when not known yet. Only where the session
     * holds a target lock that keeps every other runner out: then nobody else can have changed them.
     */
    public List<AppliedMigration> current() throws SQLException {
        return known != null ? List.copyOf(known) : read();
    }

    /** Every row, oldest first; empty when the table does not exist yet. */
    public List<AppliedMigration> read() throws SQLException {
        if (!exists()) {
            known = new ArrayList<>();
            return List.of();
        }
        List<AppliedMigration> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + selected(dialect) + " FROM " + qualified + " ORDER BY installed_rank");
             ResultSet r = statement.executeQuery()) {
            while (r.next()) {
                rows.add(row(dialect, r, zone));
            }
        } catch (SQLException e) {
            refuseIfNotFlotillas(e);
            throw e;
        }
        lastRank = rows.stream().mapToInt(AppliedMigration::rank).max().orElse(0);
        known = new ArrayList<>(rows);
        return rows;
    }

    /**
     * After {@code failure} reading the table: when the table is there without Flotilla's columns (another tool's, such
     * as Laravel's {@code migrations}), throws the FOREIGN_HISTORY error that says so; else returns.
     */
    void refuseIfNotFlotillas(SQLException failure) {
        NotFlotillasHistory why = NotFlotillasHistory.explain(failure, dialect, connection, schema, table, "schema " + schema);
        if (why != null) {
            throw why;
        }
    }

    /**
     * The read of every row as a query a target lock can run in its own round trip, once it holds the lock;
     * {@link #learnRead} then takes what it collected. The query fails when the table does not exist.
     */
    LockedHistoryRead readAfterLock() {
        return new LockedHistoryRead(dialect, "SELECT " + selected(dialect) + " FROM " + qualified + " ORDER BY installed_rank",
                zone);
    }

    /** Takes the rows a lock read just after it was taken: the table exists, and these are its rows. */
    void learnRead(LockedHistoryRead read) {
        present = true;
        known = new ArrayList<>(read.rows());
        lastRank = read.rows().stream().mapToInt(AppliedMigration::rank).max().orElse(0);
    }

    /** The select list of the {@link #COLUMNS}, {@code installed_on} read as {@link InstalledOn} reads it. */
    static String selected(Dialect dialect) {
        return COLUMNS.replace("installed_on", InstalledOn.selected(dialect, "installed_on"));
    }

    /** The row {@code r} is at, its wall-clock time (where the table keeps one) taken as one of {@code zone}. */
    static AppliedMigration row(Dialect dialect, ResultSet r, ZoneId zone) throws SQLException {
        int failed = r.getInt("failed_statement");
        Integer failedStatement = r.wasNull() ? null : failed;
        InstalledOn.Read on = InstalledOn.read(dialect, r, "installed_on", zone);
        return new AppliedMigration(r.getInt("installed_rank"), r.getString("version"), r.getString("description"),
                MigrationKind.valueOf(r.getString("kind")), r.getString("script"), r.getString("checksum"),
                r.getString("installed_by"), on.instant(), r.getLong("execution_time"),
                r.getBoolean("success"), failedStatement, r.getString("error_message"), on.wallClock());
    }

    /** Appends a row, giving it the next rank; returns the rank. */
    public int append(AppliedMigration row) throws SQLException {
        return append(row, false);
    }

    /**
     * Appends a row inside the connection's open transaction and commits it: in one round trip where the
     * dialect sends a {@code COMMIT} with the statement before it, else as two. Returns the rank.
     */
    public int appendAndCommit(AppliedMigration row) throws SQLException {
        boolean together = dialect.commitsInStatementBatch();
        int rank = append(row, together);
        // After a COMMIT sent with the insert the driver knows no transaction is open: this sends nothing.
        connection.commit();
        return rank;
    }

    private int append(AppliedMigration row, boolean thenCommit) throws SQLException {
        int rank;
        if (lastRank != null) {
            // Read (and appended) under the target lock in this session: nobody else has added a row since.
            rank = lastRank + 1;
        } else {
            String max = Jdbc.queryString(connection, "SELECT MAX(installed_rank) FROM " + qualified);
            rank = max == null ? 1 : Integer.parseInt(max.trim()) + 1;
        }
        Instant installedOn = row.installedOn() == null ? Instant.now() : row.installedOn();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + qualified + " (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" + (thenCommit ? "; COMMIT" : ""))) {
            insert.setInt(1, rank);
            insert.setString(2, row.version());
            insert.setString(3, truncate(row.description(), MAX_DESCRIPTION));
            insert.setString(4, row.kind().name());
            insert.setString(5, row.script());
            insert.setString(6, row.checksum());
            insert.setString(7, row.installedBy());
            InstalledOn.bind(dialect, insert, 8, installedOn, zone);
            insert.setLong(9, row.executionMillis());
            insert.setBoolean(10, row.success());
            setNullableInt(insert, 11, row.failedStatement());
            insert.setString(12, truncate(row.error(), MAX_ERROR));
            insert.execute();
        }
        lastRank = rank;
        if (known != null) {
            // As a read would return it: text cut to the columns' lengths.
            known.add(new AppliedMigration(rank, row.version(), truncate(row.description(), MAX_DESCRIPTION), row.kind(),
                    row.script(), row.checksum(), row.installedBy(), installedOn, row.executionMillis(), row.success(),
                    row.failedStatement(), truncate(row.error(), MAX_ERROR), InstalledOn.wallClock(dialect, installedOn, zone)));
        }
        return rank;
    }

    /** Records how far a non-transactional run got, or its end. */
    public void updateOutcome(int rank, boolean success, Integer failedStatement, long executionMillis, String error)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + qualified
                + " SET success = ?, failed_statement = ?, execution_time = ?, error_message = ? WHERE installed_rank = ?")) {
            update.setBoolean(1, success);
            setNullableInt(update, 2, failedStatement);
            update.setLong(3, executionMillis);
            update.setString(4, truncate(error, MAX_ERROR));
            update.setInt(5, rank);
            update.executeUpdate();
        }
        known = null;
    }

    /** Marks a failed row as succeeded (the rest was finished by hand). */
    public void markSucceeded(int rank) throws SQLException {
        known = null;
        Jdbc.update(connection, "UPDATE " + qualified + " SET success = ?, failed_statement = NULL WHERE installed_rank = ?",
                true, rank);
    }

    public void updateChecksum(int rank, String checksum) throws SQLException {
        known = null;
        Jdbc.update(connection, "UPDATE " + qualified + " SET checksum = ? WHERE installed_rank = ?", checksum, rank);
    }

    public void delete(int rank) throws SQLException {
        known = null;
        Jdbc.update(connection, "DELETE FROM " + qualified + " WHERE installed_rank = ?", rank);
    }

    private static void setNullableInt(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
