package dev.flotilla.target;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.JdbcUrls;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the connections of finished sessions for the next session on the same server, so a fleet run logs
 * in once per worker instead of once per tenant (a login costs more than a migration's statements).
 * Only where one connection can serve many targets: PostgreSQL schemas behind one URL, and MariaDB databases on
 * one server (the same URL but for the database, the same user and password: TLS and every other option alike).
 * A connection comes back only in autocommit mode (no transaction left open) and is reset of whatever a migration
 * may have changed in its session (settings, role, locks, temporary tables, user variables; on MariaDB see
 * {@link MariaDbSessionReset}); it is checked with {@code isValid} before it is handed out again, a MariaDB one put
 * in the database its next target's URL names, and at most {@code maxIdle} are kept per server. Close it at the
 * end of the run. Thread-safe.
 */
public final class ConnectionReuse implements ConnectionSource, AutoCloseable {
    private final int maxIdle;
    /** A connection is asked whether it is still alive when it has been idle longer than this. */
    private static final long TRUSTED_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private record Idle(Connection connection, long since) {
    }

    private final Map<String, Deque<Idle>> idle = new HashMap<>();
    /** Per MariaDB server key: what a login set in the session, to set again after a reset; empty: not reused. */
    private final Map<String, Optional<String>> freshSessions = new HashMap<>();
    private boolean closed;

    public ConnectionReuse(int maxIdle) {
        this.maxIdle = maxIdle;
    }

    @Override
    public Connection take(TargetSpec spec, Dialect dialect) throws SQLException {
        String key = reusable(dialect) ? key(spec) : null;
        if (key == null) {
            return ServerConnection.connect(spec, dialect);
        }
        while (true) {
            Idle kept;
            synchronized (this) {
                Deque<Idle> deque = idle.get(key);
                kept = deque == null ? null : deque.pollFirst();
            }
            if (kept == null) {
                break;
            }
            // Given back moments ago after a successful reset: alive. Longer idle: ask.
            if (System.nanoTime() - kept.since() < TRUSTED_NANOS || kept.connection().isValid(2)) {
                return entered(spec, kept.connection(), key);
            }
            ServerConnection.closeQuietly(kept.connection());
        }
        Connection fresh = ServerConnection.connect(spec, dialect);
        if (isMariaDb(dialect)) {
            learnFreshSession(key, fresh);
        }
        return fresh;
    }

    /**
     * A kept connection in the database the spec's URL names, as a login would have put it; one whose database is not
     * there is kept for the next session, and the failure is the login's ("Unknown database", which the caller reads).
     * The connection stays in its last database, which the next session leaves alone (it reads the one not there by
     * name); but not when that is the very database now missing, dropped since: the driver would still call it the
     * connection's, and a session would take it for there. That connection is closed.
     */
    private Connection entered(TargetSpec spec, Connection connection, String key) throws SQLException {
        if (!isMariaDb(Dialect.forUrl(spec.url()))) {
            // Only MariaDB enters a database here (a PostgreSQL session enters its schema later): the URL is not read (a
            // regex) for every tenant elsewhere.
            return connection;
        }
        Optional<JdbcUrls.DatabaseInUrl> named = JdbcUrls.databaseIn(spec.url());
        if (named.isPresent()) {
            try {
                MariaDbSessionReset.enter(connection, named.get().database());
            } catch (SQLException e) {
                if (inDatabase(connection, named.get().database()) || !keep(key, connection)) {
                    ServerConnection.closeQuietly(connection);
                }
                throw e;
            }
        }
        return connection;
    }

    /** Whether the connection's current database is {@code database} as the driver has it; true when it cannot say. */
    private static boolean inDatabase(Connection connection, String database) {
        try {
            return database.equals(connection.getCatalog());
        } catch (SQLException e) {
            return true;
        }
    }

    private void learnFreshSession(String key, Connection fresh) {
        synchronized (this) {
            if (freshSessions.containsKey(key)) {
                return;
            }
        }
        Optional<String> session;
        try {
            session = MariaDbSessionReset.supported(fresh) ? MariaDbSessionReset.freshSession(fresh) : Optional.empty();
        } catch (SQLException e) {
            session = Optional.empty();
        }
        synchronized (this) {
            freshSessions.putIfAbsent(key, session);
        }
    }

    private static final String POSTGRES_RESET = "RESET ALL; RESET ROLE; SELECT pg_advisory_unlock_all(); DISCARD TEMP";

    @Override
    public void give(TargetSpec spec, Connection connection) {
        Dialect dialect = Dialect.forUrl(spec.url());
        String key = reusable(dialect) ? key(spec) : null;
        boolean keep = false;
        try {
            if (key != null && !connection.isClosed() && connection.getAutoCommit()) {
                keep = reset(dialect, key, connection);
            }
        } catch (SQLException e) {
            keep = false;
        }
        if (!keep || !keep(key, connection)) {
            ServerConnection.closeQuietly(connection);
        }
    }

    /** Resets a connection to be kept; false when it cannot be (it is then closed). */
    private boolean reset(Dialect dialect, String key, Connection connection) throws SQLException {
        if (isMariaDb(dialect)) {
            Optional<String> fresh;
            synchronized (this) {
                fresh = freshSessions.getOrDefault(key, Optional.empty());
            }
            if (fresh.isEmpty()) {
                return false;
            }
            MariaDbSessionReset.reset(connection, fresh.get());
            return true;
        }
        try (java.sql.Statement reset = connection.createStatement()) {
            reset.execute(POSTGRES_RESET);
        }
        return true;
    }

    private synchronized boolean keep(String key, Connection connection) {
        Deque<Idle> kept = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
        if (closed || kept.size() >= maxIdle) {
            return false;
        }
        kept.push(new Idle(connection, System.nanoTime()));
        return true;
    }

    /**
     * PostgreSQL's connections always are (a reset, or closed). A MariaDB one is when {@link #give} sends it
     * {@code COM_RESET_CONNECTION}, which releases its {@code GET_LOCK} locks before returning: its server's connections
     * are kept (it has the reset and what login set is known), and the spec's password could be read. Otherwise the
     * session releases its lock itself, as it does on a connection of its own.
     */
    @Override
    public boolean resetsOnGive(TargetSpec spec) {
        Dialect dialect = Dialect.forUrl(spec.url());
        if (!isMariaDb(dialect)) {
            return "postgresql".equals(dialect.name());
        }
        String key = key(spec);
        synchronized (this) {
            return key != null && freshSessions.getOrDefault(key, Optional.empty()).isPresent();
        }
    }

    private static boolean reusable(Dialect dialect) {
        return "postgresql".equals(dialect.name()) || isMariaDb(dialect);
    }

    private static boolean isMariaDb(Dialect dialect) {
        return "mariadb".equals(dialect.name());
    }

    /**
     * What makes two specs' connections interchangeable: the URL (on MariaDB without its database, options kept), the
     * user and a digest of the password (the key holds no secret). Null when the connection is not to be kept: a
     * password that could not be read, or a URL that tells the driver not to send the reset.
     */
    static String key(TargetSpec spec) {
        if (spec.password() != null && !spec.password().available()) {
            return null;
        }
        String url = spec.url();
        if (isMariaDb(Dialect.forUrl(url))) {
            if (url.toLowerCase(java.util.Locale.ROOT).contains("useresetconnection")) {
                return null;
            }
            url = JdbcUrls.databaseIn(url).map(named -> named.with("")).orElse(url);
        }
        return url + "\u0000" + spec.user() + "\u0000" + (spec.password() == null ? "" : digest(spec.password().reveal()));
    }

    private static String digest(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        idle.values().forEach(kept -> kept.forEach(i -> ServerConnection.closeQuietly(i.connection())));
        idle.clear();
    }
}
