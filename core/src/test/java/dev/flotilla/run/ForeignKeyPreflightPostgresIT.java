package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A key whose parent table a tenant's schema lacks: its plan says so, its deploy refuses it, the others go on. */
class ForeignKeyPreflightPostgresIT extends PostgresFleetTest {
    private List<TenantTarget> fleet(MigrationFolder migrations) throws Exception {
        fleetOfSchemas(migrations.path(), 2);
        List<TenantTarget> targets = fleet.targets();
        try (Connection c = TestDatabases.connect(targets.get(0).target())) {
            for (TenantTarget target : targets) {
                Jdbc.execute(c, "CREATE SCHEMA \"" + target.target().schema() + "\"");
            }
            Jdbc.execute(c, "CREATE TABLE \"" + targets.get(1).target().schema() + "\".customers (id INT PRIMARY KEY)");
        }
        return targets;
    }

    @Test
    void a_key_to_a_table_the_schema_does_not_have_blocks_that_tenant_in_the_plan_and_the_deploy() throws Exception {
        List<TenantTarget> targets = fleet(new MigrationFolder(temp.resolve("m")).write("V1__orders.sql",
                "CREATE TABLE audit (id INT);\nCREATE TABLE orders (id INT PRIMARY KEY,\n"
                        + "  customer_id INT NOT NULL REFERENCES customers (id));\n"));

        List<TenantPlan> plans = fleet.planner().plan(targets);
        DeployResult deploy = fleet.runner(Fleet.options(2, true)).deploy(targets);

        String target = targets.get(0).target().displayName();
        assertThat(plans.get(0).state()).isEqualTo(TenantPlan.State.BLOCKED);
        assertThat(plans.get(0).problems().get(0).code()).isEqualTo(ErrorCode.FK_PARENT_MISMATCH);
        assertThat(plans.get(0).blocker()).isEqualTo("V1__orders.sql, statement 2: its foreign key orders (customer_id) ->"
                + " customers (id) cannot be added on " + target + ": it references customers, which " + target + " does not"
                + " have and no earlier statement of the pending migrations creates. Create customers first (in an earlier"
                + " migration), or correct the table's name; then deploy again. Nothing of the pending migrations runs on "
                + target + " until then, so none is left half-applied.");
        assertThat(plans.get(1).state()).isEqualTo(TenantPlan.State.PENDING);
        assertThat(deploy.tasks()).extracting(TaskResult::status).containsExactly(TaskStatus.FAILED, TaskStatus.SUCCEEDED);
        assertThat(deploy.tasks().get(0).code()).isEqualTo(ErrorCode.FK_PARENT_MISMATCH);
        assertThat(deploy.tasks().get(0).error()).startsWith(plans.get(0).blocker());
    }

    @Test
    void a_text_key_to_an_integer_id_named_or_as_the_primary_key_is_refused_but_a_key_after_a_do_block_is_not() throws Exception {
        List<TenantTarget> targets = fleet(new MigrationFolder(temp.resolve("m"))
                .write("V1__orders.sql", "CREATE TABLE orders (id INT PRIMARY KEY, customer_code TEXT REFERENCES customers);\n"
                        + "ALTER TABLE orders ADD CONSTRAINT fk_customer FOREIGN KEY (customer_code) REFERENCES customers (id);\n")
                .write("V2__later.sql", "DO $$ BEGIN EXECUTE 'CREATE TABLE made_later (id INT PRIMARY KEY)'; END $$;\n"
                        + "CREATE TABLE refs (id BIGINT REFERENCES made_later (id));\n"));

        List<TenantPlan> plans = fleet.planner().plan(targets.subList(1, 2));

        String target = targets.get(1).target().displayName();
        assertThat(plans.get(0).problems()).as("the keys to customers' primary key, named or not; none after the DO block")
                .extracting(Problem::message).satisfiesExactly(
                        toPrimaryKey -> assertThat(toPrimaryKey).startsWith("V1__orders.sql, statement 1: its foreign key orders"
                                + " (customer_code) -> customers cannot be added on " + target + ": orders.customer_code is"
                                + " text but customers.id is integer: PostgreSQL refuses it"),
                        named -> assertThat(named).startsWith("V1__orders.sql, statement 2: its foreign key orders"
                                + " (customer_code) -> customers (id) cannot be added on " + target + ": orders.customer_code"
                                + " is text but customers.id is integer: PostgreSQL refuses it"));
    }

    @Test
    void a_key_to_a_quoted_mixed_case_parent_is_found_and_its_type_still_compared() throws Exception {
        List<TenantTarget> targets = fleet(new MigrationFolder(temp.resolve("m")).write("V1__orders.sql",
                "CREATE TABLE orders (id INT PRIMARY KEY, company_id INT REFERENCES \"Companies\" (id),\n"
                        + "  company_code TEXT REFERENCES \"Companies\" (id));\n"));
        try (Connection c = TestDatabases.connect(targets.get(0).target())) {
            Jdbc.execute(c, "CREATE TABLE \"" + targets.get(1).target().schema() + "\".\"Companies\" (id INT PRIMARY KEY)");
        }

        List<TenantPlan> plans = fleet.planner().plan(targets.subList(1, 2));

        assertThat(plans.get(0).problems()).as("found though its name is not the lower-case one the reader gives")
                .singleElement().satisfies(p -> assertThat(p.message()).contains(
                        "orders.company_code is text but companies.id is integer: PostgreSQL refuses it"));
    }

    @Test
    void a_numeric_key_to_an_integer_id_is_refused_but_not_an_integer_key_to_a_numeric_id_or_to_another_schema_s_table()
            throws Exception {
        String other = TestDatabases.uniqueName();
        List<TenantTarget> targets = fleet(new MigrationFolder(temp.resolve("m")).write("V1__orders.sql",
                "CREATE TABLE prices (amount NUMERIC(10, 2) PRIMARY KEY);\n"
                        + "CREATE TABLE orders (id INT PRIMARY KEY, customer_ref NUMERIC REFERENCES customers (id),\n"
                        + "  amount INT REFERENCES prices (amount),\n"
                        + "  customer_code TEXT REFERENCES \"" + other + "\".customers (id));\n"));
        try (Connection c = TestDatabases.connect(targets.get(1).target())) {
            Jdbc.execute(c, "CREATE SCHEMA \"" + other + "\"");
            Jdbc.execute(c, "CREATE TABLE \"" + other + "\".customers (id TEXT PRIMARY KEY)"); // the tenant's own: INT
        }
        try {
            List<TenantPlan> plans = fleet.planner().plan(targets.subList(1, 2));

            assertThat(plans.get(0).problems()).as("PostgreSQL 15: numeric and integer are of incompatible types")
                    .singleElement().satisfies(p -> assertThat(p.message()).contains("its foreign key orders (customer_ref)"
                            + " -> customers (id) cannot be added", "orders.customer_ref is numeric but customers.id is"
                            + " integer: PostgreSQL refuses it"));
        } finally {
            try (Connection c = TestDatabases.connect(targets.get(1).target())) {
                Jdbc.execute(c, "DROP SCHEMA \"" + other + "\" CASCADE");
            }
        }
    }
}
