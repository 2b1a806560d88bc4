package dev.flotilla.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Limits failed logins: at most {@code attempts} failures per source address and per user name within the
 * window; after that every attempt is refused until the oldest failure leaves the window. An attempt let through
 * counts as a failure from the moment it starts until it succeeds, so that parallel guesses cannot all pass the
 * check before the first of them is recorded. Thread-safe.
 */
public final class LoginThrottle {
    private final int attempts;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    /** An attempt: refused (with how long to wait), or let through and counted, started {@code at}. */
    public record Attempt(Duration retryAfter, Instant at) {
        public boolean refused() {
            return !retryAfter.isZero();
        }
    }

    public LoginThrottle(int attempts, Duration window, Clock clock) {
        this.attempts = attempts;
        this.window = window;
        this.clock = clock;
    }

    /** Refuses the attempt while the address or the user has too many recent failures; else counts it as one. */
    public synchronized Attempt begin(String source, String user) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys(source, user)) {
            Deque<Instant> times = failures.get(key);
            if (times == null) {
                continue;
            }
            times.removeIf(t -> t.plus(window).isBefore(now));
            if (times.size() >= attempts) {
                Duration left = Duration.between(now, times.peekFirst().plus(window));
                longest = left.compareTo(longest) > 0 ? left : longest;
            }
        }
        if (!longest.isZero()) {
            return new Attempt(longest, null);
        }
        for (String key : keys(source, user)) {
            failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
        }
        return new Attempt(Duration.ZERO, now);
    }

    /**
     * The attempt signed in: it was no failure, and it clears the user's failures (not the address's: one good
     * account does not unlock guessing others).
     */
    public synchronized void succeeded(String source, String user, Attempt attempt) {
        failures.remove("user:" + (user == null ? "" : user));
        Deque<Instant> address = failures.get("ip:" + source);
        if (address != null) {
            address.removeLastOccurrence(attempt.at());
        }
    }

    private static String[] keys(String source, String user) {
        return new String[] {"ip:" + source, "user:" + (user == null ? "" : user)};
    }
}
