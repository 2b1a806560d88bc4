package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.web.demo.DemoFleet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet commands in the folder {@code flotilla demo} made, as set up before its console starts. */
class CliDemoIT {
    @TempDir
    Path temp;

    @Test
    void every_fleet_command_run_in_the_demo_folder_works_on_the_demo_fleet() throws Exception {
        Path demo = temp.resolve("flotilla-demo");
        DemoFleet.open(demo).plane().close();
        String config = demo.resolve("flotilla.yml").toString();

        CliRun status = CliRun.of("status", "--fleet", "--config", config);
        CliRun plan = CliRun.of("plan", "--all", "--config", config);

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("maison_atelier", "bistro_lumiere");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("5 tenant(s): 5 pending");
    }

    @Test
    void the_fleet_status_of_the_demo_says_its_tenants_have_versions_2_and_3_pending_as_the_plan_does() throws Exception {
        Path demo = temp.resolve("flotilla-demo");
        DemoFleet.open(demo).plane().close();
        String config = demo.resolve("flotilla.yml").toString();

        CliRun status = CliRun.of("status", "--fleet", "--json", "--config", config);

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.json().at("/data/tenants")).hasSize(5).allSatisfy(t -> {
            assertThat(t.get("currentVersion").asText()).isEqualTo("1");
            assertThat(t.get("pending").asInt()).as(t.toString()).isEqualTo(2);
            assertThat(t.get("status").asText()).isNotEqualTo("up-to-date");
        });
    }

    @Test
    void a_sqlite_tenant_flyway_migrated_is_blocked_in_the_plan_as_deploy_would_refuse_it() throws Exception {
        Path demo = temp.resolve("flotilla-demo");
        DemoFleet.open(demo).plane().close();
        String config = demo.resolve("flotilla.yml").toString();
        assertThat(CliRun.of("tenants", "add", "atelier_est", "--config", config).exitCode()).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + demo.resolve("tenants").resolve("atelier_est.db"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE flyway_schema_history (installed_rank INT)");
        }

        CliRun plan = CliRun.of("plan", "--all", "--json", "--config", config);

        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isEqualTo(1);
        assertThat(plan.json().at("/errors")).singleElement().satisfies(e -> {
            assertThat(e.get("code").asText()).isEqualTo("FOREIGN_HISTORY");
            assertThat(e.get("tenant").asText()).isEqualTo("atelier_est");
            assertThat(e.get("message").asText()).contains("flyway_schema_history", "`flotilla adopt --tenants atelier_est --from flyway`");
        });
        assertThat(plan.json().at("/data/tenants")).filteredOn(t -> t.get("id").asText().equals("atelier_est"))
                .singleElement().satisfies(t -> assertThat(t.get("state").asText()).isEqualTo("blocked"));
    }

    @Test
    void a_flotilla_yml_already_in_the_folder_is_kept_as_it_is() throws Exception {
        Path demo = Files.createDirectories(temp.resolve("flotilla-demo"));
        Files.writeString(demo.resolve("flotilla.yml"), "# mine\n");

        DemoFleet.open(demo).plane().close();

        assertThat(demo.resolve("flotilla.yml")).hasContent("# mine");
    }
}
