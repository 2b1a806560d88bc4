package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tenant up to date (0 pending) whose next deploy is killed in the middle of a new version: {@code status --fleet} shows
 * it interrupted with that version pending, not with the 0 its last deploy left. PostgreSQL schemas; the new version
 * waits for an advisory lock the test holds (see {@link HeldDeploy}).
 */
class CliInterruptedPendingIT {
    /** The advisory lock V1 and V3 wait for: unique, as other runs of this test may share the server. */
    final long key = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.heldFleet(key);

    @BeforeEach
    void fleetUpToDate() throws Exception {
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).as("the lock is free: nothing waits").isZero();
        fleet.migration("V3__more.sql", "SELECT pg_advisory_xact_lock(" + key + ");\nCREATE TABLE more (id INT);\n");
    }

    @Test
    void a_tenant_whose_deploy_was_killed_in_a_new_version_is_interrupted_with_that_version_pending() throws Exception {
        try (HeldDeploy held = HeldDeploy.start(fleet, key)) {
            JsonNode migrating = awaitMigrating();
            assertThat(migrating.get("pendingCount").asInt()).as("read under the lock: " + migrating).isEqualTo(1);
            SeenCommits.awaitWritten(fleet.folder, held.id); // the pending count read is in the file: the kill keeps it

            held.process.destroyForcibly();
            assertThat(held.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(fleet.awaitInterrupted(held.id).at("/data/status").asText()).isEqualTo("interrupted");
        }

        JsonNode tenants = fleet.run("status", "--fleet", "--json").json().at("/data/tenants");

        assertThat(tenants).filteredOn(t -> t.get("status").asText().equals("interrupted")).singleElement()
                .satisfies(t -> assertThat(t.get("pending").asInt()).as(t.toString()).isEqualTo(1));
    }

    /**
     * The tenant the deploy holds in V3, once the control plane has its pending count from this run (its write goes
     * through the plane's writer, within about 100 ms), or, after 30 s, as it stands.
     */
    private JsonNode awaitMigrating() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            boolean late = System.nanoTime() > deadline;
            for (JsonNode tenant : fleet.run("status", "--fleet", "--json").json().at("/data/tenants")) {
                if (tenant.get("status").asText().equals("migrating") && (tenant.get("pendingCount").asInt() == 1 || late)) {
                    return tenant;
                }
            }
            if (late) {
                throw new AssertionError("no tenant is migrating after 30 s");
            }
        }
    }
}
