package dev.flotilla.target;

import dev.flotilla.migration.MigrationKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of a target's history table.
 *
 * @param version canonical version text, null for repeatable migrations
 * @param failedStatement for a failed run outside a transaction, the 1-based statement that failed
 *     (statements before it were applied); null otherwise
 */
public record AppliedMigration(int rank, String version, String description, MigrationKind kind, String script,
                               String checksum, String installedBy, Instant installedOn, long executionMillis,
                               boolean success, Integer failedStatement, String error) {
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

    public AppliedMigration {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
    }
}
