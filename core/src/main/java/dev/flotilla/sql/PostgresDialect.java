package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * PostgreSQL: transactional DDL, schemas, a session-level advisory lock (a transaction-level one would
 * hang on {@code CREATE INDEX CONCURRENTLY}, which waits for every older transaction, Flyway #3497).
 */
final class PostgresDialect implements Dialect {
    private static final ServerSessionSettings.Access SETTINGS = new ServerSessionSettings.Access() {
        @Override
        public String get(Connection connection, String name) throws SQLException {
            return Jdbc.queryString(connection, "SELECT current_setting(?)", name);
        }

        @Override
        public void set(Connection connection, String name, String value) throws SQLException {
            Jdbc.prepareAndRun(connection, "SELECT set_config(?, ?, false)", name, value);
        }
    };
    private static final ColumnTypes TYPES = new ColumnTypes("VARCHAR(200)", "TEXT", "BOOLEAN", "TIMESTAMP", "INTEGER");

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public List<SqlStatement> split(String script) {
        return new PostgresScriptSplitter().split(script);
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        return Jdbc.queryString(connection, "SELECT current_schema()");
    }

    @Override
    public void useSchema(Connection connection, String schema, boolean create) throws SQLException {
        if (create) {
            Jdbc.execute(connection, "CREATE SCHEMA IF NOT EXISTS " + quote(schema));
        }
        Jdbc.queryString(connection, "SELECT set_config('search_path', ?, false)", quote(schema));
    }

    @Override
    public boolean schemaExists(Connection connection, String schema) throws SQLException {
        return Jdbc.queryString(connection, "SELECT 1 FROM pg_namespace WHERE nspname = ?", schema) != null;
    }

    @Override
    public List<String> tableNames(Connection connection, String schema) throws SQLException {
        return Jdbc.queryStrings(connection,
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY 1", schema);
    }

    @Override
    public ColumnTypes columnTypes() {
        return TYPES;
    }

    @Override
    public SessionLock lock(LockRequest request, Duration wait) throws SQLException {
        Connection connection = request.connection();
        String database = Jdbc.queryString(connection, "SELECT current_database()");
        long key = LockWait.hash64(request.key(database));
        LockWait.await(() -> "t".equals(Jdbc.queryString(connection, "SELECT pg_try_advisory_lock(?)", key)),
                wait, request.targetName());
        return new SessionLock() {
            private boolean held = true;

            @Override
            public void close() throws SQLException {
                if (held && !connection.isClosed()) {
                    held = false;
                    Jdbc.queryString(connection, "SELECT pg_advisory_unlock(?)", key);
                }
            }
        };
    }

    @Override
    public SessionSettings applyTimeouts(Connection connection, Duration lockTimeout, Duration statementTimeout)
            throws SQLException {
        return ServerSessionSettings.apply(connection, SETTINGS,
                new ServerSessionSettings.Setting("lock_timeout", millis(lockTimeout)),
                new ServerSessionSettings.Setting("statement_timeout", millis(statementTimeout)));
    }

    @Override
    public boolean isLockTimeout(SQLException e) {
        return "55P03".equals(e.getSQLState());
    }

    private static String millis(Duration duration) {
        return duration == null ? null : duration.toMillis() + "ms";
    }
}
