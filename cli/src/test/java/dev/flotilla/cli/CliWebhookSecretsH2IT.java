package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing hook posting to a Slack webhook: its token, in the URL's path, is shown nowhere; its host and first segment are. */
class CliWebhookSecretsH2IT {
    private static final String TOKEN = "XXXXXXXXsecret";
    private static final String WEBHOOK = "https://hooks.slack.com/services/T000/B000/" + TOKEN;

    @TempDir
    Path temp;
    private final String url = "jdbc:h2:mem:flt_wh_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

    @Test
    void a_failing_webhooks_token_is_masked_in_text_json_the_deployment_and_the_audit_log() throws Exception {
        String config = H2Fleet.create(temp, url, H2Fleet.ONE_AT_A_TIME, Map.of("V1__notes.sql", "CREATE TABLE notes (id INT);\n"),
                List.of("m01"));
        Files.writeString(Path.of(config), "hooks:\n  beforeTenant: \"echo posting to " + WEBHOOK + "; exit 3\"\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        CliRun json = CliRun.of("deploy", "--all", "--yes", "--json", "--config", config);
        String deployment = json.json().at("/data/deployment").asText();
        CliRun text = CliRun.of("deploy", "--retry-failed", deployment, "--yes", "--no-color", "--config", config);
        CliRun shown = CliRun.of("deployments", "show", deployment, "--json", "--config", config);
        CliRun audit = CliRun.of("audit", "--json", "--config", config);

        assertThat(json.out()).as("the hook's error").contains("HOOK_FAILED", "https://hooks.slack.com/services/****");
        for (CliRun run : List.of(json, text, shown, audit)) {
            assertThat(run.out() + run.err()).doesNotContain(TOKEN, "B000");
        }
    }
}
