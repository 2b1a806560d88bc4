package dev.flotilla.run;

import dev.flotilla.migration.MigrationVersion;

/**
 * What {@code repair} should do. Without {@code markApplied} or {@code markUndone}, failed records are removed so
 * their migrations run again (a failed rollback's: its migration counts as applied again); with {@code markApplied},
 * that version's failed record is marked as succeeded (its rest was finished by hand); with {@code markUndone}, that
 * version's failed rollback is marked as finished (the rest of its down file was run by hand): the version is undone.
 * {@code realignChecksums} accepts edits to applied files by recording their new checksums.
 */
public record RepairRequest(MigrationVersion markApplied, MigrationVersion markUndone, boolean realignChecksums) {
    public static final RepairRequest REMOVE_FAILED = new RepairRequest(null, null, false);

    public RepairRequest(MigrationVersion markApplied, boolean realignChecksums) {
        this(markApplied, null, realignChecksums);
    }

    /** The failed rollback of {@code version} finished by hand. */
    public static RepairRequest markUndone(MigrationVersion version) {
        return new RepairRequest(null, version, false);
    }
}
