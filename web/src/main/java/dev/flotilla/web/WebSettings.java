package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;

/**
 * How the console listens.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1} (the default: only this machine) or {@code 0.0.0.0}
 * @param port 0 picks a free port
 * @param secureCookies mark the session cookie Secure even on plain HTTP (set it behind a TLS-terminating proxy
 *     that does not send X-Forwarded-Proto)
 * @param trustedProxies the addresses of reverse proxies whose X-Forwarded-For names the client: behind them the
 *     login throttle and the audit log see each client, not the proxy (which would lock every user out together)
 */
public record WebSettings(String host, int port, boolean secureCookies, java.util.Set<String> trustedProxies) {
    public WebSettings {
        if (port < 0 || port > 65_535) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--port must be between 0 and 65535, was " + port);
        }
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        trustedProxies = trustedProxies == null ? java.util.Set.of() : java.util.Set.copyOf(trustedProxies);
    }

    public WebSettings(String host, int port, boolean secureCookies) {
        this(host, port, secureCookies, java.util.Set.of());
    }

    public static WebSettings local(int port) {
        return new WebSettings("127.0.0.1", port, false);
    }
}
