package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGINT (Ctrl-C) or SIGTERM sent to a running {@code flotilla deploy} (a real process, its first tenant held in the
 * middle of its migration by an advisory lock the test holds) stops it as {@code deployments stop} does; a second
 * signal aborts it at once.
 */
class CliDeploymentSignalIT {
    private static final String STOPPING = "Stopping: 1 tenant(s) in flight finish, no new tenant starts; press Ctrl-C"
            + " again to abort at once";

    /** The advisory lock V1 waits for: unique, as other runs of this test may share the server. */
    final long key = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.heldFleet(key);

    @Test
    void ctrl_c_lets_the_tenant_in_flight_finish_starts_no_other_and_ends_the_deployment_stopped_with_exit_1()
            throws Exception {
        String id;
        try (HeldDeploy held = HeldDeploy.start(fleet, key)) {
            Process deploy = held.process;
            id = held.id;

            signal(deploy, "INT");

            fleet.awaitStderr(STOPPING);
            assertThat(deploy.isAlive()).as("the first signal does not end the process").isTrue();
            held.release();
            String rest = Programs.restOnceEnded(deploy, held.out, 60);
            assertThat(deploy.exitValue()).as(rest + fleet.stderr()).isEqualTo(1);
            assertThat(rest).contains(" (SIGINT) at ").contains("Deployment " + id + " stopped").contains("Skipped: 2")
                    .containsPattern("skipped t0\\d: not started: stop requested by .* \\(SIGINT\\)")
                    .doesNotContain("not started after an earlier failure");
        }
        assertThat(fleet.stderr()).contains("[DEPLOYMENT_STOPPED] Deployment " + id + " stopped at the request of ")
                .contains("`flotilla deploy --resume " + id + "` continues it.");
        JsonNode shown = fleet.run("deployments", "show", id, "--json").json();
        assertThat(shown.at("/data/status").asText()).isEqualTo("stopped");
        String by = shown.at("/data/stopRequestedBy").asText();
        assertThat(by).endsWith(" (SIGINT)");
        assertThat(List.of(fleet.applied("t00"), fleet.applied("t01"), fleet.applied("t02")))
                .as("the tenant in flight finished its migrations, no other started")
                .containsExactlyInAnyOrder(List.of("1", "2"), List.of(), List.of());
        JsonNode audit = fleet.run("audit", "--action", "deploy.stop-requested", "--json").json();
        assertThat(audit.at("/data/entries")).anySatisfy(e -> assertThat(e.at("/deployment").asText() + " "
                + e.at("/user").asText()).isEqualTo(id + " " + by));
    }

    @Test
    void a_second_sigterm_aborts_at_once_leaving_the_tenant_in_flight_unfinished() throws Exception {
        try (HeldDeploy held = HeldDeploy.start(fleet, key)) {
            Process deploy = held.process;
            signal(deploy, "TERM");
            fleet.awaitStderr(STOPPING);

            signal(deploy, "TERM");

            assertThat(deploy.waitFor(60, TimeUnit.SECONDS)).as("the second signal ends the process").isTrue();
            assertThat(deploy.exitValue()).isEqualTo(143);
            assertThat(fleet.awaitInterrupted(held.id).at("/data/status").asText()).isEqualTo("interrupted");
            assertThat(List.of(fleet.applied("t00"), fleet.applied("t01"), fleet.applied("t02")))
                    .as("the held tenant was cut off, not finished; no other started").containsOnly(List.of());
        }
    }

    private static void signal(Process process, String name) throws Exception {
        assertThat(process.isAlive()).as("the deploy still runs, its tenant held by the test's lock").isTrue();
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + name).isZero();
    }
}
