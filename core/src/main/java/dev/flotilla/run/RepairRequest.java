package dev.flotilla.run;

import dev.flotilla.migration.MigrationVersion;

/**
 * What {@code repair} should do. Without {@code markApplied}, failed records are removed so their migrations
 * run again; with it, that version's failed record is marked as succeeded (its rest was finished by hand).
 * {@code realignChecksums} accepts edits to applied files by recording their new checksums.
 */
public record RepairRequest(MigrationVersion markApplied, boolean realignChecksums) {
    public static final RepairRequest REMOVE_FAILED = new RepairRequest(null, false);
}
