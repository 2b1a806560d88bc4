package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner reads the databases of one MariaDB server together and plans each as it would on its own. */
class FleetPlannerMariaDbIT {
    @TempDir
    Path temp;
    private Fleet fleet;

    private Fleet fleet(int tenants) {
        return fleet(new MigrationFolder(temp.resolve("migrations"))
                .write("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n")
                .write("V2__tags.sql", "CREATE TABLE tags (id INT PRIMARY KEY);\n").path(), tenants);
    }

    private Fleet fleet(Path migrations, int tenants) {
        fleet = new Fleet(MariaDbTenants.tenancy("plan" + TestDatabases.uniqueName().substring(4, 10)), migrations, tenants);
        return fleet;
    }

    /** A deploy, to one new tenant, of migrations one of which fails: the tenant as the plane recorded it, its plan after. */
    private record FailedDeploy(DeployResult deploy, TenantRecord recorded, TenantPlan plan) {
    }

    private FailedDeploy deployFailing(MigrationFolder migrations) throws Exception {
        Fleet fleet = fleet(migrations.path(), 1);
        List<TenantTarget> targets = fleet.targets();
        MariaDbTenants.create(targets);
        DeployResult deploy = fleet.runner(Fleet.options(1, false)).deploy(targets);
        TenantRecord recorded = fleet.plane.tenants().find(targets.get(0).tenant().id()).orElseThrow();
        return new FailedDeploy(deploy, recorded, fleet.planner().plan(targets).get(0));
    }

    @AfterEach
    void drop() throws Exception {
        if (fleet != null) {
            MariaDbTenants.drop(fleet.targets());
            fleet.close();
        }
    }

    @Test
    void plans_deployed_new_and_not_yet_created_databases_each_as_its_own_read_would() throws Exception {
        Fleet fleet = fleet(4);
        List<TenantTarget> targets = fleet.targets();
        MariaDbTenants.create(targets.subList(0, 3));
        fleet.runner(Fleet.options(2, false)).deploy(targets.subList(0, 1));
        fleet.runner(Fleet.options(2, false)).deploy(targets.subList(1, 2));
        try (Connection c = TestDatabases.connect(targets.get(1).target())) {
            Jdbc.execute(c, "DELETE FROM tenant_migrations WHERE version = '2'");
        }

        List<TenantPlan> plans = fleet.planner().plan(targets);

        assertThat(plans).extracting(TenantPlan::tenant).containsExactlyElementsOf(targets.stream().map(t -> t.tenant().id()).toList());
        assertThat(plans.get(0).state()).isEqualTo(TenantPlan.State.UP_TO_DATE);
        assertThat(plans.get(0).currentVersion()).isEqualTo("2");
        assertThat(plans.get(1).pending()).containsExactly("2");
        assertThat(plans.get(2).pending()).as("no history table yet").containsExactly("1", "2");
        assertThat(plans.get(3).pending()).as("no database yet: its first deploy creates it").containsExactly("1", "2");
        for (int i = 0; i < 3; i++) {
            assertThat(plans.get(i)).as("as read on its own").isEqualTo(fleet.planner().plan(List.of(targets.get(i), targets.get(3))).get(0));
        }
    }

    @Test
    void a_database_with_tables_but_no_history_table_is_pending_with_a_hint_to_baseline_or_adopt_first() throws Exception {
        Fleet fleet = fleet(4);
        List<TenantTarget> targets = fleet.targets();
        MariaDbTenants.create(targets.subList(0, 3));
        fleet.runner(Fleet.options(2, false)).deploy(targets.subList(0, 1));
        try (Connection c = TestDatabases.connect(targets.get(1).target())) {
            Jdbc.execute(c, "CREATE TABLE notes (id INT PRIMARY KEY)");
            Jdbc.execute(c, "CREATE TABLE customers (id INT PRIMARY KEY)");
            Jdbc.execute(c, "CREATE TABLE orders (id INT PRIMARY KEY)");
            Jdbc.execute(c, "CREATE VIEW v AS SELECT id FROM notes");
        }

        List<TenantPlan> plans = fleet.planner().plan(targets);

        assertThat(plans.get(1).state()).isEqualTo(TenantPlan.State.PENDING);
        assertThat(plans.get(1).pending()).containsExactly("1", "2");
        assertThat(plans.get(1).notice().text()).startsWith(targets.get(1).target().displayName() + " has 3 table(s) but no history"
                + " table tenant_migrations yet: a deploy would run every migration from the first on top of them.")
                .contains("`flotilla baseline --tenants " + targets.get(1).tenant().id().value() + " --version V`",
                        "`flotilla adopt --tenants " + targets.get(1).tenant().id().value() + " --from laravel|table:NAME`");
        assertThat(plans.get(0).notice()).as("up to date").isNull();
        assertThat(plans.get(2).notice()).as("an empty database: a new tenant's").isNull();
        assertThat(plans.get(3).notice().text()).as("no database yet").isEqualTo(targets.get(3).target().displayName()
                + ": its database does not exist yet: a deploy would create it and run every migration from the first:"
                + " `flotilla deploy --tenants " + targets.get(3).tenant().id().value() + "`. If its name is a typo, remove"
                + " the tenant (`flotilla tenants remove " + targets.get(3).tenant().id().value() + "`) and add it again"
                + " under the right name (`flotilla tenants add NAME`) before deploying.");
    }

