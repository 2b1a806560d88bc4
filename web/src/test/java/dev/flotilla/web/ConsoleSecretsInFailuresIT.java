package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A migration whose failure the database reports quoting a password written as a keyword (a connection string's, whose
 * value Flotilla never read): the API, the console's pages and the audit log show it masked.
 */
class ConsoleSecretsInFailuresIT extends ConsoleOverHttp {
    private static final String OTHER = "Kw0rdValue9";

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
}
