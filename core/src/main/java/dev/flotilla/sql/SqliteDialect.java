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

    @Override
    public String driverClassName() {
        return "org.sqlite.JDBC";
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public List<SqlStatement> split(String script) {
        return new SqliteScriptSplitter().split(script);
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
        Jdbc.execute(request.connection(), "PRAGMA busy_timeout = " + Math.min(Integer.MAX_VALUE, wait.toMillis()));
        return () -> { };
    }

    /** The busy timeout only bounds waits: the write lock is taken by each transaction itself. */
    @Override
    public boolean lockExcludesOthers() {
        return false;
    }

    @Override
    public SessionSettings applyTimeouts(Connection connection, Duration lockTimeout, Duration statementTimeout) {
        // SQLite has neither lock nor statement timeouts of its own; the busy timeout set by lock() bounds waits.
        return SessionSettings.NONE;
    }

    @Override
    public boolean isLockTimeout(SQLException e) {
        int primaryCode = e.getErrorCode() & 0xff;
        return primaryCode == 5 || primaryCode == 6; // SQLITE_BUSY, SQLITE_LOCKED
    }
}
