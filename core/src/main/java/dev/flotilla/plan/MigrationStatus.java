package dev.flotilla.plan;

import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.target.AppliedMigration;
import java.util.Optional;

/**
 * One line of a target's status: a migration file, its latest history row, or both.
 *
 * @param file null for a history row without a file
 * @param latest null for a migration never run on the target
 */
public record MigrationStatus(Migration file, AppliedMigration latest, MigrationState state) {
    public MigrationStatus {
        if (file == null && latest == null) {
            throw new IllegalArgumentException("a status needs a file or a history row");
        }
    }

    /** Canonical version text, or null for a repeatable migration. */
    public String version() {
        if (file != null) {
            return file.version() == null ? null : file.version().toString();
        }
        return latest.version();
    }

    /** How people are shown the version: as its file writes it ({@link MigrationVersion#label}), else as recorded. */
    public String versionLabel() {
        return file != null && file.version() != null ? file.version().label() : version();
    }

    public String description() {
        return file != null ? file.description() : latest.description();
    }

    public String script() {
        return file != null ? file.script() : latest.script();
    }

    /** The checksum of the file, or the recorded one when the file is gone. */
    public String checksum() {
        return file != null ? file.checksum() : latest.checksum();
    }

    public Optional<AppliedMigration> history() {
        return Optional.ofNullable(latest);
    }

    /** This status with its history row's error masked by {@code scrub} ({@link AppliedMigration#masked}). */
    public MigrationStatus masked(java.util.function.UnaryOperator<String> scrub) {
        AppliedMigration row = latest == null ? null : latest.masked(scrub);
        return row == latest ? this : new MigrationStatus(file, row, state);
    }

    /** "version 3 (add serials)" or "repeatable views", for messages. */
    public String label() {
        return version() == null ? "repeatable " + script() : "version " + versionLabel() + " (" + description() + ")";
    }
}
