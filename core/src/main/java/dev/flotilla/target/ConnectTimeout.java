package dev.flotilla.target;

import java.net.SocketTimeoutException;
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

    /** The driver properties that bound connecting for {@code dialect}; the URL's own parameters win over them. */
    static void apply(Properties properties, String dialect) {
        Duration timeout = current;
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
        throw new dev.flotilla.FlotillaException(dev.flotilla.ErrorCode.CONNECTION_FAILED, "Cannot connect to "
                + spec.displayName() + ": its server " + spec.scrub(server.get()) + " gave no answer within the connect timeout of "
                + describe() + " " + (ago / 1_000_000_000L) + " s ago, and is not asked again for a minute. Check that the host is"
                + " up and reachable and that host and port are right; a slow network needs a longer deploy.connectTimeout"
                + " (--connect-timeout).");
    }

    private static java.util.Optional<String> server(TargetSpec spec) {
        java.util.regex.Matcher matcher = SERVER.matcher(spec.url());
        return matcher.find() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
    }

    /** Whether connecting failed because the server did not answer within the timeout. */
    public static boolean gaveUp(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (cause instanceof SocketTimeoutException || message.contains("timed out") || message.contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    /** For a message: "10 s", "500 ms". */
    public static String describe() {
        Duration timeout = current;
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
