package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.TaskStatus;
import dev.flotilla.run.TenantDrift.Status;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.testing.MigrationFolder;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Drift of tenants whose live schema was accepted ({@code drift --accept}): tenants deployed on a table older than
 * Flotilla (their first migration alters it) without a baseline, which no replay rebuilds. Each database's
 * {@code *IT} supplies the tenancy.
 */
abstract class DriftAcceptanceContract extends FleetFixture {
    @Override
    int fleetSize() {
        return 3;
    }

    /** Creates the tenants' targets (databases where each has one), empty. */
    abstract void createTargets(List<TenantTarget> targets) throws SQLException;

    @Override
    void prepare(List<TenantTarget> targets) throws SQLException {
        createTargets(targets);
        for (TenantTarget target : targets) {
            try (TargetSession session = TargetSession.open(target.target(), true)) {
                Jdbc.execute(session.connection(), "CREATE TABLE companies (id INT PRIMARY KEY, code VARCHAR(40) NOT NULL)");
            }
        }
    }

    @Override
    void writeMigrations(MigrationFolder files) {
        files.write("V1__serials.sql", """
                ALTER TABLE companies ADD COLUMN email VARCHAR(100);
                CREATE TABLE serials (id INT PRIMARY KEY, company_id INT NOT NULL, serial_no VARCHAR(40) NOT NULL,
                    FOREIGN KEY (company_id) REFERENCES companies (id));
                CREATE INDEX serials_company ON serials (company_id);
                """);
    }

    void deploy() {
        DeployResult result = fleet.runner(Fleet.options(2, false)).deploy(fleet.targets());
        assertThat(result.count(TaskStatus.SUCCEEDED)).as(errors(result)).isEqualTo(fleetSize());
    }

    DriftReport drift() {
        return drift(ReferenceCache.inMemory());
    }

    DriftReport drift(ReferenceCache cache) {
        return new FleetDrift(fleet.template(), fleet.loaded(), 2, 2, cache, fleet.plane.acceptances()).check(fleet.targets());
    }

    List<DriftAccept.Result> accept(List<TenantTarget> targets) {
        List<DriftAccept.Result> results = new DriftAccept(fleet.template(), 2, 2).accept(targets, "alice");
        results.forEach(r -> {
            assertThat(r.ok()).as(r.error()).isTrue();
            fleet.plane.acceptances().record(r.acceptance());
        });
        return results;
    }

    void sql(String tenant, String statement) throws SQLException {
        try (TargetSession session = TargetSession.open(fleet.target(tenant).target(), false)) {
            Jdbc.execute(session.connection(), statement);
        }
    }

    static TenantDrift find(DriftReport report, String tenant) {
        return report.tenants().stream().filter(t -> t.tenant().value().equals(tenant)).findFirst().orElseThrow();
    }

