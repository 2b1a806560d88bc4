package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.sql.Jdbc;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy --resume and --retry-failed with deploy.requireTested: checked as a new deploy is, on the tenants they would run
 * again and what they would apply there, before anything is reopened; a tenant whose task started after its dry run
 * (failed or cut off part-way) needs a new one. SQLite tenants a, b; V1 and V2 pending.
 */
class CliRequireTestedContinuedIT {
    private static final Map<String, String> REQUIRED = Map.of("FLOTILLA_DEPLOY_REQUIRE_TESTED", "true");

    @TempDir
    Path temp;
    EmbeddedFleet fleet;

    @BeforeEach
    void fleet() throws Exception {
        fleet = EmbeddedFleet.sqlite(temp);
        fleet.run("tenants", "add", "a");
        fleet.run("tenants", "add", "b");
    }

    private CliRun required(String... args) {
        return CliRun.withConfig(REQUIRED, fleet.config, args);
    }

    private void onTenant(String tenant, String sql) throws Exception {
        try (Connection c = fleet.connect(tenant)) {
            Jdbc.execute(c, sql);
        }
    }

    private JsonNode shown(String deployment) {
        return fleet.run("deployments", "show", deployment, "--json").json();
    }

    @Test
    void a_retry_of_a_tenant_that_failed_after_its_dry_run_is_refused_until_it_is_dry_run_again() throws Exception {
        assertThat(fleet.run("dry-run", "--all").exitCode()).isZero();
        onTenant("b", "CREATE TABLE tags (legacy INT)"); // after its dry run: b's V2 fails in the deploy
        CliRun deploy = required("deploy", "--all", "--continue-on-error", "--yes", "--json");
        String deployment = deploy.json().at("/data/deployment").asText();
        assertThat(deploy.json().at("/data/failed").asInt()).as(deploy.out()).isEqualTo(1);
        onTenant("b", "DROP TABLE tags");

        CliRun retry = required("deploy", "--retry-failed", deployment, "--yes", "--json");

        JsonNode json = retry.json();
        assertThat(retry.exitCode()).as(retry.out()).isEqualTo(1);
        assertThat(json.at("/errors/0/code").asText()).isEqualTo("NOT_TESTED");
        assertThat(json.at("/errors/0/message").asText())
                .startsWith("Nothing was retried: deploy.requireTested requires a passing dry run of exactly the migrations")
                .contains("1 of 1 tenant(s) have none (tested before the tenant last changed: b)")
                .contains("b ran in deployment " + deployment + " after its newest dry run and failed or was cut off part-way")
                .contains("Dry-run them with `flotilla dry-run --tenants b`, fix what fails, then run it again: `flotilla"
                        + " deploy --retry-failed " + deployment + "`.");
        assertThat(json.at("/errors/0/commands/0").asText()).isEqualTo("flotilla dry-run --tenants b");
        assertThat(json.at("/data/tests/outdated").toString()).isEqualTo("[\"b\"]");
        JsonNode audit = fleet.run("audit", "--action", "deploy.retry-failed", "--json").json().at("/data/entries/0");
        assertThat(audit.get("outcome").asText()).isEqualTo("denied");
        assertThat(audit.get("deployment").asText()).isEqualTo(deployment);
        assertThat(shown(deployment).at("/data/failed").asInt()).as("nothing reopened").isEqualTo(1);

        assertThat(fleet.run("dry-run", "--tenants", "b").exitCode()).isZero();
        CliRun tested = required("deploy", "--retry-failed", deployment, "--yes", "--json");

        assertThat(tested.exitCode()).as(tested.out() + tested.err()).isZero();
        assertThat(shown(deployment).at("/data/succeeded").asInt()).isEqualTo(2);
    }

