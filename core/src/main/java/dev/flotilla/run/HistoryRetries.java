package dev.flotilla.run;

import dev.flotilla.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * When an interrupted task's target, whose history could not be read, is read again: a long-lived process (the
 * console) holds one, so that a page shown again and again does not wait for an unreachable target each time, up to
 * the connect timeout; it tries again once {@code backoff} has passed since the last try. {@link #EVERY_LOOK} tries at
 * every look, as a one-shot process ({@code flotilla deployments show}) does. One try of a task's target at a time: a
 * look while it is tried waits for that try's answer, as long as its own try would wait and no longer than its thread
 * is let ({@link #oneTry}). Kept in memory only; thread-safe.
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
    /** The tries under way, by task: a look that finds one waits for its answer. */
    private final Map<String, CompletableFuture<Object>> trying = new ConcurrentHashMap<>();

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

    /**
     * Runs {@code attempt} (a try of this task's target) unless a try of it is under way, whose answer is then waited for
     * (parked, no polling) and returned, or its exception thrown: two looks at once wait on an unreachable target once
     * and say the same. The wait is the caller's own: no longer than {@code wait} (the time its own try would give the
     * target to answer), and not past its thread's interrupt (kept set); then {@code unanswered} is returned instead.
     * Tries of other tasks' targets are not held up.
     */
    <T> T oneTry(String deployment, TenantId tenant, Duration wait, Supplier<T> attempt, Supplier<T> unanswered) {
        String key = key(deployment, tenant);
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = trying.putIfAbsent(key, mine);
        if (running != null) {
            return answerOf(running, wait, unanswered);
        }
        try {
            T answer = attempt.get();
            mine.complete(answer);
            return answer;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            trying.remove(key, mine);
        }
    }

    @SuppressWarnings("unchecked") // a key's try is always of the same type: InterruptedTasks' error text
    private static <T> T answerOf(CompletableFuture<Object> running, Duration wait, Supplier<T> unanswered) {
        try {
            return (T) running.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            return unanswered.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unanswered.get();
        }
    }

    private static String key(String deployment, TenantId tenant) {
        return deployment + "/" + tenant.value();
    }
}
