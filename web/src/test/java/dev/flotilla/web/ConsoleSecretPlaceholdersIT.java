package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.target.Secret;
import dev.flotilla.tenant.Tenancy;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A console started from Java (no command line to mask its output) on a fleet whose placeholders hold secrets: one named
 * like a secret ({@code api_token}), one listed ({@code license}). A deployment that fails quoting them, in the database's
 * words or in a refused backfill line, shows them masked in the API, the deployment and tenant pages and the audit log;
 * a console started again on the same fleet adds no second mask to its control plane.
 */
class ConsoleSecretPlaceholdersIT extends ConsoleOverHttp {
    private static final String API_TOKEN = "tok-Hh27-placeholder";
    private static final String LICENSE = "lic-Pp93-placeholder";

    @Override
    DemoConsole newDemo() throws Exception {
        return new DemoConsole(folder, fleet -> {
            Tenancy t = fleet.tenancy();
            return new ConsoleFleet(fleet.plane(), new Tenancy(t.model(), t.url(), t.urlTemplate(), t.schemaTemplate(), "app",
                    Secret.of(TENANCY_SECRET), t.historyTable(), t.home()),
                    fleet.template().withPlaceholders(Map.of("api_token", API_TOKEN, "license", LICENSE, "app_role", "app_user"))
                            .withSecretPlaceholders(Set.of("license")), fleet.deploy(), fleet.dryRun());
        });
    }

    @Test
    void a_statement_failing_on_secret_placeholders_shows_their_values_masked_everywhere() throws Exception {
        // SQLite's "table ... already exists" quotes the table's name, the placeholders' values put in it.
        Files.writeString(folder.resolve("migrations").resolve("V4__copied.sql"), "CREATE TABLE \"${api_token} ${license}"
                + " ${app_role}\" (id INT);\nCREATE TABLE \"${api_token} ${license} ${app_role}\" (id INT);\n");

        assertMaskedEverywhere("**** **** app_user");
    }

    @Test
    void a_refused_backfill_line_quoting_a_secret_placeholder_shows_it_masked_everywhere() throws Exception {
        Files.writeString(folder.resolve("migrations").resolve("V4__backfill.sql"), "CREATE TABLE seats (id INT, code TEXT);\n"
                + "-- flotilla:backfill table=seats column=code value=${api_token} key=id batch=10\n");

        assertMaskedEverywhere("was ****");
    }

    @Test
    void the_wizards_test_step_shows_the_statements_and_errors_quoting_secret_placeholders_masked() throws Exception {
        // Its results are kept in memory and shown as they are: not read back from the control plane, which masks them.
        Files.writeString(folder.resolve("migrations").resolve("V4__copied.sql"), "CREATE TABLE \"${api_token} ${license}"
                + " ${app_role}\" (id INT);\nCREATE TABLE \"${api_token} ${license} ${app_role}\" (id INT);\n");
        String session = adminSession();
        var form = formsOf(session);
        form.apply("/wizard/files", "version=4");
        form.apply("/wizard/tenants/toggle", "id=default&selected=on");

        String started = form.apply("/wizard/test", "").body();
        java.util.regex.Matcher job = java.util.regex.Pattern.compile("/wizard/test/([A-Za-z0-9-]+)").matcher(started);
        assertThat(job.find()).as(started).isTrue();
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        String page = get("/wizard/test/" + job.group(1), null, session).body();

        assertThat(page).contains("test-done", "already exists", "**** **** app_user").doesNotContain(API_TOKEN)
                .doesNotContain(LICENSE);
    }

    @Test
    void a_console_started_again_on_the_same_fleet_adds_no_second_mask() throws Exception {
        int layers = demo.fleet.plane().maskLayers();

        demo.restart();
        demo.restart();

        assertThat(layers).isEqualTo(1);
        assertThat(demo.fleet.plane().maskLayers()).isEqualTo(1);
    }

    private void assertMaskedEverywhere(String masked) throws Exception {
        String token = demo.accounts.createToken("admin", "ci");

        String id = json(deploy(token, "4", List.of("default"), "")).path("deployment").asText();
        JsonNode deployment = afterWork("/api/v1/deployments/" + id, token);
        String session = adminSession();
        String page = get("/deployments/" + id, null, session).body();
        String tenantPage = get("/tenants/default", null, session).body();
        String audit = get("/api/v1/audit", token).body();

        assertThat(deployment.path("deployment").path("failed").asInt()).as(deployment.toString()).isEqualTo(1);
        assertThat(deployment.toString()).contains(masked);
        for (String text : new String[] {deployment.toString(), page, tenantPage, audit}) {
            assertThat(text).doesNotContain(API_TOKEN).doesNotContain(LICENSE);
        }
    }
}
