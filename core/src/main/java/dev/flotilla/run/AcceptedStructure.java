package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.scratch.ScratchTarget;
import dev.flotilla.scratch.StructureScript;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.sql.SQLException;
import java.util.List;

/**
 * An accepted schema built again in an empty scratch target beside the tenant's (same server, same credentials): the
 * structure kept at acceptance, then the migrations applied since, in the order the history applied them; snapshotted
 * and thrown away. The tenant is not touched.
 */
final class AcceptedStructure {
    private AcceptedStructure() {
    }

    /**
     * @param later the files applied since the acceptance, in the order the history applied them (see {@link
     *     ExpectedSchema#replays}); empty for the accepted schema itself
     */
    static SchemaSnapshot rebuild(TargetOptions template, TargetSpec beside, String tenant, String dialect,
                                  List<String> structure, List<Migration> later) {
        try {
            return rebuildOnScratch(template, beside, tenant, dialect, structure, later);
        } catch (FlotillaException e) {
            // A SQLite or H2 scratch has no credentials of its own to mask: the tenant's are masked here, whatever failed.
            throw e.masked(beside::scrub);
        }
    }

    private static SchemaSnapshot rebuildOnScratch(TargetOptions template, TargetSpec beside, String tenant, String dialect,
                                                   List<String> structure, List<Migration> later) {
        try (ScratchTarget scratch = ScratchTarget.beside(beside, template.lockTimeout())) {
            try (TargetSession session = TargetSession.open(scratch.spec(), true)) {
                new StructureScript(dialect, structure).applyTo(session);
            } catch (SQLException e) {
                throw Failures.of(scratch.spec(), "building the accepted structure in", e);
            }
            TargetOptions options = template.forTarget(scratch.spec(), tenant).withPolicy(template.policy().withOutOfOrder(true));
            for (List<Migration> files : new ExpectedSchema(null, later, List.of(), null).replays()) {
                if (files.isEmpty()) {
                    continue;
                }
                RunReport report = new TargetRunner(options, new LoadedMigrations(files, List.of())).migrate();
                if (!report.ok()) {
                    throw new FlotillaException(ErrorCode.SQL_ERROR, "they fail on a copy of the accepted structure ("
                            + scratch.name() + ", dropped; a copy carries no rows, which a migration that changes rows may"
                            + " need): " + ScratchRunFailure.said(report));
                }
            }
            try (TargetSession session = TargetSession.open(scratch.spec(), false)) {
                return SnapshotReader.of(session);
            } catch (SQLException e) {
                throw Failures.of(scratch.spec(), "reading the accepted schema from", e);
            }
        }
    }
}
