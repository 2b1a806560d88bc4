package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.HistoryTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code baseline --version V}: for a target that predates Flotilla, records every migration up to V as
 * applied without running it. Refused when the history already records applied migrations, or a failed one.
 */
public final class Baseline {
    private static final String MARKER = "<< baseline >>";

    private final TargetOptions options;
    private final LoadedMigrations migrations;

    public Baseline(TargetOptions options, LoadedMigrations migrations) {
        this.options = options;
        this.migrations = migrations;
    }

    public HistoryChange baseline(MigrationVersion version) {
        return TargetWork.run(options, true, true, session -> {
            HistoryTable history = session.history();
            String target = session.spec().displayName();
            history.createIfMissing();
            List<AppliedMigration> rows = history.read();
            refuseFailed(rows, target);
            boolean hasApplied = rows.stream().anyMatch(r -> r.success() && r.kind() != MigrationKind.UNDO);
            if (hasApplied) {
                throw new FlotillaException(ErrorCode.BASELINE_REFUSED, "The history of " + target + " already records"
                        + " applied migrations; baseline is only for targets that predate Flotilla, and this one needs none:"
                        + " `flotilla deploy` runs what is pending on it (`flotilla plan --tenants ID` shows what, for a"
                        + " fleet's tenant; `flotilla status --url URL` for one target).");
            }
            List<String> actions = new ArrayList<>();
            boolean exact = false;
            for (Migration migration : migrations.versioned()) {
                if (migration.version().compareTo(version) <= 0) {
                    exact |= migration.version().equals(version);
                    history.append(row(migration.version().toString(), migration.description(), migration.script(),
                            migration.checksum()));
                    actions.add("Recorded " + migration.script() + " as applied (baseline).");
                }
            }
            if (!exact) {
                history.append(row(version.toString(), MARKER, MARKER, null));
                actions.add("Recorded baseline version " + version + ".");
            }
            return new HistoryChange("baseline", target, actions);
        });
    }

    /**
     * A failed (or interrupted) run on record: recording its version as applied would hide what of it did not run, or
     * what of a half-run down file did; its own record says, and repair clears it first.
     */
    private static void refuseFailed(List<AppliedMigration> rows, String target) {
        rows.stream().filter(r -> !r.success()).findFirst().ifPresent(failed -> {
            String what = failed.version() == null ? failed.script()
                    : "version " + failed.version() + " (" + failed.description() + ")";
            String where = failed.failedStatement() == null ? "" : " at statement " + failed.failedStatement();
            throw new FlotillaException(ErrorCode.BASELINE_REFUSED, "The history of " + target + " records "
                    + (failed.kind() == MigrationKind.UNDO ? "a rollback of " : "") + what + " as failed" + where
                    + ": a baseline would record it as applied, whatever of it did not run. Run `flotilla repair` first"
                    + " (it removes the record, or names the statements that stay applied for you to undo by hand),"
                    + " then baseline again.");
        });
    }

    private AppliedMigration row(String version, String description, String script, String checksum) {
        return new AppliedMigration(0, version, description, MigrationKind.BASELINE, script, checksum,
                options.installedBy(), Instant.now(), 0, true, null, null);
    }
}
