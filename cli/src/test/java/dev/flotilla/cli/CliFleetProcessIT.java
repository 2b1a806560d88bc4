package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deployments run by real {@code flotilla} processes sharing one embedded control plane: killed with
 * SIGKILL mid-deploy and resumed, and started twice at once on overlapping tenants.
 */
class CliFleetProcessIT {
    private static final int TENANTS = 16;

    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh(FleetSetup.QUICK_HEARTBEAT);

    @BeforeEach
    void setUp() throws Exception {
        // Slow enough per tenant that the kill lands mid-deploy.
        fleet.migration("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100));\n"
                + "SELECT pg_sleep(0.25);\nINSERT INTO notes VALUES (1, '${tenant}');\n");
        fleet.addTenants(TENANTS);
    }

    private Process flotilla(String... args) throws Exception {
        return fleet.start(args);
    }

    @Test
    void a_deploy_killed_with_sigkill_is_resumed_without_applying_anything_twice() throws Exception {
        Process process = flotilla("deploy", "--all", "--yes", "--concurrency", "2");
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = Programs.nextLine(process, out, 60);
        assertThat(first).as("first line of output").startsWith("Deployment d");
        String id = first.split(" ")[1];
        Programs.awaitLinesContaining(process, out, "succeeded", 3, 60); // fails if the deploy ends before it is killed
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        fleet.awaitInterrupted(id);

        JsonNode interrupted = fleet.run("deployments", "list", "--json").json().at("/data/deployments/0");
        CliRun resumed = fleet.run("deploy", "--resume", id, "--yes", "--json");

        assertThat(interrupted.get("id").asText()).isEqualTo(id);
        assertThat(interrupted.get("status").asText()).isEqualTo("interrupted");
        assertThat(interrupted.get("succeeded").asInt()).isBetween(3, TENANTS - 1);
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.json().at("/data/total").asInt()).isEqualTo(TENANTS - interrupted.get("succeeded").asInt());
        assertThat(resumed.json().at("/data/deploymentTotal").asInt()).isEqualTo(TENANTS);
        assertThat(resumed.json().at("/data/alreadyDone").asInt()).isEqualTo(interrupted.get("succeeded").asInt());
        for (int i = 0; i < TENANTS; i++) {
            assertThat(fleet.applied(String.format("t%02d", i))).as("t%02d", i).containsExactly("1", "2");
        }
        JsonNode shown = fleet.run("deployments", "show", id, "--json").json();
        assertThat(shown.at("/data/status").asText()).isEqualTo("succeeded");
        assertThat(shown.at("/data/tasks")).hasSize(TENANTS).allSatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("succeeded"));
    }

    @Test
    void two_deploys_started_at_once_on_overlapping_tenants_both_succeed_and_apply_each_migration_once() throws Exception {
        Process first = flotilla("deploy", "--tenants", "t00,t01,t02,t03,t04,t05,t06,t07,t08,t09", "--yes", "--json");
        Process second = flotilla("deploy", "--tenants", "t05,t06,t07,t08,t09,t10,t11,t12,t13,t14,t15", "--yes", "--json");
        String firstOut = Programs.outputOnceEnded(first, 60);
        String secondOut = Programs.outputOnceEnded(second, 60);

        assertThat(first.exitValue()).as(firstOut).isZero();
        assertThat(second.exitValue()).as(secondOut).isZero();
        for (int i = 0; i < TENANTS; i++) {
            assertThat(fleet.applied(String.format("t%02d", i))).as("t%02d", i).containsExactly("1", "2");
        }
        assertThat(fleet.run("deployments", "list", "--json").json().at("/data/deployments")).hasSize(2)
                .allSatisfy(d -> assertThat(d.get("status").asText()).isEqualTo("succeeded"));
    }
}
