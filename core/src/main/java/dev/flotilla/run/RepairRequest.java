package dev.flotilla.run;

import dev.flotilla.migration.MigrationVersion;

/**
 * What {@code repair} should do. Without {@code markApplied} or {@code markUndone}, failed records are removed so
 * their migrations run again (a failed rollback's: its migration counts as applied again), a migration's whose
 * statements stay applied (or may have: interrupted) only with {@code rerunFromStart}, the user having undone them by
 * hand or knowing they can run again as they are (else it would fail on them when it runs again from statement 1);
 * with {@code markApplied},
 * that version's failed record is marked as succeeded (its rest was finished by hand); with {@code markUndone}, that
 * version's failed rollback is marked as finished (the rest of its down file was run by hand): the version is undone.
 * {@code realignChecksums} accepts edits to applied files by recording their new checksums.
 */
public record RepairRequest(MigrationVersion markApplied, MigrationVersion markUndone, boolean realignChecksums,
                            boolean rerunFromStart) {
    public static final RepairRequest REMOVE_FAILED = new RepairRequest(null, null, false);
    /** Failed records removed, each failed migration to run again from statement 1 whatever of it stays applied. */
    public static final RepairRequest REMOVE_FAILED_TO_RERUN = new RepairRequest(null, null, false, true);

    public RepairRequest(MigrationVersion markApplied, MigrationVersion markUndone, boolean realignChecksums) {
        this(markApplied, markUndone, realignChecksums, false);
    }

    public RepairRequest(MigrationVersion markApplied, boolean realignChecksums) {
        this(markApplied, null, realignChecksums);
    }

    /** The failed rollback of {@code version} finished by hand. */
    public static RepairRequest markUndone(MigrationVersion version) {
        return new RepairRequest(null, version, false);
    }
}
