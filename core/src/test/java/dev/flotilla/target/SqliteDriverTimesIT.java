package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.MigrationKind;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A SQLite history's {@code installed_on} whatever the URL tells the driver about times ({@code date_class},
 * {@code date_precision}, {@code date_string_format}): a row Flotilla writes keeps its instant, and a row an earlier
 * version let the driver write (a {@link Timestamp}: seconds, a Julian day, or the writing JVM's wall-clock time as
 * text) is read as the driver wrote it, by a process in another zone too.
 */
class SqliteDriverTimesIT {
    private static final Instant AT = Instant.parse("2026-03-29T02:30:00.250Z");
    private final TimeZone zone = TimeZone.getDefault();

    @TempDir
    Path folder;

    @AfterEach
    void restoreZone() {
        TimeZone.setDefault(zone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?date_class=TEXT", "?date_class=REAL", "?date_precision=SECONDS",
            "?date_class=TEXT&date_string_format=yyyy-MM-dd'T'HH:mm:ss.SSSXXX"})
    void a_row_flotilla_writes_reads_back_as_its_instant_in_another_zone(String settings) throws Exception {
        TargetSpec spec = spec(settings);
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        try (TargetSession session = TargetSession.open(spec, true)) {
            session.history().createIfMissing();
            session.history().append(row(AT));
        }
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        try (TargetSession session = TargetSession.open(spec, true)) {
            AppliedMigration read = session.history().read().getFirst();

            assertThat(read.installedOn()).isEqualTo(AT);
            assertThat(read.wallClock()).as("an instant, no zone's").isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?date_class=REAL", "?date_class=TEXT&date_string_format=yyyy-MM-dd'T'HH:mm:ss.SSSXXX"})
    void a_row_the_driver_wrote_as_an_instant_reads_back_as_it(String settings) throws Exception {
        TargetSpec spec = spec(settings);
        writtenByTheDriver(spec, "UTC");
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        try (TargetSession session = TargetSession.open(spec, true)) {
            assertThat(session.history().read().getFirst().installedOn()).isEqualTo(AT);
        }
    }

    @org.junit.jupiter.api.Test
    void a_row_the_driver_wrote_in_seconds_reads_back_as_its_second() throws Exception {
        TargetSpec spec = spec("?date_precision=SECONDS");
        writtenByTheDriver(spec, "UTC");
        try (TargetSession session = TargetSession.open(spec, true)) {
            assertThat(session.history().read().getFirst().installedOn()).isEqualTo(Instant.parse("2026-03-29T02:30:00Z"));
        }
    }

    /** The driver's text is UTC's clock at 02:30, a time Berlin's skips: put in its writer's zone, it is exact. */
    @org.junit.jupiter.api.Test
    void a_row_the_driver_wrote_as_text_is_its_writers_wall_clock_time() throws Exception {
        TargetSpec spec = spec("?date_class=TEXT");
        writtenByTheDriver(spec, "UTC");
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        try (TargetSession session = TargetSession.open(spec, true)) {
            AppliedMigration read = session.history().read().getFirst();

            assertThat(read.wallClock()).isEqualTo(LocalDateTime.parse("2026-03-29T02:30:00.250"));
            assertThat(read.writtenAt(java.time.ZoneId.of("UTC"))).isEqualTo(AT);
        }
    }

    private TargetSpec spec(String settings) {
        return new TargetSpec("jdbc:sqlite:" + folder.resolve("tenant.db") + settings, null, null, null, null);
    }

    /** A row as earlier versions wrote it: a Timestamp the driver converted as the URL said, in {@code zone}. */
    private static void writtenByTheDriver(TargetSpec spec, String zone) throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try (TargetSession session = TargetSession.open(spec, true)) {
            session.history().createIfMissing();
            try (PreparedStatement insert = session.connection().prepareStatement("INSERT INTO "
                    + session.dialect().quote(session.schema()) + "." + session.dialect().quote(session.history().name())
                    + " (" + HistoryTable.COLUMNS + ") VALUES (1, '1', 'step', 'VERSIONED', 'V1__step.sql', 'c1', 'test', ?,"
                    + " 3, 1, NULL, NULL)")) {
                insert.setTimestamp(1, Timestamp.from(AT));
                insert.executeUpdate();
            }
        }
    }

    private static AppliedMigration row(Instant at) {
        return new AppliedMigration(0, "1", "step", MigrationKind.VERSIONED, "V1__step.sql", "c1", "test", at, 3, true, null,
                null);
    }
}
