package dev.flotilla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.migration.NewMigrationFiles;
import dev.flotilla.run.RunReport;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.testing.TargetUnderTest;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.CheckContext;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.RowCounts;
import dev.flotilla.verify.TenantScope;
import dev.flotilla.verify.Verifier;
import dev.flotilla.verify.VerifyOptions;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * What the tenant-column adoption contracts share: the target holding seed 003's schema (each database's {@code *IT},
 * through {@link TenantColumnAdoptionContract}, supplies it), the adoption Flotilla writes for it, and the checks of
 * seed 003 it must pass.
 */
interface TenantColumnAdoptionFixture extends TargetUnderTest {
    VerifyOptions CHECKS = new VerifyOptions(Set.of("fk-rules", "history", "expected-objects", "index-usage",
            "rls-enabled", "rls-isolation"), List.of(), new VerifyOptions.TenantColumnRule("tenant_id",
            Set.of(PosSchema.SHARED_TABLE)), null, List.of(), null, null);

    default GeneratedMigration adopt(AdoptionRequest request) throws SQLException {
        try (TargetSession session = TargetSession.open(target(), false)) {
            return TenantColumnAdoption.generate(session, request);
        }
    }

    default AdoptionRequest request() {
        return AdoptionRequest.of("tenant_id", "caps-automotive").excluding(Set.of(PosSchema.SHARED_TABLE));
    }

    /** Writes the adoption's up and down files among the target's migrations: the Flotilla that runs them. */
    default Flotilla write(GeneratedMigration migration) {
        NewMigrationFiles.write(files().path(), migration.description(), migration.up(), migration.down(), null);
        return flotilla();
    }

    default SchemaSnapshot snapshot() throws SQLException {
        return TestDatabases.snapshot(target());
    }

    default RowCounts counts() throws SQLException {
        return TestDatabases.rowCounts(target());
    }

    default List<CheckResult> verify(RowCounts before) throws SQLException {
        try (TargetSession session = TargetSession.open(target(), false)) {
            return Verifier.run(new CheckContext(session.connection(), session.dialect(), session.schema(),
                    target().historyTable(), SnapshotReader.of(session), CHECKS, TenantScope.WHOLE_TARGET, before, null,
                    List.of(), null, null));
        }
    }

    default void sql(String... statements) throws SQLException {
        try (TargetSession session = TargetSession.open(target(), false)) {
            enforceForeignKeys(session.connection());
            for (String statement : statements) {
                Jdbc.execute(session.connection(), statement);
            }
        }
    }

    default void assertApplied(RunReport report) {
        assertThat(report.ok()).as(report.problems().toString()).isTrue();
    }

    /** Turns foreign keys on where a connection must ask for them (SQLite); nothing elsewhere. */
    default void enforceForeignKeys(java.sql.Connection connection) throws SQLException {
    }
}
