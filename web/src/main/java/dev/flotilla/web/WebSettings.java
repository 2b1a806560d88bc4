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
 */
public record WebSettings(String host, int port, boolean secureCookies) {
    public WebSettings {
        if (port < 0 || port > 65_535) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--port must be between 0 and 65535, was " + port);
        }
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
    }

    public static WebSettings local(int port) {
        return new WebSettings("127.0.0.1", port, false);
    }
}
