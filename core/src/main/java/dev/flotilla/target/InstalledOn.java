package dev.flotilla.target;

import dev.flotilla.sql.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * How a history row's {@code installed_on} is written and read, whatever the tenant URL tells the driver about times.
 * Where the column keeps a wall-clock time ({@code TIMESTAMP}, {@code DATETIME}) it is the writing JVM's, bound as a
 * {@link LocalDateTime}, which no driver setting moves (a {@link Timestamp} is moved by MariaDB's
 * {@code connectionTimeZone} with {@code preserveInstants}, and by H2's {@code TIME ZONE}); it is read back as the text
 * the server keeps ({@link Dialect#timeAsText}), so the reader's zone enters only the instant it is shown as. SQLite's
 * is the instant, bound as its milliseconds, which neither {@code date_class} nor {@code date_precision} changes; rows
 * earlier versions let the driver write are read as it wrote them (seconds, a Julian day, or text: the writer's
 * wall-clock time). Stateless.
 */
final class InstalledOn {
    /** Below this many, an integer is seconds: as milliseconds it would be a time before March 1973. */
    private static final long SECONDS_BELOW = 100_000_000_000L;
    private static final double UNIX_EPOCH_JULIAN_DAY = 2440587.5;
    private static final DateTimeFormatter TEXT = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd().toFormatter();

    private InstalledOn() {
    }

    /** A row's time: the instant it is shown as, and the wall-clock time kept, null where the instant is kept. */
    record Read(Instant instant, LocalDateTime wallClock) {
        static final Read NONE = new Read(null, null);

        static Read ofWallClock(LocalDateTime wallClock, ZoneId zone) {
            return new Read(wallClock.atZone(zone).toInstant(), wallClock);
        }
    }

    /** The select-list expression reading {@code column} as {@link #read} expects it. */
    static String selected(Dialect dialect, String column) {
        return dialect.keepsInstants() ? column : dialect.timeAsText(column) + " AS " + column;
    }

    /**
     * The wall-clock time a dialect keeping one stores for {@code at}; null where the dialect keeps the instant. The
     * instant is rounded to the microsecond first, as a driver rounds a {@link Timestamp}'s: rounded as a wall-clock
     * time instead, the last microsecond before a clock goes back would be taken an hour on.
     */
    static LocalDateTime wallClock(Dialect dialect, Instant at, ZoneId zone) {
        return dialect.keepsInstants() ? null : LocalDateTime.ofInstant(micros(at), zone);
    }

    private static Instant micros(Instant at) {
        return at.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    static void bind(Dialect dialect, PreparedStatement insert, int index, Instant at, ZoneId zone) throws SQLException {
        if (dialect.keepsInstants()) {
            insert.setLong(index, micros(at).toEpochMilli());
        } else {
            insert.setObject(index, wallClock(dialect, at, zone));
        }
    }

    /** A row's time, a wall-clock time kept taken as one of {@code zone}. */
    static Read read(Dialect dialect, ResultSet row, String column, ZoneId zone) throws SQLException {
        if (!dialect.keepsInstants()) {
            String text = row.getString(column);
            return text == null ? Read.NONE : Read.ofWallClock(wallClockIn(text), zone);
        }
        Object kept = row.getObject(column);
        return switch (kept) {
            case null -> Read.NONE;
            case Double julianDay -> new Read(Instant.ofEpochMilli(Math.round((julianDay - UNIX_EPOCH_JULIAN_DAY) * 86_400_000)),
                    null);
            case Number number -> new Read(Math.abs(number.longValue()) < SECONDS_BELOW
                    ? Instant.ofEpochSecond(number.longValue()) : Instant.ofEpochMilli(number.longValue()), null);
            case String text -> fromText(text, row, column, zone);
            default -> new Read(row.getTimestamp(column).toInstant(), null);
        };
    }

    private static LocalDateTime wallClockIn(String text) throws SQLException {
        LocalDateTime plain = WallClockText.read(text);
        if (plain != null) {
            return plain;
        }
        try {
            return LocalDateTime.from(TEXT.parse(text.trim()));
        } catch (DateTimeParseException e) {
            throw new SQLException("installed_on reads as '" + text + "', not a time of the form 2026-12-06 14:03:11.250", e);
        }
    }

    /**
     * Text a driver wrote ({@code date_class=TEXT}): the writer's wall-clock time, or the instant where it carries an
     * offset; in a format of the URL's own ({@code date_string_format}) as the driver reads it, in this JVM's zone.
     */
    private static Read fromText(String text, ResultSet row, String column, ZoneId zone) throws SQLException {
        try {
            TemporalAccessor parsed = TEXT.parse(text.trim());
            LocalDateTime wallClock = LocalDateTime.from(parsed);
            return parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? new Read(OffsetDateTime.from(parsed).toInstant(), null) : Read.ofWallClock(wallClock, zone);
        } catch (DateTimeParseException e) {
            Timestamp driver = row.getTimestamp(column);
            return Read.ofWallClock(driver.toLocalDateTime(), zone);
        }
    }
}
