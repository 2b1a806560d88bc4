package dev.flotilla.sql;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.sql.Connection;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * SQLite: one file is one target, DDL is transactional. The target lock is an OS lock on a file beside the database
 * ({@link SqliteTargetLock}), held for the whole run, so that no other Flotilla run (a deploy, rollback or restore, in
 * this process or another) comes in between two migrations. Every transaction still begins IMMEDIATE, taking the file's
 * write lock at once, which other programs writing the file hold too: it waits for them up to the lock timeout, as
 * statements wait for a table's lock on the other databases.
 */
final class SqliteDialect implements Dialect {
    private static final ColumnTypes TYPES = new ColumnTypes("VARCHAR(200)", "TEXT", "BOOLEAN", "TIMESTAMP", "INTEGER");
    private static final String MAIN = "main";
    /** The one instance {@link Dialect#forUrl} gives: a dialect is stateless. */
    static final SqliteDialect INSTANCE = new SqliteDialect();

    @Override
    public String driverClassName() {
        return "org.sqlite.JDBC";
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public boolean keepsInstants() {
        return true;
    }

    @Override
    public List<SqlStatement> split(String script) {
        return new SqliteScriptSplitter().split(script);
    }

    @Override
    public SqlText text() {
        return new SqlText(new SqliteScriptSplitter());
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public Properties connectionProperties() {
        Properties properties = new Properties();
        properties.setProperty("transaction_mode", "IMMEDIATE");
        return properties;
    }

    @Override
    public String currentSchema(Connection connection) {
        return MAIN;
    }

    @Override
    public void useSchema(Connection connection, String schema, boolean create) {
        if (!MAIN.equals(schema)) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "SQLite has no schemas: one database file is one target."
                    + " Remove --schema " + schema + " or point --url at the tenant's own file.");
        }
    }

    @Override
    public boolean schemaExists(Connection connection, String schema) {
        return MAIN.equals(schema);
    }

    @Override
    public List<String> tableNames(Connection connection, String schema) throws SQLException {
        return Jdbc.queryStrings(connection,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1");
    }

    @Override
    public ColumnTypes columnTypes() {
        return TYPES;
    }

    /**
     * The lock file of the database the connection has open; none for a database in memory, which no other connection
     * sees. Under it, the session's transactions wait for the write lock another program holds up to the request's lock
     * timeout (none given: the session's own busy timeout).
     */
    @Override
    public SessionLock lock(LockRequest request, Duration wait) throws SQLException {
        String file = Jdbc.queryString(request.connection(), "SELECT file FROM pragma_database_list WHERE name = 'main'");
        SessionLock held = file == null || file.isEmpty() ? () -> { }
                : SqliteTargetLock.take(Path.of(file), wait, request.targetName());
        try {
            if (request.timeouts() != null && request.timeouts().lock() != null) {
                waitWhileBusy(request.connection(), request.timeouts().lock());
            }
        } catch (SQLException | RuntimeException e) {
            held.close();
            throw e;
        }
        return held;
    }

    /** The lock's round trip sets the session's only timeout, the busy timeout, when the request gives one. */
    @Override
    public LockedEntry enterAndLock(LockRequest request, Duration wait) throws SQLException {
        LockedEntry locked = Dialect.super.enterAndLock(request, wait);
        return new LockedEntry(locked.entry(), locked.lock(), request.timeouts() != null);
    }

    /** How long a statement waits for a file another connection or process is writing before it fails SQLITE_BUSY. */
    private static void waitWhileBusy(Connection connection, Duration wait) throws SQLException {
        Jdbc.execute(connection, "PRAGMA busy_timeout = " + Math.min(Integer.MAX_VALUE, wait.toMillis()));
    }

    /**
     * SQLite has no statement timeout; its lock timeout is the busy timeout: a session waits up to the lock timeout for a
     * file being written, not the driver's 3 s.
     */
    @Override
    public SessionSettings applyTimeouts(Connection connection, Duration lockTimeout, Duration statementTimeout)
            throws SQLException {
        if (lockTimeout == null) {
            return SessionSettings.NONE;
        }
        String before = Jdbc.queryString(connection, "PRAGMA busy_timeout");
        waitWhileBusy(connection, lockTimeout);
        return () -> Jdbc.execute(connection, "PRAGMA busy_timeout = " + Long.parseLong(before));
    }

    /** SQLite gives no SQLSTATE: its primary result code SQLITE_CONSTRAINT (19) says it. */
    @Override
    public boolean isConstraintViolation(SQLException e) {
        return (e.getErrorCode() & 0xff) == 19;
    }

    @Override
    public boolean isLockTimeout(SQLException e) {
        int primaryCode = e.getErrorCode() & 0xff;
        return primaryCode == 5 || primaryCode == 6; // SQLITE_BUSY, SQLITE_LOCKED
    }
}
