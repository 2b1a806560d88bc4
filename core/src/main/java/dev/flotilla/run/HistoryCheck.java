package dev.flotilla.run;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.UndoneRepeatables;
import dev.flotilla.target.AppliedMigration;
import java.util.List;

/** Decides, from a fresh read of the history, whether another runner already did what a script would do. */
final class HistoryCheck {
    private HistoryCheck() {
    }

    static boolean alreadyDone(List<AppliedMigration> history, PreparedScript script) {
        AppliedMigration latest = latestFor(history, script);
        return switch (script.kind()) {
            case VERSIONED -> latest != null && latest.success() && latest.kind() != MigrationKind.UNDO;
            case UNDO -> latest == null || (latest.success() && latest.kind() == MigrationKind.UNDO);
            // Not done when a rollback undid a migration installed before it ran, marked or not (see UndoneRepeatables).
            case REPEATABLE -> latest != null && latest.success() && latest.kind() == MigrationKind.REPEATABLE
                    && script.hasChecksum(latest.checksum()) && !UndoneRepeatables.in(history).contains(latest);
            case BASELINE -> false;
        };
    }

    private static AppliedMigration latestFor(List<AppliedMigration> history, PreparedScript script) {
        AppliedMigration latest = null;
        for (AppliedMigration row : history) {
            boolean same = script.kind() == MigrationKind.REPEATABLE
                    ? row.ofRepeatable() && row.description().equals(script.description())
                    : row.kind() != MigrationKind.REPEATABLE && row.version() != null
                      && MigrationVersion.parse(row.version()).equals(MigrationVersion.parse(script.version()));
            if (same) {
                latest = row;
            }
        }
        return latest;
    }
}
