package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.TenantDiscovery;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fleet deployments to 50 MariaDB databases, one per tenant, reached through a URL template. */
class FleetRunnerMariaDbIT extends FleetRunnerContract {
    private static final String SERVER = TestDatabases.MARIADB_URL.substring(0, TestDatabases.MARIADB_URL.lastIndexOf('/') + 1);

    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, SERVER + prefix + "_{tenant}", null,
                TestDatabases.MARIADB_USER, null, null);
    }

    @Override
    Tenancy sharedTenancy(String schema) {
        return new Tenancy(TenancyModel.SHARED_SCHEMA, TestDatabases.MARIADB_URL, null, schema, TestDatabases.MARIADB_USER,
                null, null);
    }

    @Override
    int fleetSize() {
        return 50;
    }

    @Override
    void prepare(List<TenantTarget> targets) throws SQLException {
        try (Connection c = server()) {
            for (TenantTarget target : targets) {
                Jdbc.execute(c, "CREATE DATABASE `" + database(target) + "`");
            }
        }
    }

    @Override
    void dropTargets() throws SQLException {
        try (Connection c = server()) {
            for (TenantTarget target : fleet.targets()) {
                Jdbc.execute(c, "DROP DATABASE IF EXISTS `" + database(target) + "`");
            }
        }
    }

    @Override
    void createConflictingTable(TenantTarget target) throws SQLException {
        try (Connection c = TestDatabases.connect(target.target())) {
            Jdbc.execute(c, "CREATE TABLE notes (legacy INT)");
        }
    }

    /** On MariaDB the failed statement is on record: fixing means dropping the table and repairing the history. */
    @Override
    void dropConflictingTable(TenantTarget target) throws SQLException {
        try (Connection c = TestDatabases.connect(target.target())) {
            Jdbc.execute(c, "DROP TABLE notes");
        }
        Flotilla.load(fleet.template().forTarget(target.target(), target.tenant().id().value()))
                .repair(RepairRequest.REMOVE_FAILED);
    }

    @Test
    void a_tenants_first_deploy_creates_its_database_with_the_servers_character_set() throws Exception {
        List<TenantTarget> two = fleet.targets(0, 2);
        MariaDbTenants.drop(two);

        DeployResult result = fleet.runner(Fleet.options(2, false)).deploy(two);

        assertThat(result.ok()).as(errors(result)).isTrue();
        try (Connection c = server()) {
            String serverCharset = Jdbc.queryString(c, "SELECT @@character_set_server");
            for (TenantTarget target : two) {
                assertThat(applied(target)).as(target.tenant().id().value()).containsExactly("1", "2");
                assertThat(Jdbc.queryString(c, "SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA"
                        + " WHERE SCHEMA_NAME = ?", database(target))).isEqualTo(serverCharset);
            }
        }
    }

    @Test
    void a_deploy_at_concurrency_one_migrates_every_database_through_one_login_none_seeing_the_last_ones_session()
            throws Exception {
        List<TenantTarget> ten = fleet.targets(0, 10);
        java.nio.file.Files.writeString(fleet.migrations.resolve("V3__who.sql"), """
                CREATE TABLE who (connection_id BIGINT, fk_checks INT, marker VARCHAR(20), in_database VARCHAR(64));
                INSERT INTO who VALUES (CONNECTION_ID(), @@SESSION.foreign_key_checks, @marker, DATABASE());
                SET SESSION foreign_key_checks = 0;
                SET @marker = 'left behind';
                """);

        DeployResult result = fleet.runner(Fleet.options(1, false)).deploy(ten);

        assertThat(result.ok()).as(errors(result)).isTrue();
        java.util.Set<String> connections = new java.util.HashSet<>();
        try (Connection c = server()) {
            for (TenantTarget target : ten) {
                List<String> row = Jdbc.queryRow(c, "SELECT connection_id, fk_checks, marker, in_database FROM `"
                        + database(target) + "`.who");
                assertThat(row.subList(1, 4)).as(target.tenant().id().value()).containsExactly("1", null, database(target));
                connections.add(row.get(0));
            }
        }
        assertThat(connections).as("one login for the ten databases").hasSize(1);
    }

    @Test
    void a_tenant_whose_migration_failed_part_way_is_planned_as_blocked_until_repaired() throws Exception {
        TenantTarget broken = fleet.target("t003");
        createConflictingTable(broken);
        DeployResult result = fleet.runner(Fleet.options(4, true)).deploy(fleet.targets(0, 5));
        assertThat(result.count(TaskStatus.FAILED)).isEqualTo(1);

        List<TenantPlan> plans = fleet.planner().plan(fleet.targets(0, 5));

        assertThat(plans).extracting(p -> p.state().word())
                .containsExactly("up-to-date", "up-to-date", "up-to-date", "blocked", "up-to-date");
        assertThat(plans.get(3).blocker()).contains("repair");
    }

    @Test
    void a_tenant_whose_down_file_failed_part_way_says_which_of_its_statements_ran_and_repair_mark_undone_finishes_it()
            throws Exception {
        List<TenantTarget> two = fleet.targets(0, 2);
        java.nio.file.Files.writeString(fleet.migrations.resolve("V3__pair.sql"),
                "CREATE TABLE p1 (id INT PRIMARY KEY);\nCREATE TABLE p2 (id INT);\n");
        java.nio.file.Files.writeString(fleet.migrations.resolve("U3__pair.sql"), "DROP TABLE p2;\nDROP TABLE p1;\n");
        assertThat(fleet.runner(Fleet.options(2, false)).deploy(two).ok()).isTrue();
        try (Connection c = TestDatabases.connect(two.get(1).target())) {
            Jdbc.execute(c, "CREATE TABLE child (p_id INT, FOREIGN KEY (p_id) REFERENCES p1 (id))"); // p1 cannot be dropped
        }

        DeployResult rolledBack = new FleetRollback(fleet.plane, fleet.template(), fleet.loaded(), Fleet.options(2, true),
                FleetListener.SILENT).tenants(two, fleet.targets(), RollbackRequest.steps(1));

        assertThat(rolledBack.tasks()).extracting(TaskResult::status).containsExactly(TaskStatus.SUCCEEDED, TaskStatus.FAILED);
        assertThat(rolledBack.tasks().get(1).error()).contains("U3__pair.sql failed at statement 2 of 2",
                "Statement 1 of U3__pair.sql ran and stays done", "undo the rest (statement 2 of U3__pair.sql, fixed where"
                + " it failed) by hand and run `flotilla repair --tenants " + two.get(1).tenant().id().value() + " --mark-undone 3`,"
                + " which records version 3 as undone");
        try (Connection c = TestDatabases.connect(two.get(1).target())) {
            Jdbc.execute(c, "DROP TABLE child");
            Jdbc.execute(c, "DROP TABLE p1");
        }

        List<FleetRepair.TenantRepair> repaired = new FleetRepair(fleet.template(), fleet.loaded(), 2, 2)
                .repair(two, RepairRequest.markUndone(dev.flotilla.migration.MigrationVersion.parse("3")));

        assertThat(repaired.get(0).code()).as("nothing failed there").isEqualTo(dev.flotilla.ErrorCode.BAD_USAGE);
        assertThat(repaired.get(1).ok()).as(repaired.get(1).error()).isTrue();
        assertThat(repaired.get(1).change().actions()).singleElement().asString().contains("version 3 is recorded as undone");
        assertThat(fleet.planner().plan(two)).allSatisfy(plan -> {
            assertThat(plan.currentVersion()).isEqualTo("2");
            assertThat(plan.pending()).containsExactly("3");
        });
    }

    @Test
    void a_lock_timeout_on_a_first_statement_leaves_nothing_on_record_and_is_tried_again() throws Exception {
        List<TenantTarget> one = fleet.targets(0, 1);
        assertThat(fleet.runner(Fleet.options(1, false)).deploy(one).ok()).isTrue();
        java.nio.file.Files.writeString(fleet.migrations.resolve("V3__more.sql"), "ALTER TABLE notes ADD COLUMN more INT;\n");
        dev.flotilla.TargetOptions template = new dev.flotilla.TargetOptions(null, fleet.migrations, java.util.Map.of(), null,
                java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(1), null, null, "test");
        FleetOptions retrying = new FleetOptions(1, 1, List.of(), 0, false, 2, java.time.Duration.ofMillis(50), Hooks.NONE, "test");
        DeployResult result;
        try (Connection holder = TestDatabases.connect(one.get(0).target())) {
            holder.setAutoCommit(false);
            Jdbc.queryString(holder, "SELECT COUNT(*) FROM notes"); // holds the table's metadata lock until it ends
            FleetListener releasing = new FleetListener() {
                @Override
                public void taskRetrying(TenantId tenant, int failedAttempt, long pauseMillis) {
                    try {
                        holder.rollback();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
            result = new FleetRunner(fleet.plane, template, fleet.loaded(), retrying, releasing).deploy(one);
        }

        assertThat(result.ok()).as(result.tasks().toString()).isTrue();
        assertThat(result.tasks().get(0).attempts()).isEqualTo(2);
        assertThat(fleet.plane.deployments().tasks(result.deployment()).get(0).log())
                .contains("failed at statement 1", "No statement of it ran and nothing was recorded");
        try (Connection c = TestDatabases.connect(one.get(0).target())) {
            assertThat(Jdbc.queryString(c, "SELECT GROUP_CONCAT(success) FROM tenant_migrations WHERE version = '3'"))
                    .as("one row for V3: the attempt that succeeded").isEqualTo("1");
        }
    }

    @Test
    void discovery_finds_every_tenant_database_from_the_url_template() throws Exception {
        try (Connection c = server()) {
            Jdbc.execute(c, "CREATE DATABASE `" + prefix + "_bad.name`");
        }
        try {
            TenantDiscovery.Found found = new TenantDiscovery(fleet.tenancy).discover(null, null);

            assertThat(found.ids()).extracting(TenantId::value)
                    .containsExactlyElementsOf(fleet.tenants.stream().map(t -> t.id().value()).toList());
            assertThat(found.ignored()).singleElement().asString().contains("bad.name", "not a valid tenant id");
            assertThat(found.server()).isEqualTo(SERVER.substring(0, SERVER.length() - 1) + "/");
        } finally {
            try (Connection c = server()) {
                Jdbc.execute(c, "DROP DATABASE `" + prefix + "_bad.name`");
            }
        }
    }

    @Override
    void dropTarget(TenantTarget target) throws SQLException {
        try (Connection c = server()) {
            Jdbc.execute(c, "DROP DATABASE `" + database(target) + "`");
        }
    }

    @Override
    boolean targetExists(TenantTarget target) throws SQLException {
        try (Connection c = server()) {
            return Jdbc.queryString(c, "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", database(target)) != null;
        }
    }

    private static Connection server() {
        return TestDatabases.connect(new TargetSpec(TestDatabases.MARIADB_URL, TestDatabases.MARIADB_USER, null, null, null));
    }

    private static String database(TenantTarget target) {
        String url = target.target().url();
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
