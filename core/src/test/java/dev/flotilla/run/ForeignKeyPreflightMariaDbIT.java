package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's 1215 "Cannot add foreign key constraint": a key whose parent's type differs refuses the tenant before its
 * first pending statement, where MariaDB would have kept the statements before the key's.
 */
class ForeignKeyPreflightMariaDbIT extends MariaDbFleetTest {
    private static final String BOOKINGS = "CREATE TABLE notes (id INT PRIMARY KEY);\n"
            + "CREATE TABLE bookings (id BIGINT UNSIGNED PRIMARY KEY, branch_id BIGINT UNSIGNED NOT NULL,\n"
            + "  CONSTRAINT fk_bookings_branch FOREIGN KEY (branch_id) REFERENCES branches (id));\n";


    /** Two tenants, each with a branches table made by hand: the first's id char(36) (UUIDs), the second's bigint unsigned. */
    private List<TenantTarget> branches(Path migrations) throws Exception {
        fleet = new Fleet(MariaDbTenants.tenancy("fkp" + TestDatabases.uniqueName().substring(4, 10)), migrations, 2);
        List<TenantTarget> targets = fleet.targets();
        MariaDbTenants.create(targets);
        execute(targets.get(0), "CREATE TABLE branches (id CHAR(36) NOT NULL PRIMARY KEY)");
        execute(targets.get(1), "CREATE TABLE branches (id BIGINT UNSIGNED NOT NULL PRIMARY KEY)");
        return targets;
    }

    private static void execute(TenantTarget target, String sql) throws Exception {
        try (Connection c = TestDatabases.connect(target.target())) {
            Jdbc.execute(c, sql);
        }
    }

    private static List<String> tables(TenantTarget target) throws Exception {
        try (Connection c = TestDatabases.connect(target.target())) {
            return Jdbc.queryStrings(c, "SELECT LOWER(table_name) FROM information_schema.tables WHERE table_schema ="
                    + " DATABASE() AND table_name <> 'tenant_migrations' ORDER BY 1");
        }
    }

