package dev.flotilla.run;

import dev.flotilla.sql.Dialect;
import dev.flotilla.target.AppliedMigration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * When a target's history row was written, from its {@code installed_on} as read here. Flotilla binds it as a
 * {@link java.sql.Timestamp}, which PostgreSQL, MariaDB and H2 keep as the wall-clock time of the writing JVM's zone and
 * the driver reads back as one of the reading JVM's zone ({@code readIn}); SQLite keeps the instant. A row written in
 * another zone than this one is read in its writer's, known from the task that wrote it (control-plane V21); a writer's
 * zone not known (a task started before V21) is taken to be this one's, as before. Immutable.
 *
 * @param instants whether the dialect keeps the instant ({@link Dialect#keepsInstants}), so no zone enters it
 */
record HistoryClock(ZoneId readIn, boolean instants) {
    /** The clock of rows read now, in this JVM's zone, from a target of {@code dialect}. */
    static HistoryClock of(Dialect dialect) {
        return new HistoryClock(ZoneId.systemDefault(), dialect.keepsInstants());
    }

    /** When {@code row} was written by a process of time zone {@code writer} (null: not known, this one's). */
    Instant writtenAt(AppliedMigration row, ZoneId writer) {
        if (instants || writer == null || writer.equals(readIn)) {
            return row.installedOn();
        }
        return LocalDateTime.ofInstant(row.installedOn(), readIn).atZone(writer).toInstant();
    }
}
