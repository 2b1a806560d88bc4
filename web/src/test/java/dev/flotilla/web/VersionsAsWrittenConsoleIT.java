package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * A Laravel-style version ({@code 2025_11_01_000000}) as its file writes it on the pages of a wizard's test and deploy:
 * the confirmation, the dry runs, the deployment and its tenants' applied lists; the API's JSON keeps it canonical.
 */
class VersionsAsWrittenConsoleIT extends ConsoleOverHttp {
    @Test
    void the_dry_run_the_confirmation_and_the_deployment_show_the_version_as_its_file_writes_it() throws Exception {
        Files.writeString(folder.resolve("migrations").resolve("V2025_11_01_000000__serials.sql"),
                "CREATE TABLE serials (id INT);\n");
        String admin = demo.accounts.createToken("admin", "ci");
        String session = adminSession();
        BiFunction<String, String, HttpResponse<String>> form = formsOf(session);
        form.apply("/wizard/files", "version=2025.11.1");
        form.apply("/wizard/tenants/toggle", "id=default&selected=on");
        form.apply("/wizard/test", "");
        String dryRun = afterWork("/api/v1/dry-runs", admin).path("dryRuns").get(0).path("id").asText();

        String confirm = get("/wizard/confirm", null, session).body();
        String dryRuns = get("/dry-runs", null, session).body();
        String dryRunPage = get("/dry-runs/" + dryRun, null, session).body();
        HttpResponse<String> deploy = form.apply("/wizard/deploy", "");
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).isTrue();
        String deployment = deploy.headers().firstValue("Location").orElseThrow();
        String page = get(deployment, null, session).body();
        String json = get("/api/v1" + deployment, admin).body();

        assertThat(dryRuns).as(dryRuns).contains("2025_11_01_000000").doesNotContain("2025.11.1");
        assertThat(dryRunPage).as(dryRunPage).contains("versions 2025_11_01_000000").doesNotContain("2025.11.1");
        assertThat(confirm).as(confirm).contains("V2025_11_01_000000__serials.sql").doesNotContain("2025.11.1");
        assertThat(page).as(page).contains("Asked for by admin: versions 2025_11_01_000000;",
                "version 2025_11_01_000000 on 1 tenant(s)", "<td>2, 3, 2025_11_01_000000</td>", "upTo=2025_11_01_000000")
                .doesNotContain("2025.11.1");
        assertThat(json).contains("\"2025.11.1\"").doesNotContain("2025_11_01_000000\"");
    }
}