    @Test
    void a_resume_of_tenants_never_dry_run_is_refused_as_a_deploy_of_them_would_be() throws Exception {
        onTenant("a", "CREATE TABLE tags (legacy INT)"); // a fails first; b, after it, is skipped
        CliRun deploy = fleet.run("deploy", "--all", "--concurrency", "1", "--yes", "--json");
        String deployment = deploy.json().at("/data/deployment").asText();
        assertThat(deploy.json().at("/data/skipped").asInt()).as(deploy.out()).isEqualTo(1);

        CliRun resume = fleet.run("deploy", "--resume", deployment, "--require-tested", "--yes");

        assertThat(resume.exitCode()).as(resume.out() + resume.err()).isEqualTo(1);
        assertThat(resume.err()).contains("NOT_TESTED").contains("Nothing was resumed: --require-tested requires a passing dry"
                + " run").contains("(not tested: b)").contains("Dry-run them with `flotilla dry-run --tenants b`, fix what"
                + " fails, then run it again: `flotilla deploy --resume " + deployment + "`.").doesNotContain("ran in deployment");
        assertThat(fleet.run("audit", "--action", "deploy.resume", "--json").json().at("/data/entries/0/outcome").asText())
                .isEqualTo("denied");

        assertThat(fleet.run("dry-run", "--tenants", "b").exitCode()).isZero();
        CliRun tested = fleet.run("deploy", "--resume", deployment, "--require-tested", "--yes", "--json");

        assertThat(tested.json().at("/errors/0/code").asText()).as(tested.out()).isNotEqualTo("NOT_TESTED");
        assertThat(shown(deployment).at("/data/succeeded").asInt()).as("b, as a still failed").isEqualTo(1);
    }

    @Test
    void a_resume_past_failures_refused_as_untested_names_itself_with_continue_on_error_to_run_again() throws Exception {
        onTenant("a", "CREATE TABLE tags (legacy INT)"); // a fails first; b, after it, is skipped
        CliRun deploy = fleet.run("deploy", "--all", "--concurrency", "1", "--yes", "--json");
        String deployment = deploy.json().at("/data/deployment").asText();

        CliRun resume = fleet.run("deploy", "--resume", deployment, "--continue-on-error", "--require-tested", "--yes",
                "--json");

        JsonNode json = resume.json();
        assertThat(json.at("/errors/0/code").asText()).as(resume.out()).isEqualTo("NOT_TESTED");
        assertThat(json.at("/errors/0/message").asText()).contains("then run it again: `flotilla deploy --resume "
                + deployment + " --continue-on-error`.");
        assertThat(json.at("/errors/0/commands").toString()).contains("flotilla deploy --resume " + deployment
                + " --continue-on-error");
    }

    @Test
    void a_deployment_started_with_require_tested_keeps_requiring_it_when_retried_without_the_flag() throws Exception {
        assertThat(fleet.run("dry-run", "--all").exitCode()).isZero();
        onTenant("b", "CREATE TABLE tags (legacy INT)"); // after its dry run: b's V2 fails in the deploy
        CliRun deploy = fleet.run("deploy", "--all", "--require-tested", "--continue-on-error", "--yes", "--json");
        String deployment = deploy.json().at("/data/deployment").asText();
        assertThat(deploy.json().at("/data/failed").asInt()).as(deploy.out()).isEqualTo(1);
        assertThat(shown(deployment).at("/data/options").asText()).contains("requireTested");
        onTenant("b", "DROP TABLE tags");

        CliRun retry = fleet.run("deploy", "--retry-failed", deployment, "--yes", "--json");

        assertThat(retry.exitCode()).as(retry.out()).isEqualTo(1);
        assertThat(retry.json().at("/errors/0/code").asText()).isEqualTo("NOT_TESTED");
        assertThat(retry.json().at("/errors/0/message").asText()).contains("--require-tested (as " + deployment
                + " was started with it) requires a passing dry run");
        assertThat(shown(deployment).at("/data/failed").asInt()).as("nothing reopened").isEqualTo(1);
    }
}
