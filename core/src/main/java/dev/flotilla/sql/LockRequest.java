package dev.flotilla.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

/**
 * What a dialect needs to lock a target: the working connection, a way to open a second one (for
 * dialects whose lock must outlive DDL commits), the schema and history table that name the target,
 * and how to name it in messages (a redacted URL); optionally a query to run as soon as the lock is held,
 * and the safety timeouts for the session, which a dialect may set in the lock's own round trip.
 */
public record LockRequest(Connection connection, ConnectionOpener opener, String schema, String historyTable,
                          String targetName, ReadAfterLock afterLock, Timeouts timeouts) {
    public LockRequest {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(opener, "opener");
        Objects.requireNonNull(historyTable, "historyTable");
        Objects.requireNonNull(targetName, "targetName");
    }

    /** The same request without a read after the lock. */
    public LockRequest withoutAfterLock() {
        return new LockRequest(connection, opener, schema, historyTable, targetName, null, timeouts);
    }

    /** A stable text naming the locked target within its server. */
    String key(String database) {
        return "flotilla|" + database + "|" + schema + "|" + historyTable;
    }

    /** The session's {@code lock_timeout} and {@code statement_timeout}, each null for none. */
    public record Timeouts(Duration lock, Duration statement) {
    }

    /**
     * A read the holder of the lock makes first (the history table's rows), which a dialect may send in the
     * lock's own round trip, after the lock and with a snapshot of its own; see {@link SessionLock#readAfterLock()}.
     */
    public interface ReadAfterLock {
        String sql();

        void rows(ResultSet rows) throws SQLException;
    }

    /** Opens another connection to the same target. */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }
}
