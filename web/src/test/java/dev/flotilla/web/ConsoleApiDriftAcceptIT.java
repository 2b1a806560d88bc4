package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Accepting a tenant's live schema through the API ({@code flotilla drift --accept}), over real HTTP, with its role. */
class ConsoleApiDriftAcceptIT extends ConsoleOverHttp {
    @Test
    void a_super_admin_accepts_a_hotfixed_schema_then_drift_compares_with_it_and_an_operator_may_not() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        String operator = demo.accounts.createToken("olivia", "ci");
        onTenant("default", "CREATE INDEX hotfix ON staff (email)");
        JsonNode before = drift(operator);

        HttpResponse<String> denied = post("/api/v1/drift/accept", operator, "{\"tenants\": [\"default\"]}");
        HttpResponse<String> unknown = post("/api/v1/drift/accept", admin, "{\"tenants\": [\"nosuch\"]}");
        HttpResponse<String> accept = post("/api/v1/drift/accept", admin, "{\"tenants\": [\"default\"]}");
        JsonNode accepted = drift(operator);
        onTenant("default", "CREATE INDEX after_hotfix ON staff (company_id, email)");
        JsonNode changed = drift(operator);

        assertThat(onDefault(before).path("status").asText()).isEqualTo("drifted");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(denied).path("detail").asText()).as("named for what was asked, not as a deploy")
                .isEqualTo("Your role (operator) may not accept a live schema (platform_super_admin may).");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(accept.statusCode()).as(accept.body()).isEqualTo(200);
        assertThat(json(accept).path("accepted").asInt()).isEqualTo(1);
        assertThat(json(accept).at("/tenants/0/status").asText()).isEqualTo("accepted");
        assertThat(json(accept).at("/tenants/0/acceptedBy").asText()).isEqualTo("admin");
        assertThat(onDefault(accepted).path("status").asText()).isEqualTo("clean");
        assertThat(onDefault(accepted).path("acceptance").asText()).contains("the live schema admin accepted at");
        assertThat(onDefault(changed).path("status").asText()).isEqualTo("drifted");
        assertThat(onDefault(changed).path("diff").toString()).contains("added index after_hotfix").doesNotContain("index hotfix:");
        assertThat(json(get("/api/v1/audit?action=drift-accept", admin)).path("entries").findValuesAsText("outcome"))
                .contains("ok");
    }

    private JsonNode drift(String token) throws Exception {
        HttpResponse<String> started = post("/api/v1/drift", token, "{\"all\": true}");
        return afterWork(started.headers().firstValue("Location").orElseThrow(), token);
    }

    private static JsonNode onDefault(JsonNode drift) {
        return StreamSupport.stream(drift.path("tenants").spliterator(), false)
                .filter(t -> t.path("id").asText().equals("default")).findFirst().orElseThrow();
    }
}
