package dev.flotilla.control;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Says in the control plane, every period, that the process running a deployment is alive: the plane's own clock
 * (its {@code CURRENT_TIMESTAMP}) is written to the deployment's row, so the clocks of the machines that run and
 * look at deployments do not matter. A deployment not seen for {@link #STALE_PERIODS} of its periods counts as
 * interrupted, whoever looks. Each beat also reads whether a stop was asked for (see
 * {@link StopRequests#request}), and tells it once; between beats that is read every {@link #STOP_POLL} (one
 * primary-key read, no write), so a stop asked for by another process is heard within about a second, not a period; a
 * stop asked for in the process that runs the deployment beats at once ({@link #beatNow}). A beat that fails (the plane
 * unreachable for a moment) is skipped, not fatal: the next one tries again, and the target locks still keep two runs
 * of one tenant apart. Close it when the run ends.
 */
public final class Heartbeat implements AutoCloseable {
    /** How often a running deployment is marked alive, unless the plane was opened with another period. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);
    /** Periods without a beat after which a running deployment counts as interrupted. */
    public static final int STALE_PERIODS = 3;
    /** How often a stop asked for is read between beats: one read a second for a deployment, whatever the period. */
    static final Duration STOP_POLL = Duration.ofSeconds(1);

    private final ScheduledExecutorService beats;
    private final Runnable beat;
    private final java.util.function.Consumer<Heartbeat> closed;

    /** @param closed told when the heartbeat is closed (the store then forgets it) */
    Heartbeat(StopRequests store, String deployment, Duration period, java.util.function.Consumer<StopRequest> onStop,
              java.util.function.Consumer<Heartbeat> closed) {
        java.util.concurrent.atomic.AtomicBoolean told = new java.util.concurrent.atomic.AtomicBoolean();
        this.closed = closed;
        this.beats = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("flotilla-heartbeat-" + deployment).unstarted(r));
        this.beat = () -> {
            try {
                store.beat(deployment).filter(stop -> !told.getAndSet(true)).ifPresent(onStop);
            } catch (RuntimeException skipped) {
                // The next beat tries again; a deployment not seen for three periods counts as interrupted until then.
            }
        };
        beats.scheduleAtFixedRate(beat, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        if (STOP_POLL.compareTo(period) < 0) {
            Runnable poll = () -> {
                if (told.get()) {
                    return; // heard already: nothing more to read
                }
                try {
                    store.stopRequest(deployment).filter(stop -> !told.getAndSet(true)).ifPresent(onStop);
                } catch (RuntimeException skipped) {
                    // The next poll, or beat, reads it again.
                }
            };
            beats.scheduleWithFixedDelay(poll, STOP_POLL.toMillis(), STOP_POLL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Beats now rather than at the next period, and returns once that beat is over: a stop recorded before is then in
     * force (no new tenant starts). Does nothing once closed; a beat that fails leaves it to the next one.
     */
    void beatNow() {
        try {
            beats.submit(beat).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException | java.util.concurrent.ExecutionException
                 | java.util.concurrent.TimeoutException over) {
            // Closed (the run ended), or the plane slow: the periodic beats read the stop.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The age past which a deployment beating every {@code period} counts as interrupted. */
    static Duration staleAfter(Duration period) {
        return period.multipliedBy(STALE_PERIODS);
    }

    @Override
    public void close() {
        closed.accept(this);
        beats.shutdown(); // not interrupted: a beat in flight on the plane's connection ends by itself
        try {
            beats.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
