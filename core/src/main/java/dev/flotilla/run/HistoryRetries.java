package dev.flotilla.run;

import dev.flotilla.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When an interrupted task's target, whose history could not be read, is read again: a long-lived process (the
 * console) holds one, so that a page shown again and again does not wait for an unreachable target each time, up to
 * the connect timeout; it tries again once {@code backoff} has passed since the last try. {@link #EVERY_LOOK} tries at
 * every look, as a one-shot process ({@code flotilla deployments show}) does. Kept in memory only; thread-safe.
 */
public final class HistoryRetries {
    /** Tries at every look. */
    public static final HistoryRetries EVERY_LOOK = new HistoryRetries(Duration.ZERO, Clock.systemUTC());
    /** How long the console leaves a target that could not be read before trying it again. */
    public static final Duration CONSOLE_BACKOFF = Duration.ofSeconds(60);

    /** A failed try: what it said, and from when the target is tried again. */
    record Failed(String error, Instant retryAfter) {
    }

    private final Duration backoff;
    private final Clock clock;
    private final Map<String, Failed> failed = new ConcurrentHashMap<>();

    /** @param backoff how long after a failed try the next one waits; zero: none */
    public HistoryRetries(Duration backoff, Clock clock) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("back-off must not be negative, was " + backoff);
        }
    }

    /** A back-off of {@link #CONSOLE_BACKOFF} on the system clock. */
    public static HistoryRetries forConsole() {
        return new HistoryRetries(CONSOLE_BACKOFF, Clock.systemUTC());
    }

    boolean backsOff() {
        return !backoff.isZero();
    }

    Instant now() {
        return clock.instant();
    }

    /** When a try that failed at {@code tried} is to be tried again. */
    Instant retryAfter(Instant tried) {
        return tried.plus(backoff);
    }

    /** The last failed try of this task's target, while it is not to be tried again yet; else null. */
    Failed waiting(String deployment, TenantId tenant) {
        Failed last = failed.get(key(deployment, tenant));
        return last != null && clock.instant().isBefore(last.retryAfter()) ? last : null;
    }

    void failed(String deployment, TenantId tenant, Failed what) {
        if (backsOff()) {
            failed.put(key(deployment, tenant), what);
        }
    }

    void read(String deployment, TenantId tenant) {
        failed.remove(key(deployment, tenant));
    }

    private static String key(String deployment, TenantId tenant) {
        return deployment + "/" + tenant.value();
    }
}
