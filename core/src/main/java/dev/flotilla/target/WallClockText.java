package dev.flotilla.target;

import java.time.DateTimeException;
import java.time.LocalDateTime;

/**
 * Reads the text a server gives for a {@code TIMESTAMP}/{@code DATETIME} cast to text, {@code 2026-12-06 14:03:11.25}
 * (PostgreSQL, H2) or {@code 2026-12-06 14:03:11.250000} (MariaDB), by hand: a fleet's plan reads every tenant's history
 * rows, and a {@code DateTimeFormatter} takes 2-20 µs a row in a short-lived JVM, this a fraction of one. Anything
 * else (an offset, another separator, a year of five digits) is left to the caller's formatter: {@link #read} says
 * null.
 */
final class WallClockText {
    private static final int SHORTEST = "2026-12-06 14:03:11".length();

    private WallClockText() {
    }

    /** The wall-clock time {@code text} says, or null where it is not of the plain form above (or not a valid time). */
    static LocalDateTime read(String text) {
        int length = text.length();
        if (length < SHORTEST || length == SHORTEST + 1 || length > SHORTEST + 10 || !plainSeparators(text)) {
            return null;
        }
        int year = digits(text, 0, 4), month = digits(text, 5, 7), day = digits(text, 8, 10);
        int hour = digits(text, 11, 13), minute = digits(text, 14, 16), second = digits(text, 17, 19);
        int nanos = 0;
        if (length > SHORTEST) {
            if (text.charAt(SHORTEST) != '.') {
                return null;
            }
            int fraction = digits(text, SHORTEST + 1, length);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int place = length - SHORTEST - 1; place < 9; place++) {
                nanos *= 10;
            }
        }
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
        } catch (DateTimeException notATime) {
            return null;
        }
    }

    private static boolean plainSeparators(String text) {
        char between = text.charAt(10);
        return text.charAt(4) == '-' && text.charAt(7) == '-' && (between == ' ' || between == 'T' || between == 't')
                && text.charAt(13) == ':' && text.charAt(16) == ':';
    }

    /** The number the ASCII digits in [from, to) make, or -1 where one is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
