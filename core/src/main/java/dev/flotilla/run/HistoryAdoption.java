package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.history.AdoptionReport;
import dev.flotilla.history.ForeignHistory;
import dev.flotilla.history.HistoryMatch;
import dev.flotilla.history.HistorySource;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.HistoryTable;
import dev.flotilla.target.TargetSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code adopt --from flyway|laravel|liquibase|table:NAME}: for a target another tool migrated, records what
 * that tool applied in Flotilla's history, so that the next migrate runs only what is new. Under the target
 * lock, all rows in one transaction; refused (nothing written) when Flotilla's history is not empty, when the
 * tool recorded a failure, when only some changesets of a Liquibase file ran, or when a row matches no file
 * (unless allowed). Idempotent in effect: a second
 * adoption is refused because the history is no longer empty.
 */
public final class HistoryAdoption {
    private final TargetOptions options;
    private final LoadedMigrations migrations;

    public HistoryAdoption(TargetOptions options, LoadedMigrations migrations) {
        this.options = options;
        this.migrations = migrations;
    }

    /**
     * @param allowUnmatched record the matched rows even when some rows name no file
     * @param dryRun report what would be recorded, write nothing
     */
    public AdoptionReport adopt(HistorySource source, boolean allowUnmatched, boolean dryRun) {
        return TargetWork.run(options, false, !dryRun, session -> {
            String target = session.spec().displayName();
            if (!session.schemaExists()) {
                throw new FlotillaException(ErrorCode.ADOPTION_REFUSED, target + " has no schema " + session.schema()
                        + ": nothing to adopt.");
            }
            HistoryMatch match = HistoryMatch.of(ForeignHistory.read(session, source), migrations, source,
                    PendingScripts.placeholderValues(options, session.schema()));
            refuseWhenUnsafe(session, source, match, allowUnmatched, target);
            if (!dryRun) {
                write(session, match.rows());
            }
            return new AdoptionReport(target, source.describe(), match.recorded(), match.unmatched(), match.notes(), !dryRun);
        });
    }

    private void refuseWhenUnsafe(TargetSession session, HistorySource source, HistoryMatch match, boolean allowUnmatched,
                                  String target) throws SQLException {
        HistoryTable history = session.history();
        int existing = history.read().size();
        if (existing > 0) {
            throw new FlotillaException(ErrorCode.ADOPTION_REFUSED, target + " already has " + existing + " row(s) in "
                    + history.name() + ": its history is Flotilla's already, nothing to adopt. `flotilla plan --tenants ID`"
                    + " (a fleet's tenant) or `flotilla status --url URL` (one target) shows what it records and what is"
                    + " pending.");
        }
        if (!match.failed().isEmpty()) {
            throw new FlotillaException(ErrorCode.ADOPTION_REFUSED, "On " + target + ", " + String.join("; ", match.failed())
                    + ". Resolve it first (" + source.failureResolution() + "), then adopt.");
        }
        if (!match.partial().isEmpty()) {
            throw new FlotillaException(ErrorCode.ADOPTION_REFUSED, "On " + target + ", " + String.join("; ", match.partial())
                    + ". Recorded as applied, the missing changesets would never run; run by Flotilla, the file would run"
                    + " again the ones that did. Apply the missing changesets with Liquibase first (`liquibase update` on"
                    + " this target), then adopt it again; --allow-unmatched does not change this. Nothing was written.");
        }
        if (match.recorded().isEmpty() && !match.unmatched().isEmpty()) {
            throw new FlotillaException(ErrorCode.ADOPTION_REFUSED, "None of the " + match.unmatched().size() + " row(s) of "
                    + source.describe() + " on " + target + " matches a file in " + options.folders()
                    + ": is it the folder that tool migrated from? Unmatched: " + String.join(", ", match.unmatched()));
        }
        if (!match.unmatched().isEmpty() && !allowUnmatched) {
            throw new FlotillaException(ErrorCode.ADOPTION_REFUSED, match.unmatched().size() + " row(s) of "
                    + source.describe() + " on " + target + " match no file in " + options.folders() + ": "
                    + String.join(", ", match.unmatched()) + ". Add the files, or adopt with --allow-unmatched to record"
                    + " only the " + match.recorded().size() + " that match; nothing was written.");
        }
    }

    private void write(TargetSession session, List<AppliedMigration> rows) throws SQLException {
        HistoryTable history = session.history();
        history.createIfMissing();
        Connection connection = session.connection();
        connection.setAutoCommit(false);
        try {
            for (AppliedMigration row : rows) {
                history.append(row);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
