package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import dev.flotilla.target.Secret;
import dev.flotilla.tenant.Tenancy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A migration whose failure the database reports quoting a password written as a keyword (a connection string's, whose
 * value Flotilla never read), or the tenancy's password bare on a tenant that logs in with its own: the API, the
 * console's pages and the audit log show it masked.
 */
class ConsoleSecretsInFailuresIT extends ConsoleOverHttp {
    private static final String OTHER = "Kw0rdValue9";
    private static final String OWN_SECRET = "newco-own-secret-Vb73";

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
    void a_deployment_failing_on_a_statement_that_quotes_a_password_shows_it_masked_everywhere() throws Exception {
        // SQLite's "table ... already exists" quotes the table's name: a connection string, as a careless migration wrote it.
        Files.writeString(folder.resolve("migrations").resolve("V4__dsn.sql"), "CREATE TABLE \"host=db password=" + OTHER
                + "\" (id INT);\nCREATE TABLE \"host=db password=" + OTHER + "\" (id INT);\n");
        String token = demo.accounts.createToken("admin", "ci");

        String id = json(deploy(token, "4", List.of("default"), "")).path("deployment").asText();
        JsonNode deployment = afterWork("/api/v1/deployments/" + id, token);
        String page = get("/deployments/" + id, null, adminSession()).body();
        String tenantPage = get("/tenants/default", null, adminSession()).body();
        String audit = get("/api/v1/audit", token).body();

        assertThat(deployment.path("deployment").path("failed").asInt()).as(deployment.toString()).isEqualTo(1);
        assertThat(deployment.toString()).contains("password=****");
        for (String text : new String[] {deployment.toString(), page, tenantPage, audit}) {
            assertThat(text).doesNotContain(OTHER).doesNotContain(TENANCY_SECRET);
        }
    }

    @Test
    void the_tenancys_password_quoted_bare_by_a_tenant_with_its_own_login_is_masked_as_the_command_line_masks_it()
            throws Exception {
        // The console, embedded without the command line, hands the control plane the tenancy's password as the command
        // line does: masking per target alone would mask newco's own password there, not the tenancy's.
        String token = demo.accounts.createToken("admin", "ci");
        assertThat(post("/api/v1/tenants", token, "{\"id\": \"newco\", \"user\": \"newco_app\","
                + " \"passwordEnv\": \"NEWCO_DB_PASSWORD\"}").statusCode()).isEqualTo(201);
        Files.writeString(folder.resolve("migrations").resolve("V4__copied.sql"), "CREATE TABLE \"" + TENANCY_SECRET
                + "\" (id INT);\nCREATE TABLE \"" + TENANCY_SECRET + "\" (id INT);\n");

        String id = json(deploy(token, "4", List.of("newco"), "")).path("deployment").asText();
        JsonNode deployment = afterWork("/api/v1/deployments/" + id, token);
        String page = get("/deployments/" + id, null, adminSession()).body();
        String tenantPage = get("/tenants/newco", null, adminSession()).body();
        String audit = get("/api/v1/audit", token).body();

        assertThat(deployment.path("deployment").path("failed").asInt()).as(deployment.toString()).isEqualTo(1);
        assertThat(deployment.toString()).contains("already exists");
        for (String text : new String[] {deployment.toString(), page, tenantPage, audit}) {
            assertThat(text).doesNotContain(TENANCY_SECRET).doesNotContain(OWN_SECRET);
        }
    }
}
