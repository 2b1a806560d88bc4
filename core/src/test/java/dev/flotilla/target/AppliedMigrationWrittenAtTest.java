package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.MigrationKind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** When a history row was written, read by a process in another time zone than its writer's. */
class AppliedMigrationWrittenAtTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void a_wall_clock_time_written_in_berlin_is_put_back_in_berlin() {
        AppliedMigration row = wallClock("2026-12-06T12:00:00.250", "2026-12-06T12:00:00.250Z");

        assertThat(row.writtenAt(BERLIN)).isEqualTo(Instant.parse("2026-12-06T11:00:00.250Z"));
    }

    @Test
    void a_wall_clock_time_written_in_new_york_in_summer_is_put_back_in_new_york() {
        AppliedMigration row = wallClock("2026-07-01T08:30:00", "2026-07-01T06:30:00Z");

        assertThat(row.writtenAt(NEW_YORK)).isEqualTo(Instant.parse("2026-07-01T12:30:00Z"));
    }

    /** Berlin's clock goes from 02:00 to 03:00 that night: as Berlin's, the time would be read as 03:30 there. */
    @Test
    void a_wall_clock_time_in_the_hour_the_readers_clock_skips_is_put_back_in_its_writers_zone() {
        AppliedMigration row = wallClock("2026-03-29T02:30:00", "2026-03-29T01:30:00Z");

        assertThat(row.writtenAt(UTC)).isEqualTo(Instant.parse("2026-03-29T02:30:00Z"));
    }

    /** Berlin's clock goes back from 03:00 to 02:00 that night: 02:30 was 00:30 and 01:30 UTC. */
    @Test
    void a_wall_clock_time_its_writers_clock_showed_twice_may_be_either() {
        AppliedMigration row = wallClock("2026-10-25T02:30:00", "2026-10-25T02:30:00Z");

        assertThat(row.mayBeWrittenAt(BERLIN)).containsExactly(Instant.parse("2026-10-25T00:30:00Z"),
                Instant.parse("2026-10-25T01:30:00Z"));
        assertThat(row.writtenAt(BERLIN)).as("the earlier").isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(row.mayBeWrittenAt(UTC)).as("once in UTC").containsExactly(Instant.parse("2026-10-25T02:30:00Z"));
    }

    @Test
    void a_time_of_an_unknown_writer_is_taken_as_read() {
        AppliedMigration row = wallClock("2026-12-06T12:00:00.250", "2026-12-06T12:00:00.250Z");

        assertThat(row.writtenAt(null)).as("a task recorded before its zone was").isEqualTo(row.installedOn());
    }

    @Test
    void an_instant_a_dialect_keeps_as_such_is_no_zones_wall_clock() {
        AppliedMigration row = new AppliedMigration(1, "1", "notes", MigrationKind.VERSIONED, "V1__notes.sql", "c1", "test",
                Instant.parse("2026-12-06T12:00:00.250Z"), 3, true, null, null);

        assertThat(row.writtenAt(BERLIN)).as("SQLite's milliseconds").isEqualTo(row.installedOn());
    }

    /** A row as read from a table keeping {@code wallClock}, shown as {@code shown} (that time in the reader's zone). */
    private static AppliedMigration wallClock(String wallClock, String shown) {
        return new AppliedMigration(1, "1", "notes", MigrationKind.VERSIONED, "V1__notes.sql", "c1", "test",
                Instant.parse(shown), 3, true, null, null, LocalDateTime.parse(wallClock));
    }
}
