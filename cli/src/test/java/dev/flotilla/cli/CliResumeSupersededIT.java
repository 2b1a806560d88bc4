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

    @Test
    void an_interrupted_deployment_a_newer_one_overtook_is_listed_as_superseded_by_it() throws Exception {
        fleet.addTenants(2);
        String old = FleetSetup.deploymentOf(fleet.run("deploy", "--all", "--yes"));
        interrupt(old, "t01");
        fleet.migration("V3__kind.sql", "ALTER TABLE notes ADD COLUMN kind VARCHAR(10);\n");
        String newer = FleetSetup.deploymentOf(fleet.run("deploy", "--tenants", "t01", "--yes"));
        String other = FleetSetup.deploymentOf(fleet.run("deploy", "--tenants", "t00", "--yes"));
        interrupt(other, "t00");

        CliRun text = fleet.run("deployments", "list");
        JsonNode json = fleet.run("deployments", "list", "--json").json().at("/data/deployments");

        assertThat(text.out()).contains("interrupted, superseded by " + newer);
        assertThat(json).filteredOn(d -> d.get("id").asText().equals(old)).singleElement().satisfies(d -> {
            assertThat(d.get("status").asText()).as("the status word stays").isEqualTo("interrupted");
            assertThat(d.get("supersededBy").toString()).isEqualTo("[\"" + newer + "\"]");
        });
        assertThat(json).filteredOn(d -> d.get("id").asText().equals(other)).singleElement().satisfies(d -> {
            assertThat(d.get("status").asText()).isEqualTo("interrupted");
            assertThat(d.get("supersededBy").isNull()).as("nothing newer took its tenants on: resumable").isTrue();
        });
        assertThat(fleet.run("deploy", "--resume", old, "--yes").exitCode()).as("its resume is refused").isEqualTo(2);
    }

    /** Makes the deployment read as a killed run's: recorded running, {@code tenant} in the middle, never seen alive. */
    private void interrupt(String deployment, String tenant) throws Exception {
        try (var plane = java.sql.DriverManager.getConnection("jdbc:h2:file:" + fleet.folder.resolve(".flotilla").resolve("control")
                + ";AUTO_SERVER=TRUE", "sa", ""); var s = plane.createStatement()) {
            s.execute("UPDATE deployments SET status = 'running', finished_at = NULL, heartbeat_at = NULL WHERE id = '"
                    + deployment + "'");
            s.execute("UPDATE deployment_tasks SET status = 'running', finished_at = NULL WHERE deployment_id = '" + deployment
                    + "' AND tenant_id = '" + tenant + "'");
        }
    }
}
