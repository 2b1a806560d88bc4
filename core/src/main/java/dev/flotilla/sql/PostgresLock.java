package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's target lock: a session-level advisory lock, polled with {@code pg_try_advisory_lock}. Each try
 * carries, in the same round trip, what the holder reads first: the request's after-lock query (the history
 * rows), else the schema's tables; the first try can also set the session's timeouts and enter the schema.
 * Every statement of a try gets its own snapshot, taken after the one before returned, so what the read sees is
 * what the holder may trust.
 */
final class PostgresLock {
    /** The after-lock query's table is not there: SQLSTATE undefined_table. */
    private static final String UNDEFINED_TABLE = "42P01";
    private static final Pattern DATABASE_NAME = Pattern.compile("^jdbc:postgresql://[^/?]*/([^/?]+)");

    private final Connection connection;
    private final long key;
    private final LockRequest request;
    private LockRequest.ReadAfterLock afterLock;
    /** The timeouts' names and values, sent with the next try until one goes through; null: set already, or none. */
    private Object[] timing;
    /** The parameters of entering the schema, sent with the next try until one succeeds; null: entered already. */
    private Object[] entering;
    /** A try failed after it may have taken the lock: the next one gives it back first (a warning when not held). */
    private boolean unlockFirst;
    private Dialect.SchemaEntry entry;
    private List<String> tables;
    private boolean read;

    private PostgresLock(LockRequest request, long key) {
        this.connection = request.connection();
        this.key = key;
        this.request = request;
        this.afterLock = request.afterLock();
    }

    /** Takes the lock; in a schema, the request's timeouts (if any) are set in the first try's round trip. */
    static SessionLock take(LockRequest request, Duration wait) throws SQLException {
        PostgresLock lock = new PostgresLock(request, key(request));
        if (request.schema() != null) {
            lock.timing = PostgresSessionSettings.timeoutParameters(request.timeouts());
        }
        lock.await(wait);
        return lock.held();
    }

    /**
     * Enters the schema, takes the lock and reads the history in one round trip when the history table is
     * there; where it is not (a first deploy) the read fails, and a second round trip enters again (the failed
     * one's search path was rolled back with it), gives back the lock and lists the tables instead.
     */
    static Dialect.LockedEntry enterAndTake(PostgresDialect dialect, LockRequest request, Duration wait) throws SQLException {
        PostgresLock lock = new PostgresLock(request, key(request));
        lock.entering = dialect.enterParameters(request.schema(), request.historyTable());
        lock.timing = PostgresSessionSettings.timeoutParameters(request.timeouts());
        boolean timeoutsSet = lock.timing != null;
        lock.await(wait);
        return new Dialect.LockedEntry(lock.entry, lock.held(), timeoutsSet && lock.timing == null);
    }

    /**
     * Tries until the lock is had. A try is one implicit transaction: when one fails (the read waited past the lock
     * timeout on a table another session holds, or found a table not Flotilla's) the timeouts it set were rolled back
     * with it, so they are set again, in a round trip of their own, before the failure goes to the caller, whose next
     * statements on the connection (a look at the table, the lock holders) must not wait without bound. A try that goes
     * through costs nothing more.
     */
    private void await(Duration wait) throws SQLException {
        try {
            LockWait.await(this::tryOnce, wait, request.targetName());
        } catch (SQLException e) {
            setTimeoutsAgain(e);
            throw e;
        }
    }

    private void setTimeoutsAgain(SQLException failure) {
        if (timing == null) {
            return;
        }
        try {
            Jdbc.prepareAndRun(connection, PostgresSessionSettings.setConfigs(timing.length / 2), timing);
            timing = null;
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static long key(LockRequest request) throws SQLException {
        return LockWait.hash64(request.key(databaseOf(request.connection())));
    }

    private boolean tryOnce() throws SQLException {
        if (request.schema() == null) {
            return "t".equals(Jdbc.queryString(connection, "SELECT pg_try_advisory_lock(?)", key));
        }
        if (afterLock != null) {
            try {
                return tryWith(afterLock.sql(), List.of(), rows -> afterLock.rows(rows), true);
            } catch (SQLException e) {
                if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                    throw e;
                }
                // Not there (a first deploy), or dropped since the session looked: list the tables instead.
                afterLock = null;
                unlockFirst = true;
            }
        }
        return tryWith(PostgresFleetCatalog.TABLES_OF_SCHEMA, List.of(request.schema()), rows -> {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            tables = List.copyOf(names);
        }, false);
    }

    @FunctionalInterface
    private interface Rows {
        void take(ResultSet rows) throws SQLException;
    }

    /**
     * One try: [set the timeouts;] [enter the schema;] [give back the lock;] try the lock; then the read, when the
     * lock was had.
     */
    private boolean tryWith(String then, List<Object> thenParameters, Rows rows, boolean afterLockRead) throws SQLException {
        StringBuilder sql = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        if (timing != null) {
            sql.append(PostgresSessionSettings.setConfigs(timing.length / 2)).append("; ");
            parameters.addAll(List.of(timing));
        }
        if (entering != null) {
            sql.append(PostgresDialect.ENTER_SCHEMA).append("; ");
            parameters.addAll(List.of(entering));
        }
        if (unlockFirst) {
            sql.append("SELECT pg_advisory_unlock(?); ");
            parameters.add(key);
        }
        sql.append("SELECT pg_try_advisory_lock(?); ").append(then);
        parameters.add(key);
        parameters.addAll(thenParameters);
        try (PreparedStatement statement = Jdbc.prepare(connection, sql.toString(), parameters.toArray())) {
            statement.execute();
            if (timing != null) {
                statement.getMoreResults();
            }
            Dialect.SchemaEntry entered = null;
            if (entering != null) {
                entered = PostgresDialect.entry(firstRow(statement.getResultSet()));
                statement.getMoreResults();
            }
            if (unlockFirst) {
                statement.getMoreResults();
            }
            boolean locked;
            try (ResultSet lock = statement.getResultSet()) {
                locked = lock.next() && lock.getBoolean(1);
            }
            if (locked && statement.getMoreResults()) {
                try (ResultSet seen = statement.getResultSet()) {
                    rows.take(seen);
                }
                read = afterLockRead;
            }
            // The whole try went through: what it set, entered and gave back stays done.
            timing = null;
            if (entering != null) {
                entry = entered;
                entering = null;
            }
            unlockFirst = false;
            return locked;
        }
    }

    private static List<String> firstRow(ResultSet rows) throws SQLException {
        try (rows) {
            List<String> values = new ArrayList<>();
            if (rows.next()) {
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    values.add(rows.getString(i));
                }
            }
            return values;
        }
    }

    private SessionLock held() {
        return new HeldLock(connection, "SELECT pg_advisory_unlock(?)", key, tables, read);
    }

    /** The connection's database, from its URL when it names one (no round trip), else from the server. */
    private static String databaseOf(Connection connection) throws SQLException {
        String url = connection.getMetaData().getURL();
        Matcher named = DATABASE_NAME.matcher(url == null ? "" : url);
        return named.find() ? java.net.URLDecoder.decode(named.group(1), java.nio.charset.StandardCharsets.UTF_8)
                : Jdbc.queryString(connection, "SELECT current_database()");
    }
}
