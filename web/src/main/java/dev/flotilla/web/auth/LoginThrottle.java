package dev.flotilla.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins: at most {@code attempts} failures per source address and per user name within the
 * window; after that every attempt is refused until the oldest failure leaves the window. Thread-safe.
 */
public final class LoginThrottle {
    private final int attempts;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int attempts, Duration window, Clock clock) {
        this.attempts = attempts;
        this.window = window;
        this.clock = clock;
    }

    /** How long the caller must wait before trying again; zero when it may try now. */
    public Duration wait(String source, String user) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys(source, user)) {
            Deque<Instant> times = failures.get(key);
            if (times == null) {
                continue;
            }
            synchronized (times) {
                times.removeIf(t -> t.plus(window).isBefore(now));
                if (times.size() >= attempts) {
                    Duration left = Duration.between(now, times.peekFirst().plus(window));
                    longest = left.compareTo(longest) > 0 ? left : longest;
                }
            }
        }
        return longest;
    }

    public void failed(String source, String user) {
        Instant now = clock.instant();
        for (String key : keys(source, user)) {
            Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                times.addLast(now);
            }
        }
    }

    /** A successful login clears the user's failures (not the address's: one good account does not unlock guessing). */
    public void succeeded(String user) {
        failures.remove("user:" + user);
    }

    private static String[] keys(String source, String user) {
        return new String[] {"ip:" + source, "user:" + (user == null ? "" : user)};
    }
}
