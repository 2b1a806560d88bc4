package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class LocalTimesTest {
    private static final DateTimeFormatter EXPECTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Test
    void prints_the_wall_clock_time_of_the_zone_as_java_time_does_across_daylight_saving_changes() {
        List<Instant> instants = List.of(Instant.parse("2026-12-03T10:36:58.999Z"), Instant.parse("2026-03-29T00:59:59Z"),
                Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-10-25T00:59:59Z"), Instant.parse("2026-10-25T01:00:00Z"),
                Instant.parse("2026-03-08T06:59:59Z"), Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("1970-01-01T00:00:00Z"),
                Instant.parse("2038-01-19T03:14:08Z"));
        for (String zone : List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham")) {
            for (Instant at : instants) {
                assertThat(LocalTimes.format(at, TimeZone.getTimeZone(zone))).as(zone + " " + at)
                        .isEqualTo(EXPECTED.withZone(ZoneId.of(zone)).format(at));
            }
        }
    }

    @Test
    void pads_every_field_to_its_width() {
        assertThat(LocalTimes.format(Instant.parse("2026-01-02T03:04:05Z"), TimeZone.getTimeZone("UTC"))).isEqualTo("2026-01-02 03:04:05");
    }
}
