package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.target.AppliedMigration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** When a history row was written, read by a process in another time zone than its writer's. */
class HistoryClockTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** 12:00:00.250 on Berlin's wall clock in winter, as a reader in UTC gets it from the driver: 12:00:00.250 UTC. */
    private static final AppliedMigration BERLIN_NOON_READ_IN_UTC = row(Instant.parse("2026-12-06T12:00:00.250Z"));

    @Test
    void a_wall_clock_time_written_in_berlin_and_read_in_utc_is_put_back_in_berlin() {
        assertThat(new HistoryClock(UTC, false).writtenAt(BERLIN_NOON_READ_IN_UTC, BERLIN))
                .isEqualTo(Instant.parse("2026-12-06T11:00:00.250Z"));
    }

    @Test
    void a_wall_clock_time_written_in_new_york_in_summer_and_read_in_berlin_is_put_back_in_new_york() {
        // 08:30 in New York (EDT, -4) is 14:30 in Berlin (CEST, +2): a Berlin reader gets 08:30 as 06:30 UTC.
        AppliedMigration read = row(Instant.parse("2026-07-01T06:30:00Z"));

        assertThat(new HistoryClock(BERLIN, false).writtenAt(read, NEW_YORK)).isEqualTo(Instant.parse("2026-07-01T12:30:00Z"));
    }

    @Test
    void a_time_read_in_its_writers_zone_or_of_an_unknown_writer_is_taken_as_read() {
        assertThat(new HistoryClock(UTC, false).writtenAt(BERLIN_NOON_READ_IN_UTC, UTC))
                .isEqualTo(BERLIN_NOON_READ_IN_UTC.installedOn());
        assertThat(new HistoryClock(UTC, false).writtenAt(BERLIN_NOON_READ_IN_UTC, null))
                .as("a task recorded before its zone was").isEqualTo(BERLIN_NOON_READ_IN_UTC.installedOn());
    }

    @Test
    void an_instant_a_dialect_keeps_as_such_is_no_zones_wall_clock() {
        assertThat(new HistoryClock(UTC, true).writtenAt(BERLIN_NOON_READ_IN_UTC, BERLIN))
                .as("SQLite's milliseconds").isEqualTo(BERLIN_NOON_READ_IN_UTC.installedOn());
    }

    private static AppliedMigration row(Instant installedOn) {
        return new AppliedMigration(1, "1", "notes", MigrationKind.VERSIONED, "V1__notes.sql", "c1", "test", installedOn, 3,
                true, null, null);
    }
}
