package dev.flotilla.target;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * How long opening a connection to a target may take, the server's handshake included (PostgreSQL's
 * {@code connectTimeout} and {@code loginTimeout}, MariaDB's {@code connectTimeout}), so a host that never answers
 * costs that long, not the operating system's TCP retries. One setting for the process: the CLI and the console set
 * it from {@code deploy.connectTimeout} (or {@code --connect-timeout}) before they connect; a URL that sets the
 * driver's own parameter keeps it. Thread-safe.
 */
public final class ConnectTimeout {
    public static final Duration DEFAULT = Duration.ofSeconds(10);

    private static volatile Duration current = DEFAULT;

    private ConnectTimeout() {
    }

    public static void set(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive, was " + timeout);
        }
        current = timeout;
    }

    public static Duration current() {
        return current;
    }

    /** A shorter bound for the connections one thread opens while it runs a piece of work ({@link #within}); or null. */
    private static final ThreadLocal<Duration> CAP = new ThreadLocal<>();

    /**
     * Runs {@code work} with the connections this thread opens in it bounded by {@code cap} where that is shorter than the
     * setting: a read that must not keep a page waiting (the console's rollback confirmation). A server that gives no
     * answer within it is not remembered silent ({@link #requireNotSilent}): that was this read's shorter wait, and the
     * action that follows waits the setting's own.
     */
    public static <T> T within(Duration cap, java.util.function.Supplier<T> work) {
        Duration before = CAP.get();
        CAP.set(cap);
        try {
            return work.get();
        } finally {
            CAP.set(before);
        }
    }

    /** The bound in effect on this thread: the setting, or a shorter {@link #within} cap. */
    static Duration effective() {
        Duration cap = CAP.get();
        return cap != null && cap.compareTo(current) < 0 ? cap : current;
    }

    /** Whether a {@link #within} cap shorter than the setting bounds this thread's connections. */
    static boolean capped() {
        return effective().compareTo(current) < 0;
    }

    /** The driver properties that bound connecting for {@code dialect}; the URL's own parameters win over them. */
    static void apply(Properties properties, String dialect) {
        Duration timeout = effective();
        switch (dialect) {
            case "postgresql" -> {
                // Whole seconds: pgjdbc reads both as integers; loginTimeout also bounds a server that accepts and never speaks.
                String seconds = String.valueOf(Math.max(1, (timeout.toMillis() + 999) / 1000));
                properties.setProperty("connectTimeout", seconds);
                properties.setProperty("loginTimeout", seconds);
            }
            case "mariadb" -> properties.setProperty("connectTimeout", String.valueOf(timeout.toMillis()));
            default -> {
                // Embedded files: nothing to wait for.
            }
        }
    }

    /** How long a server that gave no answer is not asked again: a deploy's first look and its run share one wait. */
    static final Duration REMEMBERED = Duration.ofMinutes(1);

    private static final java.util.Map<String, Long> SILENT = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.regex.Pattern SERVER = java.util.regex.Pattern.compile("^jdbc:[a-z]+://([^/?;]+)");

    /** Remembers that the spec's server gave no answer within the timeout. */
    static void silent(TargetSpec spec) {
        server(spec).ifPresent(server -> SILENT.put(server, System.nanoTime()));
    }

    /**
     * Fails at once for a server that gave no answer within the timeout less than {@link #REMEMBERED} ago in this
     * process: its tenants (and a deploy's run after its first look) are reported without waiting for it again.
     */
    static void requireNotSilent(TargetSpec spec) {
        java.util.Optional<String> server = server(spec);
        Long since = server.map(SILENT::get).orElse(null);
        if (since == null) {
            return;
        }
        long ago = System.nanoTime() - since;
        if (ago > REMEMBERED.toNanos()) {
            SILENT.remove(server.get(), since);
            return;
        }
        throw new RememberedSilent("Cannot connect to " + spec.displayName() + ": its server " + spec.scrub(server.get())
                + " gave no answer within the connect timeout of " + describe() + " " + (ago / 1_000_000_000L) + " s ago, and is"
                + " not asked again for a minute. Check that the host is up and reachable and that host and port are right; a"
                + " slow network needs a longer deploy.connectTimeout (--connect-timeout).");
    }

    /** A server {@link #requireNotSilent} did not ask again: it gave up, as {@link #gaveUp} says. */
    private static final class RememberedSilent extends dev.flotilla.FlotillaException {
        RememberedSilent(String message) {
            super(dev.flotilla.ErrorCode.CONNECTION_FAILED, message);
        }
    }

    private static java.util.Optional<String> server(TargetSpec spec) {
        java.util.regex.Matcher matcher = SERVER.matcher(spec.url());
        return matcher.find() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
    }

    /**
     * Whether connecting failed because the server did not answer within the timeout: a driver's connection failure
     * (SQLSTATE class 08) caused by a socket timeout (MariaDB's connectTimeout, pgjdbc's connectTimeout and a handshake
     * read that timed out), pgjdbc's loginTimeout ("Connection attempt timed out."), or a server remembered silent. Not
     * any error that mentions a timeout: a lock timeout, a statement timeout or a URL's connectTimeout parameter in a
     * message is no silent server.
     */
    public static boolean gaveUp(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RememberedSilent || cause instanceof SQLException e && connectTimedOut(e)) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectTimedOut(SQLException e) {
        if (e.getSQLState() == null || !e.getSQLState().startsWith("08")) {
            return false;
        }
        return e.getCause() instanceof SocketTimeoutException || e instanceof org.postgresql.util.PSQLException
                && PGJDBC_LOGIN_TIMEOUT.equals(e.getMessage());
    }

    /** What pgjdbc says, in the JVM's language, when its loginTimeout ends a connection attempt (it gives no cause). */
    private static final String PGJDBC_LOGIN_TIMEOUT = org.postgresql.util.GT.tr("Connection attempt timed out.");

    /** For a message: "10 s", "500 ms". */
    public static String describe() {
        Duration timeout = effective();
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
