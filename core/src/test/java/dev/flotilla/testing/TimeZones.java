package dev.flotilla.testing;

import java.util.TimeZone;
import java.util.function.Supplier;

/**
 * Plays a process of another time zone in this JVM: the JVM's default zone is the zone the drivers bind and read
 * zone-less times in (H2's cached once it first saw it, reset here), and the one Flotilla records as its process's.
 */
public final class TimeZones {
    private TimeZones() {
    }

    /** Runs {@code work} as a process whose time zone is {@code zone} would, then restores the JVM's own. */
    public static <T> T inZone(String zone, Supplier<T> work) {
        TimeZone own = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        org.h2.util.DateTimeUtils.resetCalendar(); // H2 keeps the default zone it first saw
        try {
            return work.get();
        } finally {
            TimeZone.setDefault(own);
            org.h2.util.DateTimeUtils.resetCalendar();
        }
    }
}
