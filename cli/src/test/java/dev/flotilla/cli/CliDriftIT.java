package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** drift through the CLI: grouped output, JSON, --fail-on-drift for CI, the expected schema remembered across runs. */
class CliDriftIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @BeforeEach
    void setUp() throws Exception {
        fleet.addTenants(3);
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
    }

    @Test
    void a_hand_added_index_is_reported_in_its_tenant_and_fails_ci_only_when_asked() throws Exception {
        fleet.sql("CREATE INDEX by_hand ON \"" + fleet.schema("t01") + "\".notes (tag)");

        CliRun text = fleet.run("drift", "--all");
        JsonNode ci = fleet.run("drift", "--all", "--json", "--fail-on-drift").json();
        JsonNode clean = fleet.run("drift", "--tenants", "t00,t02", "--fail-on-drift", "--json").json();

        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("2 tenant(s) clean", "1 tenant(s) drifted: added index by_hand", "    t01",
                "Checked 3 tenant(s)", "1 drifted", "(1 expected schema(s) built)");
        assertThat(text.out()).as("what to do next, without --fail-on-drift too").contains("    Changed by hand: undo it,"
                + " or write a migration that makes it; or, if it is meant to stay, accept the live schema as what its"
                + " history builds: `flotilla drift --tenants t01 --accept`.");
        assertThat(ci.get("ok").asBoolean()).isFalse();
        assertThat(ci.at("/errors/0/code").asText()).isEqualTo("DRIFT_FOUND");
        assertThat(ci.at("/errors/0/tenant").asText()).isEqualTo("t01");
        assertThat(ci.at("/errors/0/message").asText()).as("what to do next").contains("added index by_hand",
                "undo it on t01, or write a migration", "`flotilla drift --tenants t01 --accept`");
        assertThat(ci.at("/errors/0/commands").toString()).isEqualTo("[\"flotilla drift --tenants t01 --accept\"]");
        assertThat(ci.at("/data/referencesBuilt").asInt()).as("rebuilt to explain the drift").isEqualTo(1);
        assertThat(ci.at("/data/groups/0/count").asInt()).isEqualTo(2);
        assertThat(ci.toString()).doesNotContain(FleetSetup.SECRET);
        assertThat(fleet.filesHoldingTheSecret()).as("control plane and logs on disk").isEmpty();
        assertThat(clean.get("ok").asBoolean()).isTrue();
        assertThat(clean.at("/data/referencesBuilt").asInt()).as("its fingerprint remembered by the control plane").isZero();
    }

    @Test
    void a_tenant_whose_schema_does_not_exist_fails_drift_and_verify_with_target_missing_rather_than_counting_clean() throws Exception {
        assertThat(fleet.run("tenants", "add", "t09").exitCode()).isZero();
        fleet.sql("DROP SCHEMA \"" + fleet.schema("t02") + "\" CASCADE");

        CliRun text = fleet.run("drift", "--tenants", "t09");
        JsonNode json = fleet.run("drift", "--tenants", "t00,t02,t09", "--json").json();
        CliRun verify = fleet.run("verify", "--tenants", "t02");

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out() + text.err()).contains("does not exist").doesNotContain("clean");
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("errors").findValuesAsText("code")).containsExactly("TARGET_MISSING", "TARGET_MISSING");
        assertThat(json.get("errors").findValuesAsText("tenant")).containsExactlyInAnyOrder("t02", "t09");
        assertThat(json.at("/data/tenants").findValuesAsText("status")).containsExactly("clean", "unreachable", "unreachable");
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out() + verify.err()).contains("TARGET_MISSING");
    }

    @Test
    void one_target_is_checked_without_a_control_plane() throws Exception {
        fleet.sql("ALTER TABLE \"" + fleet.schema("t02") + "\".notes DROP COLUMN tag");

        CliRun run = CliRun.of(fleet.env, "drift", "--url", FleetSetup.POSTGRES, "--user", FleetSetup.USER, "--schema",
                fleet.schema("t02"), "--migrations", fleet.folder.resolve("migrations").toString(), "--tenant", "t02", "--fail-on-drift");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("1 tenant(s) drifted: removed column notes.tag");
    }
}
