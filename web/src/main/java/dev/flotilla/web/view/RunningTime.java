package dev.flotilla.web.view;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The time a deployment spent running, and the time since it started: they differ for one resumed (or whose failed
 * tenants were retried) after a pause, whose process was gone meanwhile. It ran from its start, and from each resume,
 * until the last thing its tasks recorded before the next resume; the last run until its end.
 *
 * @param running    the time spent running, as the command line's wall times add up
 * @param sinceStart from its start to its end (or now), the pauses included
 */
public record RunningTime(long running, long sinceStart) {
    /**
     * @param continued when it was resumed or retried, as the engine audits it
     * @param events    when its tasks started and finished
     */
    public static RunningTime of(Instant started, Instant end, List<Instant> continued, Collection<Instant> events) {
        List<Instant> starts = java.util.stream.Stream.concat(java.util.stream.Stream.of(started),
                continued.stream().filter(at -> at.isAfter(started)).sorted()).toList();
        long running = 0;
        for (int i = 0; i < starts.size(); i++) {
            Instant from = starts.get(i);
            Instant until = i == starts.size() - 1 ? end : lastBefore(events, from, starts.get(i + 1));
            running += Math.max(0, Duration.between(from, until).toMillis());
        }
        return new RunningTime(running, Math.max(0, Duration.between(started, end).toMillis()));
    }

    /** Whether it was paused between runs long enough to show (a second or more). */
    public boolean paused() {
        return sinceStart - running >= 1000;
    }

    /** The last event from {@code from} on and before {@code next}; {@code from} when there is none. */
    private static Instant lastBefore(Collection<Instant> events, Instant from, Instant next) {
        return events.stream().filter(at -> !at.isBefore(from) && at.isBefore(next)).max(Instant::compareTo).orElse(from);
    }
}
