package dev.flotilla;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them: {@code 500ms}, {@code 5s}, {@code 10m}, {@code 1h}, or ISO-8601 ({@code PT5S}). */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    /** A duration as {@link #parse} takes it and people write it: {@code 10m}, {@code 1h}, {@code 90s}, {@code 500ms}. */
    public static String said(Duration duration) {
        long millis = duration.toMillis();
        return millis % 3_600_000 == 0 ? millis / 3_600_000 + "h" : millis % 60_000 == 0 ? millis / 60_000 + "m"
                : millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** @throws IllegalArgumentException naming the accepted forms */
    public static Duration parse(String text) {
        String value = text.trim();
        Matcher m = SHORT.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(value);
        } catch (RuntimeException e) {
            String hint = value.matches("\\d+") ? " (add a unit: " + value + "s, " + value + "ms...)" : "";
            throw new IllegalArgumentException("'" + text + "' is not a duration" + hint + ": write e.g. 500ms, 5s, 10m or 1h");
        }
    }

    /**
     * {@code duration} in whole seconds, part of one rounded up and at least 1: for a server setting that takes whole
     * seconds (MariaDB's lock_wait_timeout), so that 200ms waits 1 s and 1.5s waits 2 s, never less than asked, and a
     * LOCK_TIMEOUT saying it "waited more than 1.5s" is true (cut down to 1 s, it had waited less).
     */
    public static long wholeSecondsAtLeast(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
