package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code flotilla deployments stop} asks a deploy running in another process to stop: it finishes the tenant in the middle
 * of its migration (held there by an advisory lock the test holds), starts no other, ends stopped with exit 1, and
 * {@code deploy --resume} continues it.
 */
class CliDeploymentStopIT {
    /** The advisory lock V1 waits for: unique, as other runs of this test may share the server. */
    final long key = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.heldFleet(key);

    @Test
    void deployments_stop_ends_a_running_deploy_after_its_tenant_in_flight_with_exit_1_and_resume_continues_it()
            throws Exception {
        String id;
        try (HeldDeploy held = HeldDeploy.start(fleet, key)) {
            Process deploy = held.process;
            BufferedReader out = held.out;
            id = held.id;

            CliRun stop = fleet.run("deployments", "stop", id, "--json");

            assertThat(stop.exitCode()).as(stop.out() + stop.err()).isZero();
            assertThat(stop.json().at("/data/status").asText()).isEqualTo("running");
            assertThat(stop.json().at("/data/stopRequestedBy").asText()).isNotEmpty();
            String heard = Programs.awaitLine(deploy, out, "Stop requested by ", 60);
            assertThat(heard).as("the deploy said it heard the stop").endsWith(": no new tenant starts; those in flight finish.");
            held.release();
            String rest = Programs.restOnceEnded(deploy, out, 60);
            assertThat(deploy.exitValue()).as(rest).isEqualTo(1);
            assertThat(rest).contains("Deployment " + id + " stopped").contains("Skipped: 2");
        }
        String stderr = java.nio.file.Files.readString(java.nio.file.Files.list(fleet.folder).filter(p -> p.getFileName().toString()
                .startsWith("stderr-")).findFirst().orElseThrow());
        assertThat(stderr).contains("[DEPLOYMENT_STOPPED] Deployment " + id + " stopped at the request of ")
                .contains("`flotilla deploy --resume " + id + "` continues it.");
        JsonNode shown = fleet.run("deployments", "show", id, "--json").json();
        assertThat(shown.at("/data/status").asText()).isEqualTo("stopped");

        CliRun again = fleet.run("deployments", "stop", id);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("[BAD_USAGE] Cannot stop deployment " + id + ": it is not running, it was"
                + " stopped already. `flotilla deploy --resume " + id + "` continues it.");

        CliRun resumed = fleet.run("deploy", "--resume", id, "--yes", "--json");
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.json().at("/data/total").asInt()).isEqualTo(2);
        for (String tenant : new String[] {"t00", "t01", "t02"}) {
            assertThat(fleet.applied(tenant)).as(tenant).containsExactly("1", "2");
        }
    }
}
