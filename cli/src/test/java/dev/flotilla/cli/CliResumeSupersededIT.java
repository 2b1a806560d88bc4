package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A deployment resumed (or retried) after a newer one took its tenants on: refused, history kept (PostgreSQL schemas). */
class CliResumeSupersededIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @Test
    void an_old_deployment_whose_tenants_a_newer_one_deployed_is_not_resumed_nor_retried() throws Exception {
        fleet.addTenants(3);
        fleet.conflictingTable("t00", "notes");
        String old = FleetSetup.deploymentOf(fleet.run("deploy", "--all", "--concurrency", "1", "--yes"));
        fleet.sql("DROP TABLE " + fleet.schema("t00") + ".notes");
        CliRun newer = fleet.run("deploy", "--all", "--yes", "--json");
        String newId = newer.json().at("/data/deployment").asText();

        CliRun resume = fleet.run("deploy", "--resume", old, "--yes", "--json");
        CliRun retry = fleet.run("deploy", "--retry-failed", old, "--yes", "--json");
        JsonNode status = fleet.run("status", "--fleet", "--json").json().at("/data/tenants");

        assertThat(newer.exitCode()).as(newer.out() + newer.err()).isZero();
        for (CliRun run : java.util.List.of(resume, retry)) {
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
            assertThat(run.json().at("/errors/0/message").asText()).contains(old, newId, "flotilla deploy --all",
                    "Nothing was run or recorded");
        }
        assertThat(status).allSatisfy(t -> assertThat(t.get("lastDeployment").asText()).as(t.toString()).isEqualTo(newId));
        assertThat(fleet.run("deployments", "show", old, "--json").json().at("/data/status").asText()).isEqualTo("failed");
    }
}
