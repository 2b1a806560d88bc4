package dev.flotilla.migration;

/** What a migration file, or a history row, is. */
public enum MigrationKind {
    /** Runs once, in version order. */
    VERSIONED,
    /** A down script's run (history only): undoes the migration of the same version. */
    UNDO,
    /** Has no version; runs after the versioned ones whenever its checksum changes. */
    REPEATABLE,
    /** Recorded as applied without being run (history only). */
    BASELINE
}
