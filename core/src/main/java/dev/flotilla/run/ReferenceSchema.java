package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.scratch.ScratchTarget;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.sql.SQLException;
import java.util.List;

/**
 * Builds the schema a history should have produced: the files it applied, migrated into an empty scratch
 * target beside the tenant's (same server, same credentials) in the order it applied them (see
 * {@link ExpectedSchema#replays}), its last rollback replayed when drift needs it (see
 * {@link ExpectedSchema#afterRollback}), snapshotted, thrown away.
 */
final class ReferenceSchema {
    private ReferenceSchema() {
    }

    static SchemaSnapshot build(TargetOptions template, ExpectedSchema expected, TargetSpec beside, String tenant) {
        try (ScratchTarget scratch = ScratchTarget.beside(beside, template.lockTimeout())) {
            // The history applied its files in this order already, out of order too: the replay follows it whether or not
            // the configuration lets a migrate run out of order today.
            TargetOptions options = template.forTarget(scratch.spec(), tenant)
                    .withPolicy(template.policy().withOutOfOrder(true));
            for (List<Migration> files : expected.replays()) {
                RunReport report = new TargetRunner(options, new LoadedMigrations(files, List.of())).replaying().migrate();
                if (!report.ok()) {
                    throw notRebuilt(tenant, scratch, "the files its history names fail on an empty scratch copy", report,
                            expected.baseline());
                }
            }
            if (!expected.rolledBack().isEmpty()) {
                RunReport report = new TargetRunner(options, new LoadedMigrations(expected.files(), List.of()))
                        .replaying().rollback(RollbackRequest.versions(expected.rolledBack()));
                if (!report.ok()) {
                    throw notRebuilt(tenant, scratch, "its last rollback, " + expected.rolledBack() + ", fails when replayed"
                            + " on a scratch copy migrated as its history was before it", report, expected.baseline());
                }
            }
            try (TargetSession session = TargetSession.open(scratch.spec(), false)) {
                return SnapshotReader.of(session);
            } catch (SQLException e) {
                throw Failures.of(scratch.spec(), "reading the expected schema from", e);
            }
        }
    }

    /**
     * What the run says of its target is about the scratch copy, dropped by now; the tenant was not touched. What failed,
     * then what to do about it, by why it failed ({@link ReplayFailure}).
     */
    private static FlotillaException notRebuilt(String tenant, ScratchTarget scratch, String why, RunReport report,
                                                String baseline) {
        String said = ScratchRunFailure.said(report);
        String script = report.migrations().stream().filter(MigrationRun::failed).map(MigrationRun::script).findFirst()
                .orElse(null);
        return new FlotillaException(ErrorCode.SQL_ERROR, "The expected schema of " + tenant + " could not be rebuilt: " + why
                + " (" + scratch.name() + ", dropped; the tenant itself was not touched): " + Failures.sentence(said) + " "
                + ReplayFailure.advice(tenant, script, said, baseline));
    }
}
