package dev.flotilla.target;

import dev.flotilla.migration.MigrationKind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * One row of a target's history table.
 *
 * @param version canonical version text, null for repeatable migrations
 * @param failedStatement for a failed run outside a transaction, the 1-based statement that failed
 *     (statements before it were applied); null otherwise
 * @param installedOn when the row was written; where the table keeps a wall-clock time ({@code wallClock}), that time in
 *     this JVM's zone, which is right when the writer's zone was this one's (see {@link #writtenAt})
 * @param wallClock {@code installed_on} as the table keeps it, a wall-clock time of the writing process's zone
 *     (PostgreSQL, MariaDB, H2); null where the table keeps the instant (SQLite), or for a row not read from a table
 */
public record AppliedMigration(int rank, String version, String description, MigrationKind kind, String script,
                               String checksum, String installedBy, Instant installedOn, long executionMillis,
                               boolean success, Integer failedStatement, String error, LocalDateTime wallClock) {
    /**
     * The error a run records before a statement outside a transaction and clears after it: still there when the
     * run stopped mid-statement, or while it is running.
     */
    public static final String INTERRUPTED = "interrupted: the run stopped before this statement finished";

    /** Whether this row is a run that stopped, or is still running, in the middle of a statement. */
    public boolean interruptedOrRunning() {
        return !success && INTERRUPTED.equals(error);
    }

    /**
     * Whether this row is about a repeatable migration: its run, or the mark a rollback leaves on it (an {@code UNDO}
     * row without a version) when it undid migrations the repeatable was applied over, so that it runs again.
     */
    public boolean ofRepeatable() {
        return kind == MigrationKind.REPEATABLE || (kind == MigrationKind.UNDO && version == null);
    }

    /**
     * This row with {@code scrub} applied to its error (a secret placeholder's value a failing statement's message quoted,
     * written before Flotilla masked it); this row itself when it has none, or is {@link #INTERRUPTED}.
     */
    public AppliedMigration masked(java.util.function.UnaryOperator<String> scrub) {
        if (error == null || INTERRUPTED.equals(error)) {
            return this;
        }
        String masked = scrub.apply(error);
        return masked.equals(error) ? this : new AppliedMigration(rank, version, description, kind, script, checksum,
                installedBy, installedOn, executionMillis, success, failedStatement, masked, wallClock);
    }

    /** A row whose time is the instant {@code installedOn}, as one to write is. */
    public AppliedMigration(int rank, String version, String description, MigrationKind kind, String script,
                            String checksum, String installedBy, Instant installedOn, long executionMillis, boolean success,
                            Integer failedStatement, String error) {
        this(rank, version, description, kind, script, checksum, installedBy, installedOn, executionMillis, success,
                failedStatement, error, null);
    }

    /**
     * When this row was written by a process whose time zone was {@code writer} (null: not known, taken to be this one's):
     * its wall-clock time put in that zone, whatever this process's, so a time this one's clock skips (a spring-forward
     * hour) is read as written. A time the writer's clock showed twice (its autumn hour) is taken as the earlier: see
     * {@link #mayBeWrittenAt}.
     */
    public Instant writtenAt(ZoneId writer) {
        return wallClock == null || writer == null ? installedOn : wallClock.atZone(writer).toInstant();
    }

    /**
     * Every instant this row may have been written at by a process of time zone {@code writer}, oldest first: two for a
     * wall-clock time that zone's clock showed twice (the hour it goes back in autumn), which cannot say which; else
     * {@link #writtenAt}'s one.
     */
    public List<Instant> mayBeWrittenAt(ZoneId writer) {
        List<ZoneOffset> offsets = wallClock == null || writer == null ? List.of() : writer.getRules().getValidOffsets(wallClock);
        return offsets.size() < 2 ? List.of(writtenAt(writer))
                : offsets.stream().map(wallClock::toInstant).sorted().toList();
    }

    public AppliedMigration {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
    }
}
