package dev.flotilla.target;

import dev.flotilla.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the connections of finished sessions for the next session on the same server, so a fleet run logs
 * in once per worker instead of once per tenant (a PostgreSQL login costs more than a migration's statements).
 * Only where one connection can serve many targets: PostgreSQL schemas behind one URL. A connection comes
 * back only in autocommit mode (no transaction left open) and is reset of whatever a migration may have
 * changed in its session (settings, role, advisory locks, temporary tables); it is checked with
 * {@code isValid} before it is handed out again, and at most {@code maxIdle} are kept per server. Close it
 * at the end of the run.
 */
public final class ConnectionReuse implements ConnectionSource, AutoCloseable {
    private final int maxIdle;
    /** A connection is asked whether it is still alive when it has been idle longer than this. */
    private static final long TRUSTED_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private record Idle(Connection connection, long since) {
    }

    private final Map<String, Deque<Idle>> idle = new HashMap<>();
    private boolean closed;

    public ConnectionReuse(int maxIdle) {
        this.maxIdle = maxIdle;
    }

    @Override
    public Connection take(TargetSpec spec, Dialect dialect) throws SQLException {
        if (reusable(dialect)) {
            while (true) {
                Idle kept;
                synchronized (this) {
                    Deque<Idle> deque = idle.get(key(spec));
                    kept = deque == null ? null : deque.pollFirst();
                }
                if (kept == null) {
                    break;
                }
                // Given back moments ago after a successful reset: alive. Longer idle: ask.
                if (System.nanoTime() - kept.since() < TRUSTED_NANOS || kept.connection().isValid(2)) {
                    return kept.connection();
                }
                ServerConnection.closeQuietly(kept.connection());
            }
        }
        return ServerConnection.connect(spec, dialect);
    }

    private static final String RESET = "RESET ALL; RESET ROLE; SELECT pg_advisory_unlock_all(); DISCARD TEMP";

    @Override
    public void give(TargetSpec spec, Connection connection) {
        boolean keep;
        try {
            keep = reusable(Dialect.forUrl(spec.url())) && !connection.isClosed() && connection.getAutoCommit();
            if (keep) {
                try (java.sql.Statement reset = connection.createStatement()) {
                    reset.execute(RESET);
                }
            }
        } catch (SQLException e) {
            keep = false;
        }
        if (keep) {
            synchronized (this) {
                Deque<Idle> kept = idle.computeIfAbsent(key(spec), k -> new ArrayDeque<>());
                if (!closed && kept.size() < maxIdle) {
                    kept.push(new Idle(connection, System.nanoTime()));
                    return;
                }
            }
        }
        ServerConnection.closeQuietly(connection);
    }

    @Override
    public boolean resetsOnGive(TargetSpec spec) {
        return reusable(Dialect.forUrl(spec.url()));
    }

    private static boolean reusable(Dialect dialect) {
        return "postgresql".equals(dialect.name());
    }

    private static String key(TargetSpec spec) {
        return spec.url() + "\u0000" + spec.user();
    }

    @Override
    public synchronized void close() {
        closed = true;
        idle.values().forEach(kept -> kept.forEach(i -> ServerConnection.closeQuietly(i.connection())));
        idle.clear();
    }
}
