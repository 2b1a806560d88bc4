package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.sql.Jdbc;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy --require-tested (deploy.requireTested): a deploy goes ahead only where each tenant's newest dry run passed for
 * exactly the migrations it applies, since the tenant last changed; else nothing is deployed, NOT_TESTED, exit 1, naming
 * the tenants and the dry run to run. Seed 002: "DO NOT PROCEED TO PRODUCTION until all tests pass". SQLite tenants a, b.
 */
class CliRequireTestedIT {
    @TempDir
    Path temp;
    EmbeddedFleet fleet;

    @BeforeEach
    void fleet() throws Exception {
        fleet = EmbeddedFleet.sqlite(temp);
        fleet.run("tenants", "add", "a");
        fleet.run("tenants", "add", "b");
    }

    @Test
    void a_deploy_requiring_tests_without_a_dry_run_deploys_nothing_and_names_the_dry_run_to_run() {
        CliRun deploy = fleet.run("deploy", "--all", "--require-tested", "--yes", "--json");

        JsonNode json = deploy.json();
        assertThat(deploy.exitCode()).as(deploy.out()).isEqualTo(1);
        assertThat(json.at("/errors/0/code").asText()).isEqualTo("NOT_TESTED");
        assertThat(json.at("/errors/0/message").asText()).contains("--require-tested requires a passing dry run")
                .contains("2 of 2 tenant(s) have none (not tested: a, b)");
        assertThat(json.at("/errors/0/commands/0").asText()).isEqualTo("flotilla dry-run --tenants a,b");
        assertThat(json.at("/data/deployment").isNull()).isTrue();
        assertThat(json.at("/data/tests/notTested").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(fleet.run("deployments", "list", "--json").json().at("/data/deployments").size()).isZero();
        JsonNode audit = fleet.run("audit", "--action", "deploy", "--json").json().at("/data/entries/0");
        assertThat(audit.get("outcome").asText()).isEqualTo("denied");
    }

    @Test
    void the_setting_in_the_environment_refuses_a_tenant_whose_dry_run_failed_and_lets_tested_ones_through() throws Exception {
        try (Connection b = fleet.connect("b")) {
            Jdbc.execute(b, "CREATE TABLE tags (legacy INT)");
        }
        assertThat(fleet.run("dry-run", "--all").exitCode()).isEqualTo(1);
        Map<String, String> required = Map.of("FLOTILLA_DEPLOY_REQUIRE_TESTED", "true");

        CliRun refused = CliRun.withConfig(required, fleet.config, "deploy", "--all", "--yes");

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.err()).contains("NOT_TESTED").contains("deploy.requireTested requires a passing dry run")
                .contains("1 of 2 tenant(s) have none (failed: b (SQL_ERROR: ").contains("flotilla dry-run --tenants b");

        CliRun tested = CliRun.withConfig(required, fleet.config, "deploy", "--tenants", "a", "--yes", "--json");

        assertThat(tested.exitCode()).as(tested.out()).isZero();
        assertThat(tested.json().at("/data/tests/required").asBoolean()).isTrue();
        assertThat(tested.json().at("/data/tests/passed").asInt()).isEqualTo(1);
    }

    @Test
    void a_file_edited_since_the_dry_run_is_refused_as_tested_on_other_files() throws Exception {
        assertThat(fleet.run("dry-run", "--all").exitCode()).isZero();
        fleet.migration("V2__tags.sql", "CREATE TABLE tags (id INT PRIMARY KEY, name VARCHAR(40));\n");

        CliRun deploy = fleet.run("deploy", "--all", "--require-tested", "--yes");

        assertThat(deploy.exitCode()).isEqualTo(1);
        assertThat(deploy.err()).contains("(tested on other files: a, b)");
    }

    @Test
    void a_deploy_and_rollback_since_the_dry_run_outdate_it_for_that_tenant() throws Exception {
        fleet.migration("U1__notes.sql", "DROP TABLE notes;\n");
        fleet.migration("U2__tags.sql", "DROP TABLE tags;\n");
        assertThat(fleet.run("dry-run", "--all").exitCode()).isZero();
        assertThat(fleet.run("deploy", "--tenants", "a", "--require-tested", "--yes").exitCode()).isZero();
        assertThat(fleet.run("rollback", "--tenants", "a", "--steps", "2", "--yes").exitCode()).isZero();

        CliRun deploy = fleet.run("deploy", "--all", "--require-tested", "--yes");

        assertThat(deploy.exitCode()).isEqualTo(1);
        assertThat(deploy.err()).contains("1 of 2 tenant(s) have none (tested before the tenant last changed: a)")
                .contains("flotilla dry-run --tenants a`");
        assertThat(fleet.run("dry-run", "--tenants", "a").exitCode()).isZero();
        assertThat(fleet.run("deploy", "--all", "--require-tested", "--yes").exitCode()).isZero();
    }

    @Test
    void without_the_requirement_a_deploy_warns_in_one_line_and_goes_ahead() {
        assertThat(fleet.run("dry-run", "--tenants", "a").exitCode()).isZero();

        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--json");

        assertThat(deploy.exitCode()).isZero();
        List<String> warnings = deploy.err().lines().filter(l -> l.contains("no passing dry run")).toList();
        assertThat(warnings).singleElement().asString().contains("1 of 2 tenant(s) have no passing dry run of the migrations"
                + " this deploy would apply (not tested: b); test them first with `flotilla dry-run --tenants b`");
        JsonNode tests = deploy.json().at("/data/tests");
        assertThat(tests.get("required").asBoolean()).isFalse();
        assertThat(StreamSupport.stream(tests.get("notTested").spliterator(), false).map(JsonNode::asText)).containsExactly("b");
    }

    @Test
    void a_plan_sends_no_unreachable_tenant_to_a_dry_run_that_cannot_reach_it_either() {
        assertThat(fleet.run("dry-run", "--tenants", "a").exitCode()).isZero();
        assertThat(fleet.run("tenants", "add", "gone", "--url", "jdbc:postgresql://127.0.0.1:9/nowhere").exitCode()).isZero();

        CliRun plan = fleet.run("plan", "--all");

        assertThat(plan.err()).as(plan.err()).contains("1 of 2 tenant(s) have no passing dry run of the migrations a deploy"
                + " would apply (not tested: b); test them first with `flotilla dry-run --tenants b`")
                .doesNotContain("--tenants b,gone");
    }

    @Test
    void a_plan_says_which_tenants_a_deploy_would_find_untested_and_that_the_setting_would_refuse_them() throws Exception {
        assertThat(fleet.run("dry-run", "--tenants", "a").exitCode()).isZero();

        CliRun plan = fleet.run("plan", "--all");
        JsonNode json = fleet.run("plan", "--all", "--json").json();
        CliRun required = CliRun.withConfig(Map.of("FLOTILLA_DEPLOY_REQUIRE_TESTED", "true"), fleet.config, "plan", "--all");

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.err()).contains("1 of 2 tenant(s) have no passing dry run of the migrations a deploy would apply"
                + " (not tested: b); test them first with `flotilla dry-run --tenants b`").doesNotContain("refused")
                .doesNotContain("this deploy");
        assertThat(json.at("/data/tests/passed").asInt()).isEqualTo(1);
        assertThat(json.at("/data/tests/notTested").toString()).isEqualTo("[\"b\"]");
        assertThat(json.at("/data/tests/required").asBoolean()).isFalse();
        assertThat(required.exitCode()).isZero();
        assertThat(required.err()).contains("deploy.requireTested is on, so a deploy of these tenants now would be refused:"
                + " 1 of 2 tenant(s)");
    }
}
