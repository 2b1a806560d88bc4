package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.plan.TenantPlan;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.Secret;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine used as a library: what a fleet's plan and drift return (no control plane between them and the application)
 * is masked of the tenancy's own password, the one its connections were opened with, not only of secret placeholders.
 */
class LibraryFleetReadsPasswordH2IT {
    private static final String PASSWORD = "Tenancy-S3cretPw";

    @TempDir
    Path temp;
    Fleet fleet;

    @BeforeEach
    void createFleet() {
        // An in-memory H2 database takes the password its first connection gives as its admin's.
        Tenancy tenancy = new Tenancy(TenancyModel.SCHEMA_PER_TENANT, "jdbc:h2:mem:" + TestDatabases.uniqueName()
                + ";DB_CLOSE_DELAY=-1", null, "s_{tenant}", "sa", Secret.of(PASSWORD), null);
        fleet = new Fleet(tenancy, new MigrationFolder(temp.resolve("migrations"))
                .write("V1__kept.sql", "CREATE TABLE kept (x VARCHAR(50) DEFAULT 'none');\n").path(), 1);
    }

    @AfterEach
    void closeFleet() {
        fleet.close();
    }

    @Test
    void a_fleet_drift_returns_a_changed_default_holding_the_tenancy_password_masked() throws Exception {
        assertThat(fleet.runner(Fleet.options(1, false)).deploy(fleet.targets()).ok()).isTrue();
        TestDatabases.execute(fleet.targets().get(0).target(), "ALTER TABLE \"s_t000\".KEPT ALTER COLUMN X SET DEFAULT '"
                + PASSWORD + "'");

        DriftReport report = new FleetDrift(fleet.template(), fleet.loaded(), 1, 1, ReferenceCache.inMemory())
                .check(fleet.targets());

        assertThat(report.tenants()).singleElement().satisfies(drift -> {
            assertThat(drift.status()).as(drift.toString()).isEqualTo(TenantDrift.Status.DRIFTED);
            assertThat(drift.diff().changes()).as("the default it should have, and has").singleElement().asString()
                    .contains("'none'", "****");
        });
        assertThat(report.toString()).doesNotContain(PASSWORD);
        assertThat(report.groups()).extracting(DriftReport.Group::outcome).asString().contains("****")
                .doesNotContain(PASSWORD);
    }

    @Test
    void a_fleet_plan_returns_a_history_error_quoting_the_tenancy_password_masked() throws Exception {
        // H2 commits each statement of a migration: the failed one is recorded in the tenant's history.
        new MigrationFolder(fleet.migrations).write("V2__fails.sql",
                "CREATE TABLE more (x INT);\nINSERT INTO nowhere VALUES (1);\n");
        assertThat(fleet.runner(Fleet.options(1, true)).deploy(fleet.targets()).ok()).isFalse();
        try (Connection connection = TestDatabases.connect(fleet.targets().get(0).target())) {
            // As a driver's message quoting the connection string would have it.
            Jdbc.update(connection, "UPDATE \"s_t000\".\"tenant_migrations\" SET error_message = ? WHERE success = FALSE",
                    "dsn host=db password " + PASSWORD + " refused");
        }

        List<TenantPlan> plans = new FleetPlanner(fleet.template(), fleet.loaded(), 1, 1).plan(fleet.targets());

        assertThat(plans).singleElement().satisfies(plan -> {
            assertThat(plan.problems()).as("the failed migration blocks the tenant").isNotEmpty();
            assertThat(plan.toString()).contains("password ****").doesNotContain(PASSWORD);
        });
    }

}
