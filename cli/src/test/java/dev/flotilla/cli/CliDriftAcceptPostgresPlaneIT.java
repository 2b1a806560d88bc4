package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.testing.PostgresPlaneDatabase;
import dev.flotilla.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * drift --accept with the control plane a team runs, a PostgreSQL database of its own: the acceptances are recorded,
 * replaced, read back (each kept structure when a later migration is replayed on it) and forgotten there as in the
 * embedded one.
 */
class CliDriftAcceptPostgresPlaneIT {
    @RegisterExtension
    @Order(1)
    final PostgresPlaneDatabase plane = new PostgresPlaneDatabase();

    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh(FleetSetup.planeIn(plane));

    @BeforeEach
    void setUp() throws Exception {
        fleet.addTenants(3);
        CliRun deploy = fleet.run("deploy", "--all", "--yes");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
    }

    @Test
    void accepted_schemas_are_recorded_read_back_replayed_on_and_forgotten_in_a_postgresql_control_plane() throws Exception {
        for (String tenant : List.of("t00", "t01")) {
            fleet.sql("CREATE INDEX hotfix ON \"" + fleet.schema(tenant) + "\".notes (body)");
        }
        CliRun first = fleet.run("drift", "--accept", "--tenants", "t00");
        CliRun accept = fleet.run("drift", "--accept", "--tenants", "t00,t01");
        List<String> recorded = acceptedInPlane();
        JsonNode accepted = fleet.run("drift", "--all", "--json").json();
        fleet.migration("V3__kind.sql", "ALTER TABLE notes ADD COLUMN kind VARCHAR(10);\n");
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.sql("CREATE INDEX after_hotfix ON \"" + fleet.schema("t01") + "\".notes (kind)");
        JsonNode migrated = fleet.run("drift", "--all", "--json").json();
        JsonNode again = fleet.run("drift", "--all", "--json").json();
        assertThat(fleet.run("tenants", "remove", "t00").exitCode()).isZero();
        assertThat(fleet.run("tenants", "add", "t00").exitCode()).isZero();
        JsonNode forgotten = fleet.run("drift", "--tenants", "t00", "--json").json();

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(accept.exitCode()).as("accepting t00 again replaces its acceptance: " + accept.out() + accept.err()).isZero();
        assertThat(recorded).as("the acceptances are in the PostgreSQL plane").containsExactly("t00", "t01");
        assertThat(accepted.at("/data/tenants").findValuesAsText("status")).as(accepted.toString())
                .containsExactly("clean", "clean", "clean");
        assertThat(accepted.at("/data/tenants/0/acceptance").asText()).startsWith("Compared with the live schema");
        assertThat(migrated.at("/data/tenants").findValuesAsText("status")).as("V3 replayed on the kept structures: "
                + migrated).containsExactly("clean", "drifted", "clean");
        assertThat(migrated.at("/data/tenants/1/diff").toString()).contains("after_hotfix").doesNotContain("index hotfix:");
        assertThat(again.at("/data/tenants").findValuesAsText("status")).containsExactly("clean", "drifted", "clean");
        assertThat(again.at("/data/referencesBuilt").asInt()).as("the replays remembered: only the drift named is built")
                .isEqualTo(1);
        assertThat(forgotten.at("/data/tenants/0/acceptance").isNull()).as(forgotten.toString()).isTrue();
        assertThat(forgotten.at("/data/tenants/0/status").asText()).isEqualTo("drifted");
        assertThat(acceptedInPlane()).containsExactly("t01");
    }

    private List<String> acceptedInPlane() throws Exception {
        List<String> tenants = new java.util.ArrayList<>();
        try (java.sql.Connection c = TestDatabases.connect(plane.spec());
             java.sql.ResultSet r = c.createStatement().executeQuery("SELECT tenant_id FROM drift_acceptances ORDER BY tenant_id")) {
            while (r.next()) {
                tenants.add(r.getString(1));
            }
        }
        return tenants;
    }
}
