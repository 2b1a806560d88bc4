package dev.flotilla.target;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * How long the database's client programs may take to connect, so they wait as the JDBC connection to the same URL
 * did: the URL's own driver parameter where it gives one (it wins over the process-wide {@link ConnectTimeout} there
 * too), else the process-wide one. Zero is "no limit" for the drivers and for the clients alike.
 */
final class ClientConnectTimeout {
    private ClientConnectTimeout() {
    }

    /**
     * PGCONNECT_TIMEOUT in whole seconds: pgjdbc gives up after {@code connectTimeout} (the socket) or
     * {@code loginTimeout} (the whole login), whichever comes first, and libpq's one timeout bounds the whole
     * connection; both are set from {@code processWide} unless the URL sets them (pgjdbc's names, case-sensitive).
     */
    static long postgresSeconds(String url, Duration processWide) {
        long fallback = roundedUpSeconds(processWide);
        long connect = parameter(url, "connectTimeout", false).orElse(fallback);
        long login = parameter(url, "loginTimeout", false).orElse(fallback);
        if (connect == 0 || login == 0) {
            return Math.max(connect, login);
        }
        return Math.min(connect, login);
    }

    /**
     * The {@code mariadb} client's {@code --connect-timeout} in whole seconds, rounded up: Connector/J's
     * {@code connectTimeout} is in milliseconds (its option names are case-insensitive).
     */
    static long mariadbSeconds(String url, Duration processWide) {
        OptionalLong millis = parameter(url, "connecttimeout", true);
        return millis.isPresent() ? (millis.getAsLong() + 999) / 1000 : roundedUpSeconds(processWide);
    }

    private static long roundedUpSeconds(Duration timeout) {
        return Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    /**
     * The URL's whole non-negative number of that name; empty when it has none, or one the driver would have refused
     * before the client runs.
     */
    private static OptionalLong parameter(String url, String name, boolean ignoreCase) {
        int query = url.indexOf('?');
        if (query < 0) {
            return OptionalLong.empty();
        }
        OptionalLong found = OptionalLong.empty();
        for (String pair : url.substring(query + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            String key = ignoreCase ? kv[0].toLowerCase(Locale.ROOT) : kv[0];
            if (kv.length == 2 && key.equals(name)) {
                String value = URLDecoder.decode(kv[1], StandardCharsets.UTF_8).strip();
                found = value.matches("\\d{1,9}") ? OptionalLong.of(Long.parseLong(value)) : OptionalLong.empty();
            }
        }
        return found;
    }
}