    @Test
    void a_tenant_deployed_on_older_tables_is_unknown_until_accepted_then_clean_and_a_change_by_hand_is_named() throws Exception {
        deploy();
        DriftReport before = drift();
        assertThat(before.tenants()).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(Status.UNKNOWN);
            assertThat(t.reason()).contains("could not be rebuilt", "failed at statement")
                    .as("what the scratch run said to do with the copy, dropped: no repair of the tenant")
                    .doesNotContain("flotilla repair", "recorded as failed");
            assertThat(t.reason()).as("a table older than the first migration: the baseline it lacks")
                    .contains("V1__serials.sql needs a table, view or column that no migration before it creates",
                            "needs `flotilla baseline` before that migration is deployed", "flotilla drift --accept --tenants "
                            + t.tenant().value());
        });

        List<DriftAccept.Result> accepted = accept(fleet.targets(0, 2));
        assertThat(accepted).allSatisfy(r -> assertThat(r.acceptance().structure()).as(r.acceptance().structureProblem())
                .isNotNull());
        sql("t001", "CREATE INDEX by_hand ON serials (serial_no)");
        DriftReport after = drift();

        TenantDrift clean = find(after, "t000");
        assertThat(clean.status()).as(clean.reason()).isEqualTo(Status.CLEAN);
        assertThat(clean.acceptance()).contains("accepted at").contains("alice").contains("version 1 (serials)");
        TenantDrift drifted = find(after, "t001");
        assertThat(drifted.status()).isEqualTo(Status.DRIFTED);
        assertThat(drifted.diff().changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(SchemaDiff.Kind.INDEX);
            assertThat(change.action()).isEqualTo(SchemaDiff.Action.ADDED);
            assertThat(change.toString()).containsIgnoringCase("by_hand");
        });
        assertThat(find(after, "t002").status()).as("never accepted").isEqualTo(Status.UNKNOWN);
    }

    @Test
    void a_baselined_tenant_whose_baselined_files_do_not_create_what_it_has_is_not_told_to_baseline_again() {
        for (TenantTarget target : fleet.targets()) {
            new Baseline(fleet.template().forTarget(target.target(), target.tenant().id().value()), fleet.loaded())
                    .baseline(dev.flotilla.migration.MigrationVersion.parse("1"));
        }

        TenantDrift drift = find(drift(), "t000");

        assertThat(drift.status()).isEqualTo(Status.UNKNOWN);
        assertThat(drift.reason()).contains("could not be rebuilt", "V1__serials.sql failed at statement 1",
                "V1__serials.sql needs a table, view or column that neither the files baselined (up to version 1) nor the"
                        + " migrations after them create", "accept it as it is (flotilla drift --accept --tenants t000)")
                .doesNotContain("needs `flotilla baseline`");
    }

    @Test
    void a_migration_applied_after_the_acceptance_is_replayed_on_the_accepted_structure() throws Exception {
        deploy();
        accept(fleet.targets());
        migrations().write("V2__notes.sql", "ALTER TABLE serials ADD COLUMN note VARCHAR(100);\n"
                + "CREATE INDEX serials_no ON serials (serial_no);\n");
        deploy();
        sql("t002", "ALTER TABLE companies ADD COLUMN phone VARCHAR(100)");
        ReferenceCache cache = ReferenceCache.inMemory();

        DriftReport report = drift(cache);
        DriftReport again = drift(cache);

        for (String tenant : List.of("t000", "t001")) {
            TenantDrift drift = find(report, tenant);
            assertThat(drift.status()).as(drift.reason() + " " + drift.diff()).isEqualTo(Status.CLEAN);
            assertThat(drift.acceptance()).contains("version 1 (serials)");
        }
        assertThat(again.referencesBuilt()).as("remembered for the clean ones; built again to name the drift").isEqualTo(1);
        assertThat(again.count(Status.CLEAN)).isEqualTo(2);
        TenantDrift changed = find(report, "t002");
        assertThat(changed.status()).as(changed.reason()).isEqualTo(Status.DRIFTED);
        assertThat(changed.diff().changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(SchemaDiff.Kind.COLUMN);
            assertThat(change.action()).isEqualTo(SchemaDiff.Action.ADDED);
            assertThat(change.name()).isEqualToIgnoringCase("companies.phone");
        });
    }

    @Test
    void a_rollback_past_the_accepted_position_makes_the_acceptance_no_longer_hold() {
        migrations().write("V2__notes.sql", "ALTER TABLE serials ADD COLUMN note VARCHAR(100);\n")
                .write("U2__notes.sql", "ALTER TABLE serials DROP COLUMN note;\n");
        deploy();
        accept(fleet.targets());
        TenantTarget target = fleet.target("t000");
        RunReport rollback = new TargetRunner(fleet.template().forTarget(target.target(), "t000"), fleet.loaded())
                .rollback(RollbackRequest.steps(1));
        assertThat(rollback.ok()).as(rollback.problems().toString()).isTrue();

        DriftReport report = drift();

        TenantDrift rolledBack = find(report, "t000");
        assertThat(rolledBack.status()).as("its replay still cannot be rebuilt").isEqualTo(Status.UNKNOWN);
        assertThat(rolledBack.acceptance()).contains("no longer holds").contains("version 2 was rolled back");
        assertThat(find(report, "t001").status()).isEqualTo(Status.CLEAN);
    }

    @Test
    void a_tenant_with_tables_and_no_history_is_clean_once_accepted_and_its_first_deploy_is_replayed_on_the_acceptance() {
        DriftReport before = drift();
        accept(fleet.targets(0, 1));
        DriftReport accepted = drift();
        deploy();
        DriftReport deployed = drift();

        assertThat(find(before, "t000").reason()).contains("but no history");
        TenantDrift empty = find(accepted, "t000");
        assertThat(empty.status()).as(empty.reason()).isEqualTo(Status.CLEAN);
        assertThat(empty.acceptance()).contains("history at an empty history, rank 0");
        TenantDrift migrated = find(deployed, "t000");
        assertThat(migrated.status()).as(migrated.reason() + " " + migrated.diff()).isEqualTo(Status.CLEAN);
        assertThat(find(deployed, "t001").status()).as("never accepted: its replay fails").isEqualTo(Status.UNKNOWN);
    }

    @Test
    void a_history_repaired_up_to_the_accepted_position_makes_the_acceptance_no_longer_hold() {
        deploy();
        accept(fleet.targets(0, 1));
        migrations().write("V1__serials.sql", "ALTER TABLE companies ADD COLUMN email VARCHAR(100);\n");
        TenantTarget target = fleet.target("t000");
        new HistoryRepair(fleet.template().forTarget(target.target(), "t000"), fleet.loaded())
                .repair(new RepairRequest(null, true));

        TenantDrift repaired = find(drift(), "t000");

        assertThat(repaired.acceptance()).contains("no longer holds", "its history up to that position was changed since");
        assertThat(repaired.status()).as("compared with its history's replay, which still cannot be rebuilt").isEqualTo(Status.UNKNOWN);
    }

    /**
     * Accepting a tenant whose repeatable of a second folder failed names the file by its path; a test of the dialects
     * whose history keeps a failed run's row (H2, MariaDB: DDL commits as it runs), where PostgreSQL and SQLite roll the
     * failed repeatable back with its row and have nothing to refuse.
     */
    void accepting_a_tenant_whose_repeatable_of_a_second_folder_failed_names_the_file_by_its_path() throws Exception {
        java.nio.file.Path legacy = java.nio.file.Files.createDirectories(temp.resolve("legacy"));
        java.nio.file.Files.writeString(legacy.resolve("R__broken.sql"), "INSERT INTO nowhere VALUES (1);\n");
        var template = fleet.template().withFolders(new dev.flotilla.migration.MigrationFolders(List.of(fleet.migrations,
                legacy), List.of()));
        var loaded = new dev.flotilla.migration.MigrationLoader(java.util.Set.of()).load(template.folders());
        assertThat(new FleetRunner(fleet.plane, template, loaded, Fleet.options(2, true), FleetListener.SILENT)
                .deploy(fleet.targets(0, 1)).ok()).isFalse();

        List<DriftAccept.Result> results = new DriftAccept(template, 2, 2).accept(fleet.targets(0, 1), "alice");

        assertThat(results).singleElement().satisfies(r -> assertThat(r.error()).contains(legacy.resolve("R__broken.sql")
                + " is recorded as failed or interrupted"));
    }
}
