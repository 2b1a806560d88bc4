package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every form that runs migrations bounds a statement by the statement timeout, from deploy.statementTimeout or
 * --statement-timeout (PostgreSQL tenants), and says STATEMENT_TIMEOUT with the value in force.
 */
class CliStatementTimeoutIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @BeforeEach
    void setUp() throws Exception {
        fleet.addTenants(1);
    }

    @Test
    void a_fleet_deploy_stops_a_statement_at_deploy_statement_timeout_of_flotilla_yml_and_does_not_retry_it() throws Exception {
        Files.writeString(fleet.config, Files.readString(fleet.config).replace("  retryBackoff: 50ms\n",
                "  retryBackoff: 50ms\n  statementTimeout: 400ms\n"), StandardCharsets.UTF_8);
        fleet.migration("V3__slow.sql", "SELECT pg_sleep(3);\n");

        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--json");

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isEqualTo(1);
        assertTimedOut(deploy.json(), "400ms");
        assertThat(deploy.json().at("/data/tenants/0/attempts").asInt()).as("not retried: it would take as long").isEqualTo(1);
    }

    @Test
    void a_fleet_deploy_takes_statement_timeout_and_the_retry_its_error_names_with_the_deployment_a_longer_one()
            throws Exception {
        fleet.migration("V3__slow.sql", "SELECT pg_sleep(1);\n");

        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--json", "--statement-timeout", "300ms");
        String deployment = deploy.json().at("/data/deployment").asText();
        JsonNode commands = deploy.json().at("/data/tenants/0/commands");
        String[] retry = CliRun.given(commands.path(0).asText(), "--yes");
        CliRun retried = fleet.run(retry);

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isEqualTo(1);
        assertTimedOut(deploy.json(), "300ms");
        assertThat(deploy.json().at("/errors/0/message").asText()).as("the deployment named, not a placeholder")
                .contains("`flotilla deploy --retry-failed " + deployment + " --statement-timeout 1h` for a deployment's"
                        + " failed tenants");
        assertThat(commands.toString()).isEqualTo("[\"flotilla deploy --retry-failed " + deployment
                + " --statement-timeout 1h\"]");
        assertThat(deploy.json().at("/errors/0/commands")).isEqualTo(commands);
        assertThat(fleet.run("deployments", "show", deployment, "--json").json().at("/data/tasks/0/log").asText())
                .as("the task log names it too").contains("--retry-failed " + deployment + " --statement-timeout 1h")
                .doesNotContain("--retry-failed ID");
        assertThat(retried.exitCode()).as(String.join(" ", retry) + ": " + retried.out() + retried.err()).isZero();
        assertThat(fleet.applied("t00")).containsExactly("1", "2", "3");
    }

    @Test
    void a_fleet_rollback_takes_statement_timeout() throws Exception {
        fleet.downFiles();
        fleet.migration("U2__tags.sql", "SELECT pg_sleep(3);\nALTER TABLE notes DROP COLUMN tag;\n");
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();

        CliRun rollback = fleet.run("rollback", "--all", "--steps", "1", "--yes", "--json", "--statement-timeout", "300ms");

        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isEqualTo(1);
        assertTimedOut(rollback.json(), "300ms");
        assertThat(fleet.applied("t00")).containsExactly("1", "2");
    }

    @Test
    void one_target_takes_statement_timeout() throws Exception {
        fleet.migration("V3__slow.sql", "SELECT pg_sleep(3);\n");

        CliRun migrate = CliRun.of(fleet.env, "migrate", "--url", FleetSetup.POSTGRES, "--user", FleetSetup.USER,
                "--password-env", "TENANT_DB_PASSWORD", "--schema", fleet.schema("t00"), "--migrations",
                fleet.folder.resolve("migrations").toString(), "--statement-timeout", "300ms", "--json");

        assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isEqualTo(1);
        assertTimedOut(migrate.json(), "300ms");
        assertThat(migrate.json().at("/errors/0/message").asText()).as("no deployment to name on one target")
                .contains("`flotilla deploy --retry-failed ID --statement-timeout 1h` for a deployment's failed tenants");
    }

    private static void assertTimedOut(JsonNode json, String timeout) {
        assertThat(json.at("/errors/0/code").asText()).as(json.toString()).isEqualTo("STATEMENT_TIMEOUT");
        assertThat(json.at("/errors/0/message").asText()).contains("ran longer than the statement timeout of " + timeout,
                "Nothing of it was kept").doesNotContain("Fix the script");
    }
}
