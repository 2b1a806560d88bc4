package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.VerifyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine used as a library: what a fleet's plan, verify and drift return (no control plane between them and the
 * application) is masked of the template's secret placeholders' values, as its dry run and repair are.
 */
class LibraryFleetReadsSecretsH2IT extends OneTenantH2Fleet {
    private static final String SECRET = "Pw-S3cretXyz";

    @Test
    void a_fleet_plan_returns_a_failed_migrations_history_error_holding_a_secret_placeholders_value_masked() throws Exception {
        // H2 commits each statement of a migration: the failed one is recorded in the tenant's history.
        Path folder = folderWith("V1__grant.sql", "CREATE TABLE kept (x VARCHAR(50));\nINSERT INTO nowhere VALUES ('${db_password}');\n");
        assertThat(new FleetRunner(fleet.plane, template(folder), load(folder), Fleet.options(1, true), FleetListener.SILENT)
                .deploy(fleet.targets()).ok()).isFalse();
        try (Connection connection = TestDatabases.connect(fleet.targets().get(0).target())) {
            // As a row written before Flotilla masked it, or by a run with another secret placeholder, holds it.
            Jdbc.update(connection, "UPDATE \"s_t000\".\"tenant_migrations\" SET error_message = ?",
                    "written before: " + SECRET + " quoted");
        }

        List<TenantPlan> plans = new FleetPlanner(template(folder), load(folder), 1, 1).plan(fleet.targets());

        assertThat(plans).singleElement().satisfies(plan -> {
            assertThat(plan.problems()).as("the failed migration blocks the tenant").isNotEmpty();
            assertThat(plan.toString()).contains("written before: **** quoted").doesNotContain(SECRET);
        });
    }

    @Test
    void a_fleet_verify_returns_a_check_quoting_a_row_with_a_secret_placeholders_value_masked_whole_and_shared()
            throws Exception {
        Path folder = folderWith("V1__kept.sql", "CREATE TABLE kept (tenant_id VARCHAR(10) NOT NULL, x VARCHAR(50));\n"
                + "CREATE INDEX kept_tenant ON kept (tenant_id);\nINSERT INTO kept VALUES ('t000', '${db_password}');\n");
        assertThat(new FleetRunner(fleet.plane, template(folder), load(folder), Fleet.options(1, false), FleetListener.SILENT)
                .deploy(fleet.targets()).ok()).isTrue();
        Path checks = Files.createDirectories(temp.resolve("checks"));
        Files.writeString(checks.resolve("kept.sql"), "-- check: nothing-kept\n-- expect: empty\nSELECT x FROM kept;\n");
        VerifyOptions options = VerifyOptions.DEFAULTS.withFolder(checks);

        List<TenantVerification> whole = new FleetVerify(template(folder), load(folder), options, null, 1, 1)
                .run(fleet.targets());
        List<TenantVerification> shared = new FleetVerify(template(folder), load(folder), options, "tenant_id", 1, 1)
                .run(fleet.targets());

        for (List<TenantVerification> verified : List.of(whole, shared)) {
            assertThat(verified).singleElement().satisfies(v -> {
                assertThat(v.results()).filteredOn(r -> r.id().equals("nothing-kept")).singleElement()
                        .extracting(CheckResult::message).asString().contains("first: ****");
                assertThat(v.toString()).doesNotContain(SECRET);
            });
        }
    }

    @Test
    void a_fleet_drift_returns_a_changed_default_holding_a_secret_placeholders_value_masked() throws Exception {
        Path folder = folderWith("V1__kept.sql", "CREATE TABLE kept (x VARCHAR(50) DEFAULT '${db_password}');\n");
        assertThat(new FleetRunner(fleet.plane, template(folder), load(folder), Fleet.options(1, false), FleetListener.SILENT)
                .deploy(fleet.targets()).ok()).isTrue();
        TestDatabases.execute(fleet.targets().get(0).target(), "ALTER TABLE \"s_t000\".KEPT ALTER COLUMN X SET DEFAULT 'other'");

        DriftReport report = new FleetDrift(template(folder), load(folder), 1, 1, ReferenceCache.inMemory())
                .check(fleet.targets());

        assertThat(report.tenants()).singleElement().satisfies(drift -> {
            assertThat(drift.status()).as(drift.toString()).isEqualTo(TenantDrift.Status.DRIFTED);
            assertThat(drift.diff().changes()).as("the default it should have, and has").singleElement().asString()
                    .contains("****", "'other'");
        });
        assertThat(report.toString()).doesNotContain(SECRET);
    }

    @Test
    void a_fleet_drift_whose_replay_fails_quoting_a_secret_placeholders_value_returns_the_unknown_reason_masked() {
        // Recorded as applied with baseline, never run: its replay, which the expected schema is built with, fails.
        Path folder = folderWith("V1__grant.sql", "INSERT INTO nowhere VALUES ('${db_password}');\n");
        TenantTarget tenant = fleet.targets().get(0);
        Flotilla.load(template(folder).forTarget(tenant.target(), tenant.tenant().id().value()))
                .baseline(MigrationVersion.parse("1"));

        DriftReport report = new FleetDrift(template(folder), load(folder), 1, 1, ReferenceCache.inMemory())
                .check(fleet.targets());

        assertThat(report.tenants()).singleElement().satisfies(drift -> {
            assertThat(drift.status()).as(drift.toString()).isEqualTo(TenantDrift.Status.UNKNOWN);
            assertThat(drift.reason()).contains("NOWHERE", "****").doesNotContain(SECRET);
        });
        assertThat(report.toString()).doesNotContain(SECRET);
    }

    private Path folderWith(String file, String sql) {
        try {
            Path folder = Files.createDirectories(temp.resolve("migrations-" + file));
            Files.writeString(folder.resolve(file), sql);
            return folder;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static LoadedMigrations load(Path folder) {
        return new MigrationLoader(Set.of("db_password")).load(folder);
    }

    private static TargetOptions template(Path folder) {
        return new TargetOptions(null, folder, Map.of("db_password", SECRET), null, Duration.ofSeconds(60), null, null, null,
                "test");
    }
}
