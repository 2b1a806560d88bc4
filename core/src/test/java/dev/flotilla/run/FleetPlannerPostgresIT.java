package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner reads the schemas of one PostgreSQL database together, within the lock timeout. */
class FleetPlannerPostgresIT {
    /**
     * The holder's transaction is ended by the server once idle this long: a read that waits without bound then
     * gets the table, and the test fails instead of hanging.
     */
    private static final String HOLDER_IDLE = "10s";

    @TempDir
    Path temp;
    private Fleet fleet;

    @AfterEach
    void drop() {
        if (fleet != null) {
            fleet.drop();
            fleet.close();
        }
    }

    @Test
    void a_tenant_whose_history_table_another_session_holds_is_locked_not_unreachable_and_the_others_are_read() throws Exception {
        Path migrations = new MigrationFolder(temp.resolve("migrations"))
                .write("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n").path();
        fleet = new Fleet(new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.POSTGRES_URL, null,
                TestDatabases.uniqueName() + "_{tenant}", TestDatabases.POSTGRES_USER, null, null), migrations, 3);
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
