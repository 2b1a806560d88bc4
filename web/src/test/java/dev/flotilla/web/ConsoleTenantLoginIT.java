package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.target.Secret;
import dev.flotilla.tenant.Tenancy;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tenant's own login through the API and the console: the user and the variable's name are kept and shown, the
 * password never (the demo's SQLite tenants ignore it; it stands for a real one).
 */
class ConsoleTenantLoginIT extends ConsoleOverHttp {
    private static final String OWN_SECRET = "newco-own-secret-Wx52";

    @Override
    DemoConsole newDemo() throws Exception {
        return new DemoConsole(folder, fleet -> {
            Tenancy t = fleet.tenancy();
            return new ConsoleFleet(fleet.plane(), new Tenancy(t.model(), t.url(), t.urlTemplate(), t.schemaTemplate(), "app",
                    Secret.of(TENANCY_SECRET), t.historyTable(), t.home(), Map.of("NEWCO_DB_PASSWORD", OWN_SECRET)),
                    fleet.template(), fleet.deploy(), fleet.dryRun());
        });
    }

    @Test
    void a_tenant_created_with_its_own_login_shows_the_user_and_the_variables_name_never_the_password() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");

        HttpResponse<String> created = post("/api/v1/tenants", token,
                "{\"id\": \"newco\", \"user\": \"newco_app\", \"passwordEnv\": \"NEWCO_DB_PASSWORD\"}");
        JsonNode shown = json(get("/api/v1/tenants/newco", token));
        String page = get("/tenants/newco", null, adminSession()).body();
        String audit = get("/api/v1/audit?tenant=newco", token).body();

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(shown.path("user").asText()).isEqualTo("newco_app");
        assertThat(shown.path("passwordEnv").asText()).isEqualTo("NEWCO_DB_PASSWORD");
        assertThat(shown.path("status").asText()).isEqualTo("up-to-date");
        assertThat(page).contains("id=\"tenant-login\"", "newco_app", "NEWCO_DB_PASSWORD");
        for (String text : new String[] {created.body(), shown.toString(), page, audit}) {
            assertThat(text).doesNotContain(OWN_SECRET, TENANCY_SECRET);
        }
    }

    @Test
    void a_password_given_as_the_variables_name_is_refused_without_being_shown_or_kept() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");

        HttpResponse<String> refused = post("/api/v1/tenants", token,
                "{\"id\": \"newco\", \"user\": \"newco_app\", \"passwordEnv\": \"PgS3cret_xq91\"}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("not a variable name").doesNotContain("PgS3cret_xq91");
        assertThat(get("/api/v1/tenants/newco", token).statusCode()).isEqualTo(404);
    }

    @Test
    void a_tenant_whose_variable_is_unset_is_not_created_and_the_refusal_names_the_variable() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");

        HttpResponse<String> refused = post("/api/v1/tenants", token,
                "{\"id\": \"newco\", \"user\": \"newco_app\", \"passwordEnv\": \"OTHER_DB_PASSWORD\"}");

        assertThat(refused.statusCode()).as(refused.body()).isBetween(400, 499);
        assertThat(refused.body()).contains("OTHER_DB_PASSWORD", "tenant newco", "is not set");
        assertThat(get("/api/v1/tenants/newco", token).statusCode()).isEqualTo(404);
    }

    @Test
    void the_tenant_page_names_its_target_as_the_api_does_without_reading_its_password_file() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        // A password that is a word of the target's name: a name built with it would mask it there, "****.db".
        Path file = Files.writeString(folder.resolve("newco.pw"), "newco\n");
        HttpResponse<String> created = post("/api/v1/tenants", token, "{\"id\": \"newco\", \"user\": \"newco_app\","
                + " \"passwordFile\": \"" + file + "\"}");
        String target = json(created).path("target").asText();
        String session = adminSession();
        String page = get("/tenants/newco", null, session).body();
        Files.delete(file);
        HttpResponse<String> gone = get("/tenants/newco", null, session);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(target).endsWith("/newco.db");
        assertThat(page).contains("<code id=\"tenant-target\">" + target + "</code>", "id=\"history\"")
                .doesNotContain("id=\"history-error\"");
        assertThat(gone.statusCode()).as(gone.body()).isEqualTo(200);
        assertThat(gone.body()).as("only its live history needs the password").contains("<code id=\"tenant-target\">" + target
                + "</code>", "id=\"history-error\"", "Cannot read the password file").doesNotContain(TENANCY_SECRET);
    }

    @Test
    void the_tenants_are_listed_with_their_targets_without_reading_a_tenants_password_file() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        Path file = Files.writeString(folder.resolve("newco.pw"), OWN_SECRET + "\n");
        HttpResponse<String> created = post("/api/v1/tenants", token, "{\"id\": \"newco\", \"user\": \"newco_app\","
                + " \"passwordFile\": \"" + file + "\"}");
        Files.delete(file);
        HttpResponse<String> gone = get("/api/v1/tenants", token);
        // A FIFO no one writes to: reading it would wait for ever.
        assertThat(new ProcessBuilder("mkfifo", file.toString()).start().waitFor()).isZero();
        try {
            HttpResponse<String> listed = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> get("/api/v1/tenants", token));

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            for (HttpResponse<String> response : List.of(gone, listed)) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode newco = json(response).findParents("id").stream()
                        .filter(t -> t.path("id").asText().equals("newco")).findFirst().orElseThrow();
                assertThat(newco.path("target").asText()).isEqualTo(json(created).path("target").asText()).isNotEmpty();
            }
        } finally {
            Files.delete(file);
        }
    }
}