    @Test
    void a_bigint_key_to_a_char36_id_refuses_that_tenant_before_statement_1_and_the_other_tenant_goes_on() throws Exception {
        List<TenantTarget> targets = branches(new MigrationFolder(temp.resolve("m")).write("V1__bookings.sql", BOOKINGS).path());

        List<TenantPlan> plans = fleet.planner().plan(targets);
        DeployResult deploy = fleet.runner(Fleet.options(1, true)).deploy(targets);

        assertThat(plans.get(0).state()).isEqualTo(TenantPlan.State.BLOCKED);
        assertThat(plans.get(0).problems()).extracting(Problem::code, Problem::migration)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorCode.FK_PARENT_MISMATCH, "1"));
        assertThat(plans.get(0).blocker()).startsWith("V1__bookings.sql, statement 2: its foreign key bookings (branch_id)"
                + " -> branches (id) cannot be added on " + targets.get(0).target().displayName() + ": bookings.branch_id is"
                + " bigint unsigned but branches.id is char(36): MariaDB refuses it (errno 150")
                .contains("Make branch_id char(36) to match branches.id, or change branches.id to bigint unsigned in an earlier"
                        + " migration; then deploy again.");
        assertThat(plans.get(1).state()).as("its ids are bigint unsigned").isEqualTo(TenantPlan.State.PENDING);
        TaskResult refused = deploy.tasks().get(0);
        assertThat(refused.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(refused.code()).isEqualTo(ErrorCode.FK_PARENT_MISMATCH);
        assertThat(refused.error()).contains("V1__bookings.sql, statement 2", "Make branch_id char(36) to match branches.id");
        assertThat(refused.applied()).isEmpty();
        assertThat(tables(targets.get(0))).as("statement 1 never ran: nothing half-applied").containsExactly("branches");
        assertThat(deploy.tasks().get(1).status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(tables(targets.get(1))).containsExactly("bookings", "branches", "notes");
    }

    @Test
    void a_dry_run_refuses_it_as_the_deploy_does_before_cloning_anything() throws Exception {
        List<TenantTarget> targets = branches(new MigrationFolder(temp.resolve("m")).write("V1__bookings.sql", BOOKINGS).path());
        TargetRunner runner = new TargetRunner(fleet.template().forTarget(targets.get(0).target(),
                targets.get(0).tenant().id().value()), fleet.loaded());

        DryRunReport report = runner.dryRun(new DryRunOptions(DryRunMode.CLONE, 0, null,
                dev.flotilla.lint.LintOptions.DEFAULTS));

        assertThat(report.run().problems()).extracting(Problem::code).containsExactly(ErrorCode.FK_PARENT_MISMATCH);
        assertThat(report.run().migrations()).as("no statement ran, on a clone or the target").isEmpty();
        assertThat(tables(targets.get(0))).containsExactly("branches");
    }

    @Test
    void a_parent_an_earlier_pending_file_creates_or_changes_is_read_as_that_file_leaves_it() throws Exception {
        List<TenantTarget> targets = branches(new MigrationFolder(temp.resolve("m"))
                .write("V1__uuids.sql", "ALTER TABLE branches MODIFY id BIGINT UNSIGNED NOT NULL;\n"
                        + "CREATE TABLE staff (id CHAR(36) PRIMARY KEY);\n")
                .write("V2__bookings.sql", BOOKINGS + "ALTER TABLE bookings ADD COLUMN staff_id CHAR(36),"
                        + " ADD FOREIGN KEY (staff_id) REFERENCES staff (id);\n").path());

        DeployResult deploy = fleet.runner(Fleet.options(1, true)).deploy(targets);

        assertThat(deploy.tasks()).extracting(TaskResult::status).as(deploy.tasks().toString())
                .containsExactly(TaskStatus.SUCCEEDED, TaskStatus.SUCCEEDED);
    }

    @Test
    void a_key_naming_no_referenced_column_is_refused_even_to_a_primary_key_of_its_type() throws Exception {
        List<TenantTarget> targets = branches(new MigrationFolder(temp.resolve("m")).write("V1__staff.sql",
                "CREATE TABLE notes (id INT PRIMARY KEY);\n"
                        + "CREATE TABLE staff (id INT PRIMARY KEY, branch_id BIGINT UNSIGNED REFERENCES branches);\n"
                        + "CREATE TABLE log (id INT, branch_id INT REFERENCES branches) ENGINE = MyISAM;\n").path());

        List<TenantPlan> plans = fleet.planner().plan(targets);

        assertThat(plans).extracting(TenantPlan::state).as("MariaDB refuses it on both (errno 150)")
                .containsExactly(TenantPlan.State.BLOCKED, TenantPlan.State.BLOCKED);
        assertThat(plans.get(1).blocker()).startsWith("V1__staff.sql, statement 2: its foreign key staff (branch_id) ->"
                + " branches cannot be added on " + targets.get(1).target().displayName() + ": it names no referenced column,"
                + " which MariaDB refuses (errno 150: Foreign key constraint is incorrectly formed) even where branches has a"
                + " primary key. Name it: REFERENCES branches (its key's columns)");
        assertThat(plans.get(1).problems()).as("a MyISAM table takes any key and keeps none").hasSize(1);
    }

    @Test
    void tables_whose_names_differ_in_case_alone_are_not_confused() throws Exception {
        List<TenantTarget> targets = branches(new MigrationFolder(temp.resolve("m")).write("V1__staff.sql",
                "CREATE TABLE staff (id INT PRIMARY KEY, company_id INT,\n"
                        + "  FOREIGN KEY (company_id) REFERENCES Companies (id));\n").path());
        for (TenantTarget target : targets) {
            execute(target, "CREATE TABLE Companies (id INT PRIMARY KEY)");
            execute(target, "CREATE TABLE companies (id VARCHAR(5) PRIMARY KEY)");
        }
        try (Connection c = TestDatabases.connect(targets.get(0).target())) {
            assertThat(Jdbc.queryString(c, "SELECT @@lower_case_table_names")).as("a server telling Companies from companies")
                    .isEqualTo("0");
        }

        DeployResult deploy = fleet.runner(Fleet.options(1, true)).deploy(targets);

        assertThat(deploy.tasks()).extracting(TaskResult::status).as(deploy.tasks().toString())
                .containsExactly(TaskStatus.SUCCEEDED, TaskStatus.SUCCEEDED);
    }
}
