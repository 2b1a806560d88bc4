package dev.flotilla.sql;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * SQLite: one file is one target, DDL is transactional. The lock is the database file's write lock:
 * every migration transaction begins IMMEDIATE (taking the write lock at once, waiting up to the busy
 * timeout), and the runner re-reads the history inside it, so concurrent runners apply each migration once.
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

    @Override
    public SessionLock lock(LockRequest request, Duration wait) throws SQLException {
        waitWhileBusy(request.connection(), wait);
        return () -> { };
    }

    /**
     * Locked, the busy timeout {@link #lock} set is the session's only timeout: each transaction of the run waits up to
     * the lock wait for the write lock, which is SQLite's target lock, and the lock timeout must not shorten it.
     */
    @Override
    public LockedEntry enterAndLock(LockRequest request, Duration wait) throws SQLException {
        LockedEntry locked = Dialect.super.enterAndLock(request, wait);
        return new LockedEntry(locked.entry(), locked.lock(), true);
    }

    /** How long a statement waits for a file another connection or process is writing before it fails SQLITE_BUSY. */
    private static void waitWhileBusy(Connection connection, Duration wait) throws SQLException {
        Jdbc.execute(connection, "PRAGMA busy_timeout = " + Math.min(Integer.MAX_VALUE, wait.toMillis()));
    }

    /** The busy timeout only bounds waits: the write lock is taken by each transaction itself. */
    @Override
    public boolean lockExcludesOthers() {
        return false;
    }

    /**
     * SQLite has no statement timeout; its lock timeout is the busy timeout, for a session that reads without the
     * target lock (plan, status, verify, drift): it waits up to the lock timeout for a file being written, not the
     * driver's 3 s.
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
