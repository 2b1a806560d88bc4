package dev.flotilla.control;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A time as the control plane keeps it: an instant, in a TIMESTAMP WITH TIME ZONE column (control-plane migration V20),
 * bound and read as an offset time in UTC. No process's own time zone enters it, so processes in different zones sharing
 * one plane (a CLI in Berlin, a console in UTC) read what the others wrote as the same moment. A {@link java.sql.Timestamp}
 * would carry the JVM's zone in and out.
 */
final class PlaneTime {
    private PlaneTime() {
    }

    /** {@code at} as bound to a statement; null for null. */
    static OffsetDateTime of(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    /** This moment, as bound to a statement. */
    static OffsetDateTime now() {
        return of(Instant.now());
    }

    /** The instant in {@code column} of the current row; null for null. */
    static Instant read(ResultSet r, int column) throws SQLException {
        // H2 reads its own TIMESTAMP WITH TIME ZONE as an instant by arithmetic, where the offset time it would build
        // first and convert costs as much again (status --fleet reads 10,000); PostgreSQL's driver converts to no Instant.
        if (r instanceof org.h2.jdbc.JdbcResultSet) {
            return r.getObject(column, Instant.class);
        }
        return instant(r.getObject(column, OffsetDateTime.class));
    }

    /** The instant in the column named {@code column} of the current row; null for null. */
    static Instant read(ResultSet r, String column) throws SQLException {
        return instant(r.getObject(column, OffsetDateTime.class));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
