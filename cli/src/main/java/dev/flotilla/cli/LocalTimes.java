package dev.flotilla.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;

/**
 * Instants as the wall-clock time of this machine's zone, the way tables print them: {@code 2026-12-03 10:36:58}.
 * Written out by hand, not with a DateTimeFormatter: a status over 10,000 tenants prints 10,000 of them, and
 * the formatter took 15-20 ms of it in a fresh JVM.
 */
final class LocalTimes {
    private static final TimeZone ZONE = TimeZone.getDefault();

    private LocalTimes() {
    }

    /** The zone times are shown in: {@code Europe/Berlin}. */
    static String zone() {
        return ZONE.getID();
    }

    static String format(Instant at) {
        return format(at, ZONE);
    }

    static String format(Instant at, TimeZone zone) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(zone.getOffset(at.toEpochMilli()) / 1000);
        LocalDateTime time = LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0, offset);
        StringBuilder text = new StringBuilder(19).append(time.getYear());
        twoDigits(text.append('-'), time.getMonthValue());
        twoDigits(text.append('-'), time.getDayOfMonth());
        twoDigits(text.append(' '), time.getHour());
        twoDigits(text.append(':'), time.getMinute());
        twoDigits(text.append(':'), time.getSecond());
        return text.toString();
    }

    private static void twoDigits(StringBuilder text, int value) {
        text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
