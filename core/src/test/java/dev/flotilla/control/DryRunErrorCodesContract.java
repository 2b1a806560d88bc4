package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.plan.Problem;
import dev.flotilla.run.DryRunRecords;
import dev.flotilla.run.DryRunReport;
import dev.flotilla.run.RunReport;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each tenant's dry-run outcome as the control plane keeps it, with its error's code (V23): a tenant whose scratch copy
 * could not be made (CLONE_FAILED) reads back as not tested, one whose migration failed on the copy as failed, whatever
 * words their errors begin with; rows an older Flotilla wrote, without a code, are read by their words as before.
 */
abstract class DryRunErrorCodesContract {
    private static final TenantId NORD = TenantId.of("nord");
    private static final TenantId SUD = TenantId.of("sud");
    private static final TenantId OUEST = TenantId.of("ouest");
    private static final String COPY_NOT_MADE = "Copying the structure of t_nord into a scratch database for the dry run"
            + " failed: Access denied for user 'app'@'%' to database 'flotilla_dry_1a2b'. Nothing of the target changed.";
    /** PostgreSQL's words when pg_dump waited too long for a table another session holds: a lock timeout, no copy failure. */
    private static final String COPY_WAITED = "Copying the structure of t_ouest waited more than 2 s (the lock timeout) for"
            + " a table: another session holds one of its tables. Try again once that session has released it.";
    private static final String MIGRATION_FAILED = "V2__serials.sql failed at statement 1: duplicate column serial";

    /** The plane's URL, its database or file not yet made. */
    abstract String url();

    /** The user the plane is opened as; null for the embedded one's own. */
    abstract String user();

    private ControlPlane open() {
        return ControlPlane.open(url(), user(), null);
    }

    @Test
    void a_copy_not_made_reads_back_as_not_tested_and_a_migration_failed_on_the_copy_as_failed_by_their_codes() {
        List<TenantDryRun> results = List.of(onACopy(NORD, ErrorCode.CLONE_FAILED, COPY_NOT_MADE),
                onACopy(SUD, ErrorCode.SQL_ERROR, MIGRATION_FAILED), onACopy(OUEST, ErrorCode.LOCK_TIMEOUT, COPY_WAITED));
        try (ControlPlane plane = open()) {
            plane.dryRuns().started("run-1", "ops", List.of("2"), Map.of(), List.of(NORD, SUD, OUEST));
            DryRunRecords.record(plane, results, migrations(), plane.tenants().all());
            plane.dryRuns().finished("run-1", 9, null, DryRunRecords.outcomes(results));
        }

        try (ControlPlane plane = open()) {
            FleetDryRunRecord run = plane.dryRuns().fleetRun("run-1").orElseThrow();
            assertThat(run.tenants().get(NORD).code()).isEqualTo("CLONE_FAILED");
            assertThat(run.tenants().get(SUD).code()).isEqualTo("SQL_ERROR");
            assertThat(run.failedTenants()).containsOnlyKeys(NORD, SUD, OUEST);
            assertThat(run.untestedTenants()).as("by the code: the lock timeout failed, as the command line says")
                    .containsExactly(Map.entry(NORD, COPY_NOT_MADE));
            assertThat(plane.dryRuns().latestTest(NORD)).hasValueSatisfying(t -> {
                assertThat(t.errorCode()).isEqualTo("CLONE_FAILED");
                assertThat(t.untested()).isTrue();
            });
            assertThat(plane.dryRuns().latestTest(OUEST)).hasValueSatisfying(t -> assertThat(t.untested()).isFalse());
            assertThat(plane.dryRuns().latest(NORD)).as("the tenant's own record, which the command line writes too")
                    .hasValueSatisfying(d -> {
                        assertThat(d.status()).isEqualTo("error");
                        assertThat(d.error()).isEqualTo(COPY_NOT_MADE);
                        assertThat(d.errorCode()).isEqualTo("CLONE_FAILED");
                        assertThat(d.untested()).isTrue();
                    });
            assertThat(plane.dryRuns().latest(SUD)).hasValueSatisfying(d -> {
                assertThat(d.error()).isEqualTo(MIGRATION_FAILED);
                assertThat(d.errorCode()).isEqualTo("SQL_ERROR");
                assertThat(d.untested()).isFalse();
            });
        }
    }

