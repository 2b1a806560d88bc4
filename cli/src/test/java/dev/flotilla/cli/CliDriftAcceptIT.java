package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * drift --accept through the CLI: tenants whose first migration ran on a table older than Flotilla, without a baseline,
 * are unknown to drift until their live schemas are accepted; then compared with them, audited, no password anywhere.
 */
class CliDriftAcceptIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @BeforeEach
    void setUp() throws Exception {
        Files.delete(fleet.folder.resolve("migrations").resolve("V2__tags.sql"));
        fleet.migration("V1__notes.sql", "ALTER TABLE legacy ADD COLUMN note VARCHAR(20);\n"
                + "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100));\n");
        fleet.addTenants(3);
        for (String tenant : List.of("t00", "t01", "t02")) {
            fleet.conflictingTable(tenant, "legacy");
        }
        CliRun deploy = fleet.run("deploy", "--all", "--yes");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
    }

    @Test
    void accepted_tenants_are_compared_with_their_live_schema_and_a_change_by_hand_is_named() throws Exception {
        CliRun before = fleet.run("drift", "--all");
        JsonNode accept = fleet.run("drift", "--accept", "--tenants", "t00,t01", "--json").json();
        fleet.sql("CREATE INDEX by_hand ON \"" + fleet.schema("t01") + "\".notes (body)");
        CliRun text = fleet.run("drift", "--all");
        JsonNode json = fleet.run("drift", "--all", "--json").json();
        CliRun ci = fleet.run("drift", "--all", "--json", "--fail-on-drift");
        JsonNode audit = fleet.run("audit", "--action", "drift-accept", "--json").json();

        assertThat(before.out()).contains("3 tenant(s) unknown", "could not be rebuilt");
        assertThat(accept.get("ok").asBoolean()).as(accept.toString()).isTrue();
        assertThat(accept.at("/data/accepted").asInt()).isEqualTo(2);
        assertThat(accept.at("/data/tenants/0/status").asText()).isEqualTo("accepted");
        assertThat(accept.at("/data/tenants/0/position").asText()).isEqualTo("version 1 (notes), rank 1");
        assertThat(accept.at("/data/tenants/0/structureKept").asBoolean()).isTrue();
        assertThat(accept.at("/data/tenants/0/acceptedBy").asText()).isNotBlank();
        assertThat(text.out()).contains("1 tenant(s) clean", "1 tenant(s) drifted: added index by_hand",
                "t00: Compared with the live schema", "1 tenant(s) unknown");
        assertThat(json.at("/data/tenants").findValuesAsText("status")).containsExactly("clean", "drifted", "unknown");
        assertThat(ci.exitCode()).isEqualTo(1);
        assertThat(ci.json().at("/errors").findValuesAsText("code")).as("drift told apart from a tenant that could not be"
                + " checked").containsExactly("DRIFT_FOUND", "DRIFT_UNKNOWN");
        assertThat(ci.json().at("/errors/1/tenant").asText()).isEqualTo("t02");
        assertThat(ci.json().at("/errors/1/message").asText()).startsWith("t02: not checked for drift: ");
        assertThat(json.at("/data/tenants/0/acceptance").asText()).contains("accepted at", "version 1 (notes)");
        assertThat(json.at("/data/tenants/2/acceptance").isNull()).isTrue();
        List<JsonNode> entries = StreamSupport.stream(audit.at("/data/entries").spliterator(), false).toList();
        assertThat(entries).extracting(e -> e.get("tenant").asText()).containsExactlyInAnyOrder("t00", "t01");
        assertThat(entries).allSatisfy(e -> assertThat(e.get("outcome").asText()).isEqualTo("ok"));
        assertThat(accept.toString() + json + audit + text.out() + text.err()).doesNotContain(FleetSetup.SECRET);
        assertThat(fleet.filesHoldingTheSecret()).as("the control plane holding the acceptances, and logs").isEmpty();
    }

    @Test
    void an_unknown_a_missing_or_a_single_target_is_refused_with_what_to_do() throws Exception {
        assertThat(fleet.run("tenants", "add", "t09").exitCode()).isZero();

        JsonNode unknown = fleet.run("drift", "--accept", "--tenants", "nosuch", "--json").json();
        CliRun missing = fleet.run("drift", "--accept", "--tenants", "t09");
        JsonNode missingJson = fleet.run("drift", "--accept", "--tenants", "t09", "--json").json();
        CliRun single = CliRun.of(fleet.env, "drift", "--accept", "--url", FleetSetup.POSTGRES, "--user", FleetSetup.USER,
                "--schema", fleet.schema("t00"), "--migrations", fleet.folder.resolve("migrations").toString());
        CliRun both = fleet.run("drift", "--accept", "--fail-on-drift", "--all");
        JsonNode audit = fleet.run("audit", "--action", "drift-accept", "--json").json();

        assertThat(unknown.at("/errors/0/code").asText()).isEqualTo("TENANT_NOT_FOUND");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.out() + missing.err()).contains("refused t09", "does not exist", "flotilla tenants");
        assertThat(missingJson.at("/errors/0/code").asText()).isEqualTo("TARGET_MISSING");
        assertThat(missingJson.at("/data/tenants/0/status").asText()).isEqualTo("refused");
        assertThat(single.exitCode()).isEqualTo(2);
        assertThat(single.err()).contains("drift --accept records the accepted schema in the control plane");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("drop --fail-on-drift");
        assertThat(audit.at("/data/entries/0/outcome").asText()).isEqualTo("failed");
        assertThat(audit.at("/data/entries/0/tenant").asText()).isEqualTo("t09");
    }
}