    @Test
    void a_version_that_failed_part_way_counts_as_pending_with_those_after_it() throws Exception {
        FailedDeploy failed = deployFailing(new MigrationFolder(temp.resolve("failing"))
                .write("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n")
                .write("V2__tags.sql", "CREATE TABLE tags (id INT PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);\n")
                .write("V3__labels.sql", "CREATE TABLE labels (id INT PRIMARY KEY);\n"));

        assertThat(failed.deploy().ok()).isFalse();
        assertThat(failed.recorded().status()).isEqualTo("failed");
        assertThat(failed.recorded().currentVersion()).isEqualTo("1");
        assertThat(failed.recorded().pendingCount()).as("versions 2 (failed) and 3").isEqualTo(2);
        assertThat(failed.plan().state()).isEqualTo(TenantPlan.State.BLOCKED);
        assertThat(failed.plan().currentVersion()).isEqualTo("1");
        assertThat(failed.plan().pending()).as("the failed version is not applied").containsExactly("2", "3");
    }

    @Test
    void after_a_failed_deploy_the_recorded_pending_count_includes_the_pending_repeatables_as_plan_does() throws Exception {
        FailedDeploy failed = deployFailing(new MigrationFolder(temp.resolve("failing"))
                .write("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n")
                .write("V2__bad.sql", "INSERT INTO no_such_table VALUES (1);\n")
                .write("R__nv.sql", "CREATE OR REPLACE VIEW nv AS SELECT id FROM notes;\n"));

        assertThat(failed.deploy().ok()).isFalse();
        assertThat(failed.plan().pending()).containsExactly("2", "R__nv.sql");
        assertThat(failed.recorded().pendingCount()).as("the failed version and the repeatable, as plan counts them").isEqualTo(2);
    }

    @Test
    void a_history_table_of_another_shape_fails_only_its_own_tenant() throws Exception {
        Fleet fleet = fleet(3);
        List<TenantTarget> targets = fleet.targets();
        MariaDbTenants.create(targets);
        fleet.runner(Fleet.options(2, false)).deploy(targets.subList(0, 2));
        try (Connection c = TestDatabases.connect(targets.get(2).target())) {
            Jdbc.execute(c, "CREATE TABLE tenant_migrations (id INT)");
        }

        List<TenantPlan> plans = fleet.planner().plan(targets);

        assertThat(plans.subList(0, 2)).allSatisfy(p -> assertThat(p.state()).isEqualTo(TenantPlan.State.UP_TO_DATE));
        assertThat(plans.get(2).state()).as("reached, and blocked as a deploy would be").isEqualTo(TenantPlan.State.BLOCKED);
        assertThat(plans.get(2).problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.FOREIGN_HISTORY);
            assertThat(p.message()).contains("The history table tenant_migrations on", "is not Flotilla's",
                    "its columns are [id]", "--from table:tenant_migrations");
        });
    }

    @Test
    void a_database_whose_history_table_another_session_holds_is_locked_not_unreachable_and_the_others_are_read() throws Exception {
        Fleet fleet = fleet(3);
        List<TenantTarget> targets = fleet.targets();
        MariaDbTenants.create(targets);
        assertThat(fleet.runner(Fleet.options(3, false)).deploy(targets).ok()).isTrue();
        FleetPlanner planner = new FleetPlanner(fleet.template().withLockTimeout(java.time.Duration.ofSeconds(1)), fleet.loaded(), 8, 8);

        List<TenantPlan> plans;
        try (Connection holder = TestDatabases.connect(targets.get(1).target())) {
            // Closed by the server once idle this long, releasing the table: an unbounded read then fails the test, not hangs.
            Jdbc.execute(holder, "SET SESSION wait_timeout = 10");
            Jdbc.execute(holder, "LOCK TABLES tenant_migrations WRITE");
            plans = planner.plan(targets);
        }

        assertThat(plans.get(1).errorCode()).isEqualTo(dev.flotilla.ErrorCode.LOCK_TIMEOUT);
        assertThat(plans.get(1).stateWord()).isEqualTo("locked");
        assertThat(List.of(plans.get(0).state(), plans.get(2).state())).containsOnly(TenantPlan.State.UP_TO_DATE);
    }
}
