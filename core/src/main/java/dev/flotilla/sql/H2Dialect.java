package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * H2: most DDL commits the open transaction, so H2 is run like MariaDB, per statement. The lock is a row
 * lock on a one-row table beside the history table, held by a second connection, because a lock held by
 * the working connection would be released by the first DDL commit.
 */
final class H2Dialect implements Dialect {
    @Override
    public String identifierKey(String name, boolean quoted) {
        return quoted ? name : name.toUpperCase(java.util.Locale.ROOT);
    }

    private static final ColumnTypes TYPES = new ColumnTypes("VARCHAR(200)", "CHARACTER LARGE OBJECT", "BOOLEAN", "TIMESTAMP", "INTEGER");
    private static final int LOCK_TIMEOUT_ERROR = 50200;
    /** The one instance {@link Dialect#forUrl} gives: a dialect is stateless. */
    static final H2Dialect INSTANCE = new H2Dialect();

    @Override
    public String driverClassName() {
        return "org.h2.Driver";
    }

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public List<SqlStatement> split(String script) {
        return new H2ScriptSplitter().split(script);
    }

    @Override
    public SqlText text() {
        return new SqlText(new H2ScriptSplitter());
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        return Jdbc.queryString(connection, "SELECT CURRENT_SCHEMA");
    }

    @Override
    public void useSchema(Connection connection, String schema, boolean create) throws SQLException {
        if (create) {
            Jdbc.execute(connection, "CREATE SCHEMA IF NOT EXISTS " + quote(schema));
        }
        Jdbc.execute(connection, "SET SCHEMA " + quote(schema));
    }

    @Override
    public boolean schemaExists(Connection connection, String schema) throws SQLException {
        return Jdbc.queryString(connection,
                "SELECT 1 FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = ?", schema) != null;
    }

    @Override
    public List<String> tableNames(Connection connection, String schema) throws SQLException {
        return Jdbc.queryStrings(connection, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1", schema);
    }

    /**
     * Tables and views with their columns; the primary keys and unique constraints of those {@code read} asks them of
     * ({@link H2TableColumns}).
     */
    @Override
    public SchemaTables tableColumns(Connection connection, String schema, TableRead read) throws SQLException {
        return H2TableColumns.of(connection, schema, read);
    }

    @Override
    public ColumnTypes columnTypes() {
        return TYPES;
    }

    /**
     * Every statement waits at most {@code wait}: H2's default lock timeout (2 s) ended the wait for another run early,
     * under a message naming the whole wait. Only the row lock is another run's to hold: the lock row is written only
     * when missing, never merged over (a MERGE updates it, and so waited for the run holding it). A statement before it
     * that times out waited for something else, and goes up as the table's lock timeout it is.
     */
    @Override
    public SessionLock lock(LockRequest request, Duration wait) throws SQLException {
        String table = quote(request.schema()) + "." + quote(request.historyTable() + "_lock");
        Connection lockConnection = request.opener().open();
        boolean rowLock = false;
        try {
            Jdbc.execute(lockConnection, "SET LOCK_TIMEOUT " + Math.min(Integer.MAX_VALUE, wait.toMillis()));
            Jdbc.execute(lockConnection, "CREATE SCHEMA IF NOT EXISTS " + quote(request.schema()));
            Jdbc.execute(lockConnection, "CREATE TABLE IF NOT EXISTS " + table + " (id INT PRIMARY KEY)");
            if (Jdbc.queryString(lockConnection, "SELECT id FROM " + table + " WHERE id = 1") == null) {
                Jdbc.execute(lockConnection, "MERGE INTO " + table + " KEY (id) VALUES (1)"); // two first runs may race here
            }
            lockConnection.setAutoCommit(false);
            rowLock = true;
            Jdbc.queryString(lockConnection, "SELECT id FROM " + table + " WHERE id = 1 FOR UPDATE");
        } catch (SQLException e) {
            lockConnection.close();
            if (rowLock && isLockTimeout(e)) {
                throw LockWait.timeout(wait, request.targetName());
            }
            throw e;
        }
        return () -> {
            if (!lockConnection.isClosed()) {
                try {
                    lockConnection.rollback();
                } finally {
                    lockConnection.close();
                }
            }
        };
    }

    @Override
    public SessionSettings applyTimeouts(Connection connection, Duration lockTimeout, Duration statementTimeout)
            throws SQLException {
        // Flotilla opens and closes its own H2 connections, so these settings end with the run.
        if (lockTimeout != null) {
            Jdbc.execute(connection, "SET LOCK_TIMEOUT " + Math.min(Integer.MAX_VALUE, lockTimeout.toMillis()));
        }
        if (statementTimeout != null) {
            Jdbc.execute(connection, "SET QUERY_TIMEOUT " + Math.min(Integer.MAX_VALUE, statementTimeout.toMillis()));
        }
        return SessionSettings.NONE;
    }

    @Override
    public boolean isLockTimeout(SQLException e) {
        return e.getErrorCode() == LOCK_TIMEOUT_ERROR;
    }

    /** STATEMENT_WAS_CANCELED: Flotilla's QUERY_TIMEOUT (nothing else cancels a statement in an embedded database). */
    @Override
    public boolean isStatementTimeout(SQLException e) {
        return e.getErrorCode() == 57014;
    }
}