    /** The plane is put back as it was before V23 by hand (its columns, its history row), with rows as V22 wrote them. */
    @Test
    void rows_a_v22_plane_kept_without_codes_read_as_before_once_it_is_upgraded_to_v23() {
        try (ControlPlane plane = open()) {
            plane.write("putting the plane back before V23", c -> {
                // V24 (indexes) and V25 (where a fleet dry run started) and V26 (an index) and V27 (tenants' baselines) and V28 (dry runs' times and warnings)
                // undone too, or V23 would be pending below an applied version.
                Jdbc.execute(c, "ALTER TABLE fleet_dry_run_tenants DROP COLUMN time_ms"); // V28's
                Jdbc.execute(c, "ALTER TABLE fleet_dry_run_tenants DROP COLUMN warning");
                Jdbc.execute(c, "ALTER TABLE dry_runs DROP COLUMN warning");
                Jdbc.execute(c, "ALTER TABLE tenants DROP COLUMN baseline_version"); // V27's
                Jdbc.execute(c, "DROP INDEX idx_fleet_dry_runs_started"); // V26's
                Jdbc.execute(c, "ALTER TABLE fleet_dry_runs DROP COLUMN started_from");
                Jdbc.execute(c, "DROP INDEX idx_deployment_tasks_tenant");
                Jdbc.execute(c, "DROP INDEX idx_audit_log_tenant");
                Jdbc.execute(c, "ALTER TABLE fleet_dry_run_tenants DROP COLUMN error_code");
                Jdbc.execute(c, "ALTER TABLE dry_runs DROP COLUMN error");
                Jdbc.execute(c, "ALTER TABLE dry_runs DROP COLUMN error_code");
                Jdbc.execute(c, "DELETE FROM \"" + ControlPlaneSchema.HISTORY_TABLE + "\" WHERE version IN ('23', '24', '25', '26', '27', '28')");
                Jdbc.update(c, "INSERT INTO fleet_dry_runs (id, started_by, started_at, versions, files, finished_at, wall_ms)"
                        + " VALUES ('old-run', 'ops', CURRENT_TIMESTAMP, '2', '', CURRENT_TIMESTAMP, 5)");
                Jdbc.update(c, "INSERT INTO fleet_dry_run_tenants (dry_run_id, tenant_id, status, error) VALUES"
                        + " ('old-run', 'nord', 'error', ?), ('old-run', 'sud', 'error', ?)", COPY_NOT_MADE, MIGRATION_FAILED);
                return Jdbc.update(c, "INSERT INTO dry_runs (tenant_id, ran_at, versions, checksums, status)"
                        + " VALUES ('nord', CURRENT_TIMESTAMP, '2', 'c2', 'error')");
            });
        }

        try (ControlPlane upgraded = open()) {
            FleetDryRunRecord run = upgraded.dryRuns().fleetRun("old-run").orElseThrow();
            assertThat(run.tenants().get(NORD).code()).isNull();
            assertThat(run.untestedTenants()).as("by its words, as before V23").containsExactly(Map.entry(NORD, COPY_NOT_MADE));
            assertThat(upgraded.dryRuns().latest(NORD)).hasValueSatisfying(d -> {
                assertThat(d.error()).isNull();
                assertThat(d.errorCode()).isNull();
                assertThat(d.untested()).as("no words to read").isFalse();
            });
            upgraded.dryRuns().record(SUD, List.of("2"), "c2", "error", null, MIGRATION_FAILED, ErrorCode.SQL_ERROR);
            assertThat(upgraded.dryRuns().latest(SUD)).as("written after the upgrade")
                    .hasValueSatisfying(d -> assertThat(d.errorCode()).isEqualTo("SQL_ERROR"));
        }
    }

    /** A tenant's dry run on a scratch copy (MariaDB) that ended with {@code code}. */
    private static TenantDryRun onACopy(TenantId tenant, ErrorCode code, String error) {
        RunReport run = new RunReport("dry-run", "t_" + tenant.value(), "mariadb", List.of(), List.of(),
                List.of(new Problem(code, error, null)), 5);
        return new TenantDryRun(tenant, "t_" + tenant.value(), "t_" + tenant.value(),
                new DryRunReport(run, "clone", null, List.of(), List.of(), List.of(), null, true), null, null);
    }

    private static LoadedMigrations migrations() {
        return new MigrationLoader(Set.of()).load("test", List.of());
    }
}
