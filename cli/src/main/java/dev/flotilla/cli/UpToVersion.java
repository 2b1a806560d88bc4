package dev.flotilla.cli;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationVersion;

/**
 * The version a {@code --to} names, the newest pending migration a command runs: written as a version ({@code 32},
 * {@code 2025_10_01_060100}) or as the file's name ({@code 032_unify_migration_tracking.sql}, as seed 004's
 * {@code migrate:file} takes it); one of the files' versions, or refused saying the newest.
 */
final class UpToVersion {
    private UpToVersion() {
    }

    /** The version {@code to} names among {@code all}; null when {@code to} is null. */
    static MigrationVersion of(String to, LoadedMigrations all) {
        if (to == null) {
            return null;
        }
        var named = all.versioned().stream().filter(m -> m.script().equals(to)).map(Migration::version).findFirst();
        if (named.isPresent()) {
            return named.get();
        }
        MigrationVersion version;
        try {
            version = MigrationVersion.parse(to);
        } catch (RuntimeException e) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "--to " + to + " is neither a migration version nor a migration"
                    + " file's name (e.g. --to 3, or --to V3__add_serials.sql).");
        }
        return all.find(version).map(Migration::version).orElseThrow(() -> new FlotillaException(
                ErrorCode.BAD_USAGE, "--to " + to + ": no migration file has version " + version.label() + all.newestVersion()
                .map(newest -> " (the newest is " + newest.label() + ")").orElse(" (no file has a version)") + "."));
    }

    /**
     * The newest version above {@code ceiling} the target of {@code loaded} has applied; null when none is, or without a
     * ceiling. Its files above the ceiling left out, such a target's newer history would read as missing files.
     */
    static String appliedAbove(dev.flotilla.Flotilla loaded, MigrationVersion ceiling) {
        if (ceiling == null) {
            return null;
        }
        String newest = null;
        for (var status : loaded.status().statuses()) {
            if (status.state() == dev.flotilla.plan.MigrationState.APPLIED && status.version() != null
                    && MigrationVersion.parse(status.version()).compareTo(ceiling) > 0) {
                newest = status.version();
            }
        }
        return newest;
    }
}
