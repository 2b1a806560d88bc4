package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.plan.Problem;
import dev.flotilla.plan.Remedy;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.MigrationFolder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/** H2 schemas are planned each on its own read, and block as a deploy would refuse them. */
class FleetPlannerH2IT extends H2FleetTest {
    @Test
    void a_schema_liquibase_migrated_without_flotillas_history_is_blocked_not_pending_from_the_first_migration() throws Exception {
        Path migrations = new MigrationFolder(temp.resolve("migrations"))
                .write("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n").path();
        fleet = new Fleet(new Tenancy(TenancyModel.SCHEMA_PER_TENANT, url, null, "{tenant}", "sa", null, null), migrations, 2);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            Jdbc.execute(c, "CREATE SCHEMA \"t001\"");
            Jdbc.execute(c, "CREATE TABLE \"t001\".DATABASECHANGELOG (ID VARCHAR(255))");
        }

        List<TenantPlan> plans = fleet.planner().plan(fleet.targets());
        RunReport deploy = new TargetRunner(fleet.template().forTarget(fleet.target("t001").target(), "t001"), fleet.loaded())
                .migrate();

        assertThat(plans.get(0).pending()).containsExactly("1");
        assertThat(plans.get(1).state()).isEqualTo(TenantPlan.State.BLOCKED);
        assertThat(plans.get(1).problems()).extracting(Problem::code).containsExactly(ErrorCode.FOREIGN_HISTORY);
        assertThat(plans.get(1).blocker()).contains("Liquibase's", "DATABASECHANGELOG", "`flotilla adopt --tenants t001 --from liquibase`");
        assertThat(deploy.problems()).as("what deploy says of it").extracting(Problem::code)
                .containsExactly(ErrorCode.FOREIGN_HISTORY);
    }

    @Test
    void a_history_table_of_another_tool_says_to_adopt_it_with_the_command_as_a_value_for_one_target_and_the_tenant()
            throws Exception {
        Path migrations = new MigrationFolder(temp.resolve("migrations"))
                .write("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n").path();
        fleet = new Fleet(new Tenancy(TenancyModel.SCHEMA_PER_TENANT, url, null, "{tenant}", "sa", null, null), migrations, 1);
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            Jdbc.execute(c, "CREATE SCHEMA \"t000\"");
            Jdbc.execute(c, "CREATE TABLE \"t000\".\"tenant_migrations\" (\"id\" INT PRIMARY KEY, \"migration\" VARCHAR(255),"
                    + " \"batch\" INT)");
        }
        Remedy adopt = Remedy.of("adopt", "--from", "laravel:tenant_migrations");

        List<TenantPlan> plans = fleet.planner().plan(fleet.targets());

        assertThat(plans).singleElement().satisfies(plan -> {
            assertThat(plan.state()).isEqualTo(TenantPlan.State.BLOCKED);
            assertThat(plan.problems()).singleElement().satisfies(p -> {
                assertThat(p.code()).isEqualTo(ErrorCode.FOREIGN_HISTORY);
                assertThat(p.advice().parts()).contains(adopt.forTenant(TenantId.of("t000")));
                assertThat(p.message()).contains("is not Flotilla's", "as Laravel's migrations table has",
                        "then take that history over with `flotilla adopt --tenants t000 --from laravel:tenant_migrations`."
                        + " Nothing was changed.");
            });
        });
        assertThatThrownBy(() -> new TargetRunner(fleet.template().forTarget(fleet.target("t000").target(), "t000"),
                fleet.loaded()).migrate()).as("one target's").isInstanceOfSatisfying(FlotillaException.class, e -> {
                    assertThat(e.advice().parts()).contains(adopt);
                    assertThat(e.advice().text()).isEqualTo(e.getMessage()).contains("`flotilla adopt --from laravel:tenant_migrations`");
                });
    }
}
