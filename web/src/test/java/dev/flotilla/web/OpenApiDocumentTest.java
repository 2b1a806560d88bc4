package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The API description the console serves at /api/v1/openapi.json, read as the console reads it. */
class OpenApiDocumentTest {
    private static JsonNode document() throws Exception {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/dev/flotilla/web/openapi.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void a_tenants_pending_count_under_its_older_name_is_deprecated_and_its_replacement_is_not() throws Exception {
        JsonNode api = document();
        JsonNode tenant = api.at("/components/schemas/Tenant/properties");

        assertThat(tenant.at("/pending/deprecated").asBoolean()).isTrue();
        assertThat(tenant.at("/pending/description").asText()).contains("pendingCount", "removed in 1.0");
        assertThat(tenant.at("/pendingCount/deprecated").isMissingNode()).isTrue();
        assertThat(api.at("/paths/~1tenants/get/responses/200/content/application~1json/schema/properties/tenants/items/$ref")
                .asText()).isEqualTo("#/components/schemas/Tenant");
        assertThat(api.at("/paths/~1tenants~1{id}/get/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Tenant");
    }

    @Test
    void accepting_live_schemas_says_it_answers_only_when_done_and_what_each_tenant_costs() throws Exception {
        JsonNode accept = document().at("/paths/~1drift~1accept/post");

        assertThat(accept.path("description").asText()).contains("Synchronous: answered only when every tenant is done",
                "a copy of its structure built in a scratch target", "timeout", "shared-schema");
    }

    @Test
    void a_tenants_repair_names_its_body_its_refusals_and_that_sharers_are_repaired_with_it() throws Exception {
        JsonNode repair = document().at("/paths/~1tenants~1{id}~1repair/post");

        assertThat(repair.at("/requestBody/content/application~1json/schema/properties/rerunFromStart/type").asText())
                .isEqualTo("boolean");
        assertThat(repair.at("/responses/409/description").asText()).contains("REPAIR_REFUSED", "NOTHING_TO_REPAIR");
        assertThat(repair.at("/responses/404/description").asText()).contains("TENANT_NOT_FOUND");
        assertThat(repair.path("description").asText()).contains("shared-schema", "repaired with it");
    }

    @Test
    void the_api_says_how_long_a_token_works_and_how_an_expired_or_revoked_one_is_refused() throws Exception {
        JsonNode api = document();

        assertThat(api.at("/info/description").asText()).contains("--expires 90d|never", "expired or revoked",
                "Bearer error=\"invalid_token\"");
        assertThat(api.at("/paths/~1me/get/responses/401/description").asText()).contains("expired or revoked");
    }
}
