package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.testing.TestDatabases;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A history row's {@code installed_on} on every dialect, whatever the JVM's time zone: read back as the instant written,
 * and stored as a {@link Timestamp} set through the driver stores it (how Flotilla wrote it before it bound a wall-clock
 * time or milliseconds itself), a time finer than a microsecond rounded as an instant. Each
 * {@code *IT} supplies the targets.
 */
abstract class HistoryInstantsContract {
    /** Whole milliseconds, which every dialect's column keeps (MariaDB's DATETIME(3), SQLite's milliseconds). */
    private static final Instant MILLIS = Instant.parse("2026-03-29T01:30:00.123Z");
    /** Finer than any column: each dialect rounds or cuts it as its driver does. */
    private static final Instant NANOS = Instant.parse("2026-10-25T00:59:59.999999501Z");
    /** Amsterdam's local mean time, +00:19:32 until 1937: an offset with seconds. */
    private static final Instant OLD = Instant.parse("1930-01-01T12:00:00.250Z");

    private final List<TargetSpec> targets = new ArrayList<>();
    private final TimeZone zone = TimeZone.getDefault();

    abstract TargetSpec newTarget();

    @AfterEach
    void dropTargets() {
        TimeZone.setDefault(zone);
        org.h2.util.DateTimeUtils.resetCalendar();
        targets.forEach(TestDatabases::drop);
    }

    @Test
    void an_installed_on_reads_back_as_written_and_is_stored_as_the_drivers_timestamp_in_any_time_zone() throws Exception {
        for (String id : List.of("UTC", "Asia/Kolkata", "America/New_York", "Europe/Amsterdam")) {
            TimeZone.setDefault(TimeZone.getTimeZone(id));
            org.h2.util.DateTimeUtils.resetCalendar(); // H2 keeps the zone it first saw, which a process of this one would not
            TargetSpec spec = newTarget();
            targets.add(spec);
            try (TargetSession session = TargetSession.open(spec, true)) {
                HistoryTable history = session.history();
                history.createIfMissing();
                history.append(row(MILLIS));
                history.append(row(NANOS));
                history.append(row(OLD));
                String table = session.dialect().quote(session.schema()) + "." + session.dialect().quote(history.name());
                insertWithTimestamp(session, table, 4, MILLIS);
                // Rounded as an instant, not as Amsterdam's wall-clock time, which the drivers' Timestamp puts an hour on.
                insertWithTimestamp(session, table, 5, NANOS.plusNanos(500).truncatedTo(ChronoUnit.MICROS));
                insertWithTimestamp(session, table, 6, OLD);

                List<AppliedMigration> rows = history.reread();
                assertThat(rows.get(0).installedOn()).as("in %s", id).isEqualTo(MILLIS);
                assertThat(rows.get(2).installedOn()).as("in %s", id).isEqualTo(OLD);
                assertThat(storedTexts(session, table).subList(0, 3)).as("in %s", id)
                        .isEqualTo(storedTexts(session, table).subList(3, 6));
            }
        }
    }

    private static AppliedMigration row(Instant at) {
        return new AppliedMigration(0, "1", "step", MigrationKind.VERSIONED, "V1__step.sql", "c1", "test", at, 3, true, null,
                null);
    }

    private static void insertWithTimestamp(TargetSession session, String table, int rank, Instant at) throws Exception {
        try (PreparedStatement insert = session.connection().prepareStatement("INSERT INTO " + table + " ("
                + HistoryTable.COLUMNS + ") VALUES (?, '1', 'step', 'VERSIONED', 'V1__step.sql', 'c1', 'test', ?, 3, ?,"
                + " NULL, NULL)")) {
            insert.setInt(1, rank);
            insert.setTimestamp(2, Timestamp.from(at));
            insert.setBoolean(3, true);
            insert.executeUpdate();
        }
        if (!session.connection().getAutoCommit()) {
            session.connection().commit();
        }
    }

    /** Each row's installed_on as the database writes it as text, by rank. */
    private static List<String> storedTexts(TargetSession session, String table) throws Exception {
        List<String> texts = new ArrayList<>();
        try (PreparedStatement select = session.connection().prepareStatement("SELECT installed_on FROM " + table
                + " ORDER BY installed_rank"); ResultSet r = select.executeQuery()) {
            while (r.next()) {
                texts.add(r.getString(1));
            }
        }
        return texts;
    }
}
