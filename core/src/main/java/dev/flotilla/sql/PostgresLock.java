package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's target lock: a session-level advisory lock, polled with {@code pg_try_advisory_lock}. Each try
 * carries, in the same round trip, what the holder reads first: the request's after-lock query (the history
 * rows) when the session saw the history table on entering the schema, else the schema's tables. The second
 * statement gets its own snapshot, taken after the first returned, so what it sees is what the holder may trust.
 */
final class PostgresLock {
    /** The after-lock query's table is gone: SQLSTATE undefined_table. */
    private static final String UNDEFINED_TABLE = "42P01";

    private final Connection connection;
    private final long key;
    private final LockRequest request;
    private LockRequest.ReadAfterLock afterLock;
    private List<String> tables;
    private boolean read;

    private PostgresLock(LockRequest request, long key) {
        this.connection = request.connection();
        this.key = key;
        this.request = request;
        this.afterLock = request.afterLock();
    }

    static SessionLock take(LockRequest request, Duration wait) throws SQLException {
        PostgresLock lock = new PostgresLock(request, LockWait.hash64(request.key(databaseOf(request.connection()))));
        LockWait.await(lock::tryOnce, wait, request.targetName());
        return lock.held();
    }

    private boolean tryOnce() throws SQLException {
        if (request.schema() == null) {
            return "t".equals(Jdbc.queryString(connection, "SELECT pg_try_advisory_lock(?)", key));
        }
        if (afterLock != null) {
            try {
                return tryWith(afterLock.sql(), false, rows -> afterLock.rows(rows));
            } catch (SQLException e) {
                if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                    throw e;
                }
                // Dropped since the session looked. The lock may have been taken before the read failed: give it
                // back (a warning, not an error, when it was not) and list the tables instead.
                Jdbc.queryString(connection, "SELECT pg_advisory_unlock(?)", key);
                afterLock = null;
            }
        }
        return tryWith(PostgresDialect.TABLES_OF_SCHEMA, true, rows -> {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            tables = List.copyOf(names);
        });
    }

    @FunctionalInterface
    private interface Rows {
        void take(ResultSet rows) throws SQLException;
    }

    private boolean tryWith(String then, boolean bySchema, Rows rows) throws SQLException {
        Object[] parameters = bySchema ? new Object[] {key, request.schema()} : new Object[] {key};
        try (PreparedStatement statement = Jdbc.prepare(connection, "SELECT pg_try_advisory_lock(?); " + then, parameters)) {
            statement.execute();
            boolean locked;
            try (ResultSet lock = statement.getResultSet()) {
                locked = lock.next() && lock.getBoolean(1);
            }
            if (locked && statement.getMoreResults()) {
                try (ResultSet seen = statement.getResultSet()) {
                    rows.take(seen);
                }
                read = !bySchema;
            }
            return locked;
        }
    }

    private SessionLock held() {
        List<String> seen = tables;
        boolean readAfter = read;
        return new SessionLock() {
            private boolean held = true;

            @Override
            public void close() throws SQLException {
                if (held && !connection.isClosed()) {
                    held = false;
                    Jdbc.queryString(connection, "SELECT pg_advisory_unlock(?)", key);
                }
            }

            @Override
            public List<String> tablesSeen() {
                return seen;
            }

            @Override
            public boolean readAfterLock() {
                return readAfter;
            }
        };
    }

    /** The connection's database, from its URL when it names one (no round trip), else from the server. */
    private static String databaseOf(Connection connection) throws SQLException {
        String url = connection.getMetaData().getURL();
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("^jdbc:postgresql://[^/?]*/([^/?]+)").matcher(url == null ? "" : url);
        return named.find() ? java.net.URLDecoder.decode(named.group(1), java.nio.charset.StandardCharsets.UTF_8)
                : Jdbc.queryString(connection, "SELECT current_database()");
    }
}
