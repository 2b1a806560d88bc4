package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant's failure in a deployment names the commands its error tells to run as values, written for it with the
 * deployment's real id: in {@code deploy --json} (its entry and its error), in {@code deployments show --json} (read
 * back from the control plane), and in a resume that leaves it failed; the command runs as given once the cause is fixed.
 */
class CliTenantCommandsH2IT {
    @TempDir
    Path temp;
    private final String url = "jdbc:h2:mem:flt_tc_" + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1";

    @Test
    void a_failed_tenants_retry_is_a_command_with_the_real_deployment_that_runs_as_given() throws Exception {
        String config = H2Fleet.create(temp, url, H2Fleet.ONE_AT_A_TIME,
                Map.of("V1__notes.sql", "CREATE TABLE notes (id INT);\n"), List.of("m01", "m02"));
        String fixed = Files.readString(Path.of(config));
        Files.writeString(Path.of(config), "hooks:\n  beforeTenant: \"test ${tenant} != m01\"\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        CliRun failed = CliRun.of("deploy", "--all", "--yes", "--json", "--config", config);
        String deployment = failed.json().at("/data/deployment").asText();
        String retry = "flotilla deploy --retry-failed " + deployment;
        JsonNode m01 = tenant(failed.json(), "m01");

        assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(1);
        assertThat(m01.path("status").asText()).isEqualTo("failed");
        assertThat(m01.path("error").asText()).as("the text as before").contains("Once the hook is fixed, `" + retry + "` runs");
        assertThat(m01.path("commands").toString()).isEqualTo("[\"" + retry + "\"]");
        assertThat(failed.json().at("/errors/0/tenant").asText()).isEqualTo("m01");
        assertThat(failed.json().at("/errors/0/commands")).isEqualTo(m01.path("commands"));
        assertThat(tenant(failed.json(), "m02").has("commands")).as("skipped, no error").isFalse();

        JsonNode shown = CliRun.of("deployments", "show", deployment, "--json", "--config", config).json();
        assertThat(taskOf(shown, "m01").path("commands")).as("read back from the control plane")
                .isEqualTo(m01.path("commands"));

        CliRun resumed = CliRun.of("deploy", "--resume", deployment, "--yes", "--json", "--config", config);
        JsonNode leftFailed = tenant(resumed.json(), "m01");
        assertThat(leftFailed.path("error").asText()).startsWith("failed in an earlier attempt of this deploy, not tried"
                + " again (`" + retry + "` does): ");
        assertThat(leftFailed.path("commands").toString()).as("named twice, given once").isEqualTo("[\"" + retry + "\"]");
        assertThat(tenant(resumed.json(), "m02").path("status").asText()).isEqualTo("succeeded");

        Files.writeString(Path.of(config), fixed, StandardCharsets.UTF_8);
        String[] given = CliRun.given(m01.path("commands").get(0).asText(), "--yes", "--json", "--config", config);
        CliRun retried = CliRun.of(given);

        assertThat(retried.exitCode()).as(List.of(given) + ": " + retried.out() + retried.err()).isZero();
        assertThat(tenant(retried.json(), "m01").path("status").asText()).isEqualTo("succeeded");
        assertThat(tenant(retried.json(), "m01").has("commands")).isFalse();
    }

    private static JsonNode tenant(JsonNode json, String id) {
        return find(json.at("/data/tenants"), id);
    }

    private static JsonNode taskOf(JsonNode json, String id) {
        return find(json.at("/data/tasks"), id);
    }

    private static JsonNode find(JsonNode entries, String id) {
        for (JsonNode entry : entries) {
            if (entry.path("id").asText().equals(id)) {
                return entry;
            }
        }
        throw new AssertionError("no " + id + " in " + entries);
    }
}
