package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rolling a deployment back through the CLI, killed with SIGKILL half-way and resumed. */
class CliRollbackProcessIT {
    private static final int TENANTS = 8;

    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh(FleetSetup.QUICK_HEARTBEAT);
    String deployment;

    @BeforeEach
    void setUp() throws Exception {
        fleet.migration("U1__notes.sql", "DROP TABLE notes;\n");
        fleet.migration("U2__tags.sql", "ALTER TABLE notes DROP COLUMN tag;\nSELECT pg_sleep(0.25);\n");
        fleet.addTenants(TENANTS);
        JsonNode deployed = fleet.run("deploy", "--all", "--yes", "--json").json();
        deployment = deployed.at("/data/deployment").asText();
    }

    @Test
    void a_rollback_killed_with_sigkill_resumes_and_every_tenant_ends_where_it_started() throws Exception {
        Process process = fleet.start("rollback", "--deployment", deployment, "--yes", "--concurrency", "2");
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = Programs.nextLine(process, out, 60);
        assertThat(first).as("first line").startsWith("Rollback d");
        String rollback = first.split(" ")[1];
        Programs.awaitLinesContaining(process, out, "succeeded", 2, 60); // fails if the rollback ends before it is killed
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        fleet.awaitInterrupted(rollback);

        CliRun resumed = fleet.run("rollback", "--resume", rollback, "--json");
        JsonNode plan = fleet.run("plan", "--all", "--json").json();
        JsonNode shown = fleet.run("deployments", "show", rollback, "--json").json();

        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(plan.at("/data/tenants")).hasSize(TENANTS).allSatisfy(t -> {
            assertThat(t.get("state").asText()).isEqualTo("pending");
            assertThat(t.get("pending")).extracting(JsonNode::asText).containsExactly("1", "2");
        });
        assertThat(shown.at("/data/status").asText()).isEqualTo("succeeded");
        assertThat(shown.at("/data/tasks")).hasSize(TENANTS);
    }

    @Test
    void without_down_files_the_rollback_is_refused_and_nothing_changes() throws Exception {
        Files.delete(fleet.folder.resolve("migrations").resolve("U1__notes.sql"));

        CliRun run = fleet.run("rollback", "--deployment", deployment, "--yes");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("NO_DOWN_FILE", "V1__notes.sql has no down file", "Nothing was rolled back");
        assertThat(fleet.run("plan", "--all", "--json").json().at("/data/summary/upToDate").asInt()).isEqualTo(TENANTS);
    }

    @Test
    void a_dry_run_of_the_rollback_changes_nothing_and_steps_roll_back_selected_tenants() throws Exception {
        JsonNode dryRun = fleet.run("rollback", "--deployment", deployment, "--dry-run", "--json").json();
        CliRun dryRunText = fleet.run("rollback", "--deployment", deployment, "--dry-run");
        CliRun steps = fleet.run("rollback", "--tenants", "t00,t01", "--steps", "1", "--yes");
        JsonNode plan = fleet.run("plan", "--all", "--json").json();

        assertThat(dryRun.at("/ok").asBoolean()).as(dryRun.toString()).isTrue();
        assertThat(dryRun.at("/data/groups")).hasSize(1);
        assertThat(dryRun.at("/data/groups/0/count").asInt()).isEqualTo(TENANTS);
        assertThat(dryRun.at("/data/tenants/0/diff/dropped").toString()).contains("table notes");
        assertThat(dryRunText.out()).contains("Dry run of rolling back " + TENANTS + " tenant(s)");
        assertThat(steps.exitCode()).as(steps.out() + steps.err()).isZero();
        assertThat(steps.out()).startsWith("Rollback d");
        assertThat(plan.at("/data/summary/pending").asInt()).isEqualTo(2);
        assertThat(plan.at("/data/summary/upToDate").asInt()).isEqualTo(TENANTS - 2);
        assertThat(plan.at("/data/tenants/0/pending")).extracting(JsonNode::asText).containsExactly("2");
    }
}
