package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.PostgresStatementCount;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner reads the schemas of one PostgreSQL database together, within the lock timeout. */
class FleetPlannerPostgresIT extends PostgresFleetTest {
    /**
     * The holder's transaction is ended by the server once idle this long: a read that waits without bound then
     * gets the table, and the test fails instead of hanging.
     */
    private static final String HOLDER_IDLE = "10s";

    @Test
    void a_schema_with_tables_but_no_history_table_is_pending_with_a_hint_to_baseline_or_adopt_that_tenant_first() throws Exception {
        Path migrations = new MigrationFolder(temp.resolve("migrations"))
                .write("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n").path();
        fleetOfSchemas(migrations, 4);
        List<TenantTarget> targets = fleet.targets();
        assertThat(fleet.runner(Fleet.options(2, false)).deploy(List.of(targets.get(0), targets.get(2))).ok()).isTrue();
        try (Connection c = TestDatabases.connect(targets.get(0).target())) {
            String existing = "\"" + targets.get(1).target().schema() + "\"";
            Jdbc.execute(c, "CREATE SCHEMA " + existing);
            Jdbc.execute(c, "CREATE TABLE " + existing + ".notes (id INT PRIMARY KEY)");
            Jdbc.execute(c, "CREATE TABLE " + existing + ".customers (id INT PRIMARY KEY)");
            Jdbc.execute(c, "CREATE VIEW " + existing + ".v AS SELECT id FROM " + existing + ".notes");
            Jdbc.execute(c, "DELETE FROM \"" + targets.get(2).target().schema() + "\".tenant_migrations");
        }

        List<TenantPlan> plans = fleet.planner().plan(targets);

        assertThat(plans.get(1).state()).as("a deploy goes ahead, as it always has").isEqualTo(TenantPlan.State.PENDING);
        String tenant = targets.get(1).tenant().id().value();
        assertThat(plans.get(1).notice().text()).isEqualTo(targets.get(1).target().displayName() + " has 2 table(s) but no"
                + " history table tenant_migrations yet: a deploy would run every migration from the first on top of them. If"
                + " the schema already has some migrations, record them first with `flotilla baseline --tenants " + tenant
                + " --version V`, or take over the history another tool kept with `flotilla adopt --tenants " + tenant
                + " --from laravel|table:NAME`.");
        assertThat(plans.get(0).notice()).as("up to date").isNull();
        assertThat(plans.get(2).notice()).as("its history table is there, empty").isNull();
        assertThat(plans.get(3).notice().text()).as("no schema yet: a new tenant, or a typo").isEqualTo(
                targets.get(3).target().displayName() + ": its schema does not exist yet: a deploy would create it and run"
                + " every migration from the first: `flotilla deploy --tenants " + targets.get(3).tenant().id().value()
                + "`. If its name is a typo, remove the tenant (`flotilla tenants remove " + targets.get(3).tenant().id()
                .value() + "`) and add it again under the right name (`flotilla tenants add NAME`) before deploying.");
    }

    @Test
    void the_hint_for_schemas_with_tables_but_no_history_costs_the_same_statements_for_30_schemas_as_for_10() throws Exception {
        Path migrations = new MigrationFolder(temp.resolve("migrations"))
                .write("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n").path();
        fleetOfSchemas(migrations, 30);
        try (Connection c = TestDatabases.connect(fleet.targets().get(0).target())) {
            for (TenantTarget target : fleet.targets()) {
                Jdbc.execute(c, "CREATE SCHEMA \"" + target.target().schema() + "\"");
                Jdbc.execute(c, "CREATE TABLE \"" + target.target().schema() + "\".customers (id INT PRIMARY KEY)");
            }
        }

        int ten = statementsPlanning(fleet.targets().subList(0, 10));
        int thirty = statementsPlanning(fleet.targets());

        assertThat(ten).as("statements planning 10 schemas").isPositive();
        assertThat(thirty).as("statements planning 30 schemas: a few per group, not one per schema").isEqualTo(ten);
    }

    private int statementsPlanning(List<TenantTarget> targets) {
        List<TenantPlan> plans;
        int statements;
        try (PostgresStatementCount count = new PostgresStatementCount()) {
            plans = fleet.planner().plan(targets);
            statements = count.statements();
        }
        assertThat(plans).allSatisfy(plan -> assertThat(plan.notice().text()).contains("has 1 table(s) but no history table"));
        return statements;
    }

    @Test
    void a_tenant_whose_history_table_another_session_holds_is_locked_not_unreachable_and_the_others_are_read() throws Exception {
        Path migrations = new MigrationFolder(temp.resolve("migrations"))
                .write("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n").path();
        fleetOfSchemas(migrations, 3);
        List<TenantTarget> targets = fleet.targets();
        assertThat(fleet.runner(Fleet.options(3, false)).deploy(targets).ok()).isTrue();
        FleetPlanner planner = new FleetPlanner(fleet.template().withLockTimeout(Duration.ofSeconds(1)), fleet.loaded(), 8, 8);

        List<TenantPlan> plans;
        try (Connection holder = TestDatabases.connect(targets.get(1).target())) {
            Jdbc.execute(holder, "SET idle_in_transaction_session_timeout = '" + HOLDER_IDLE + "'");
            holder.setAutoCommit(false);
            Jdbc.execute(holder, "LOCK TABLE \"" + targets.get(1).target().schema() + "\".tenant_migrations IN ACCESS EXCLUSIVE MODE");
            plans = planner.plan(targets);
        }

        assertThat(plans.get(1).errorCode()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
        assertThat(plans.get(1).stateWord()).isEqualTo("locked");
        assertThat(plans.get(1).error()).contains("it is locked", "run again once it has finished");
        assertThat(List.of(plans.get(0).state(), plans.get(2).state())).containsOnly(TenantPlan.State.UP_TO_DATE);
    }
}
