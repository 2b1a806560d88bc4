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
 * A failed beforeDeployment hook on H2 tenants: the resume its error names is in the JSON error as a command, which runs
 * as given once the hook is fixed.
 */
class CliDeploymentHookH2IT {
    @TempDir
    Path temp;
    private final String url = "jdbc:h2:mem:flt_hk_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

    @Test
    void a_failed_before_deployment_hooks_error_gives_its_resume_as_a_command_that_runs_as_given() throws Exception {
        String config = H2Fleet.create(temp, url, H2Fleet.ONE_AT_A_TIME, Map.of("V1__notes.sql", "CREATE TABLE notes (id INT);\n"),
                List.of("m01", "m02"));
        String fixed = Files.readString(Path.of(config));
        Files.writeString(Path.of(config), "hooks:\n  beforeDeployment: \"exit 3\"\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        CliRun failed = CliRun.of("deploy", "--all", "--yes", "--json", "--config", config);
        String deployment = CliRun.of("deployments", "list", "--json", "--config", config).json()
                .at("/data/deployments/0/id").asText();
        JsonNode error = failed.json().at("/errors/0");

        assertThat(failed.exitCode()).as(failed.out() + failed.err()).isNotZero();
        assertThat(error.path("code").asText()).isEqualTo("HOOK_FAILED");
        assertThat(error.path("message").asText()).as("the text as before").endsWith(" Nothing ran: " + deployment
                + " ended failed with every tenant pending; fix the hook, then `flotilla deploy --resume " + deployment + "`.");
        assertThat(error.path("commands").toString()).isEqualTo("[\"flotilla deploy --resume " + deployment + "\"]");

        Files.writeString(Path.of(config), fixed, StandardCharsets.UTF_8);
        String[] given = CliRun.given(error.path("commands").get(0).asText(), "--yes", "--json", "--config", config);
        CliRun resumed = CliRun.of(given);

        assertThat(resumed.exitCode()).as(List.of(given) + ": " + resumed.out() + resumed.err()).isZero();
        assertThat(resumed.json().at("/data/tenants").findValuesAsText("status")).containsExactly("succeeded", "succeeded");
        assertThat(resumed.json().path("errors").isEmpty()).isTrue();
    }

    @Test
    void every_audit_entry_of_a_deployment_its_hook_stopped_names_it_and_the_skipped_backup_says_nothing_was_deployed()
            throws Exception {
        String config = H2Fleet.create(temp, url, H2Fleet.ONE_AT_A_TIME, Map.of("V1__notes.sql", "CREATE TABLE notes (id INT);\n"),
                List.of("m01", "m02"));
        Files.writeString(Path.of(config), Files.readString(Path.of(config)).replace("  backup: false\n", "  backup: true\n")
                + "hooks:\n  beforeDeployment: \"exit 3\"\n", StandardCharsets.UTF_8);

        CliRun started = CliRun.of("deploy", "--all", "--yes", "--skip-backup", "--json", "--config", config);
        String deployment = started.json().at("/data/deployment").asText();
        CliRun resumed = CliRun.of("deploy", "--resume", deployment, "--yes", "--skip-backup", "--json", "--config", config);
        JsonNode entries = CliRun.of("audit", "--action", "deploy", "--json", "--config", config).json().at("/data/entries");

        assertThat(started.exitCode()).as(started.out()).isNotZero();
        assertThat(resumed.exitCode()).as(resumed.out()).isNotZero();
        assertThat(entries.findValuesAsText("action")).as(entries.toString())
                .contains("deploy.started", "deploy.resumed", "deploy.resume", "deploy.finished", "deploy.backup-skipped");
        assertThat(entries.findValuesAsText("deployment")).as(entries.toString()).hasSize(entries.size())
                .containsOnly(deployment);
        for (JsonNode entry : entries) {
            if (entry.path("action").asText().equals("deploy.backup-skipped")) {
                assertThat(entry.path("details").asText()).as("nothing was deployed")
                        .isEqualTo("2 tenant(s) selected to deploy without a backup (--skip-backup)");
            }
        }
    }
}
