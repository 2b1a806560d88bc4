package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What the security review of the console found: each test is one finding, over real HTTP against a real console. */
class ConsoleSecurityIT extends ConsoleOverHttp {

    @Test
    void an_api_token_is_refused_on_the_consoles_pages_so_it_cannot_add_users_or_mint_tokens() throws Exception {
        String viewer = demo.accounts.createToken("victor", "ci");
        String admin = demo.accounts.createToken("admin", "ci");
        for (String token : new String[] {viewer, admin}) {
            HttpResponse<String> addUser = postForm("/users", token, "name=mallory&role=platform_super_admin&password=mallory-password-1");
            HttpResponse<String> mint = postForm("/tokens", token, "label=spare");
            HttpResponse<String> page = get("/users", token);

            for (HttpResponse<String> refused : java.util.List.of(addUser, mint, page)) {
                assertThat(refused.statusCode()).as(refused.request().method() + " " + refused.uri()).isEqualTo(401);
                assertThat(refused.body()).contains("API tokens are for the REST API under /api/v1 only");
            }
            assertThat(get("/api/v1/tenants", token).statusCode()).as("the API still takes it").isEqualTo(200);
        }
        assertThat(demo.accounts.roleOf("mallory")).isEmpty();
        assertThat(demo.fleet.plane().users().tokens("victor")).hasSize(1);
        assertThat(demo.fleet.plane().users().tokens("admin")).hasSize(1);
    }

    @Test
    void a_token_sent_to_a_consoles_page_is_audited_naming_whose_it_is_and_never_the_token() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");

        assertThat(postForm("/users", admin, "name=mallory&role=platform_super_admin&password=mallory-password-1").statusCode())
                .isEqualTo(401);
        var owned = demo.fleet.plane().audit().newest(1).get(0);
        assertThat(get("/tokens", "flt_" + "0".repeat(64)).statusCode()).isEqualTo(401);
        var unknown = demo.fleet.plane().audit().newest(1).get(0);

        assertThat(owned.action()).isEqualTo("api.token.refused");
        assertThat(owned.outcome()).isEqualTo("denied");
        assertThat(owned.actor()).as("a leaked token tried on /users: its owner should hear of it").isEqualTo("admin");
        assertThat(owned.source()).isEqualTo("127.0.0.1");
        assertThat(owned.details()).isEqualTo("POST /users: an API token is taken under /api/v1 only");
        assertThat(unknown.action()).isEqualTo("api.token.refused");
        assertThat(unknown.actor()).isEqualTo("-");
        assertThat(unknown.details()).isEqualTo("GET /tokens: an API token is taken under /api/v1 only");
        assertThat(owned + " " + unknown).doesNotContain("flt_", admin.substring(4, 20));
    }

    @Test
    void a_token_refused_on_a_consoles_page_is_not_noted_as_used_and_one_taken_by_the_api_is() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");

        assertThat(get("/users", admin).statusCode()).isEqualTo(401);

        assertThat(demo.fleet.plane().users().tokens("admin")).singleElement()
                .satisfies(t -> assertThat(t.lastUsedAt()).as("a refused use is no use").isNull());
        assertThat(get("/api/v1/tenants", admin).statusCode()).isEqualTo(200);
        assertThat(demo.fleet.plane().users().tokens("admin")).singleElement()
                .satisfies(t -> assertThat(t.lastUsedAt()).isNotNull());
    }

    @Test
    void tokens_sent_to_the_consoles_pages_count_as_refused_tokens_so_an_address_cannot_flood_the_audit_log() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        for (int i = 0; i < 20; i++) {
            assertThat(get("/users", i % 2 == 0 ? admin : "flt_" + String.format("%064d", i)).statusCode()).as("try " + i)
                    .isEqualTo(401);
        }

        HttpResponse<String> again = get("/users", admin);

        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.body()).contains("Too many refused API tokens");
        assertThat(demo.fleet.plane().audit().count(new dev.flotilla.control.AuditLog.Filter(null, "api.token.refused", null)))
                .isEqualTo(20);
    }

    @Test
    void a_sign_in_with_a_user_name_too_long_or_with_a_nul_is_refused_400_naming_the_field_and_audited_masked() throws Exception {
        HttpResponse<String> overlong = login("u".repeat(150), "some-password-1", "");
        HttpResponse<String> nul = login("x%00y", "some-password-1", "");

        for (HttpResponse<String> refused : java.util.List.of(overlong, nul)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("The field User takes a user name of at most 100 characters, without control characters")
                    .doesNotContain("jdbc:").doesNotContain("audit log");
        }
        var entries = demo.fleet.plane().audit().newest(2);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo("login");
            assertThat(e.outcome()).isEqualTo("failed");
        });
        assertThat(entries.get(1).actor()).matches("unknown user \\(150 chars, tag [0-9a-f]{8}\\)");
        assertThat(entries.get(1).details()).isEqualTo("user name is longer than 100 characters");
        assertThat(entries.get(0).actor()).matches("unknown user \\(3 chars, tag [0-9a-f]{8}\\)");
        assertThat(entries.get(0).details()).isEqualTo("user name contains control characters");
    }

    @Test
    void a_signed_in_request_with_a_nul_or_an_overlong_value_is_refused_400_naming_the_field() throws Exception {
        String token = demo.accounts.createToken("olivia", "ci");
        java.util.Map<String, String> bodies = java.util.Map.of(
                "{\"versions\": [\"2\"], \"group\": \"x\\u0000y\"}", "Field \"group\" takes at most 200 characters, without control characters",
                "{\"versions\": [\"2\"], \"tenants\": [\"default\", \"" + "t".repeat(201) + "\"]}", "Field \"tenants[1]\" takes at most 200");
        for (var body : bodies.entrySet()) {
            HttpResponse<String> refused = post("/api/v1/dry-runs", token, body.getKey());
            assertThat(refused.statusCode()).as(body.getKey()).isEqualTo(400);
            assertThat(json(refused).path("detail").asText()).as(body.getKey()).startsWith(body.getValue()).doesNotContain("jdbc:");
        }
        HttpResponse<String> query = get("/api/v1/audit?user=x%00y", token);
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(json(query).path("detail").asText()).isEqualTo("The query parameter 'user' contains control characters; send it"
                + " without control characters.");
        HttpResponse<String> path = get("/api/v1/deployments/x%01y", token);
        assertThat(path.statusCode()).isEqualTo(400);
        assertThat(json(path).path("detail").asText()).isEqualTo("The address /api/v1/deployments/x%01y contains control characters;"
                + " remove them.");
        assertThat(get("/api/v1/deployments/x%00y", token).statusCode()).as("refused by Jetty already").isEqualTo(400);
    }

    @Test
    void a_failure_of_the_control_plane_never_shows_its_url_to_a_visitor_or_a_signed_in_user() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        onControlPlane("ALTER TABLE audit_log RENAME TO audit_log_away");
        try {
            HttpResponse<String> api = get("/api/v1/audit", token);
            HttpResponse<String> visitor = login("admin", "a-wrong-password-9", "");

            assertThat(api.statusCode()).isEqualTo(500);
            assertThat(json(api).path("detail").asText()).startsWith("The console's control plane failed on this request")
                    .doesNotContain("jdbc:").doesNotContain("AUDIT_LOG");
            assertThat(visitor.statusCode()).isEqualTo(500);
            assertThat(visitor.body()).contains("control plane failed on this request").doesNotContain("jdbc:")
                    .doesNotContain("AUDIT_LOG");
        } finally {
            onControlPlane("ALTER TABLE audit_log_away RENAME TO audit_log");
        }
    }

    @Test
    void a_failed_sign_in_keeps_a_known_users_name_but_only_the_length_and_a_tag_of_a_name_no_user_has() throws Exception {
        login("Typed-Password-77", "anything-1", "");
        login("admin", "a-wrong-password-9", "");
        login("Typed-Password-77", "anything-2", "");
        login("Other-Name", "anything-3", "");

        var actors = demo.fleet.plane().audit().newest(4).stream().map(e -> e.actor()).toList();
        assertThat(actors.get(1)).matches("unknown user \\(17 chars, tag [0-9a-f]{8}\\)").as("the same name, the same tag")
                .isEqualTo(actors.get(3));
        assertThat(actors.get(2)).isEqualTo("admin");
        assertThat(actors.get(0)).matches("unknown user \\(10 chars, tag [0-9a-f]{8}\\)").isNotEqualTo(actors.get(1));
        String session = adminSession();
        String seen = get("/audit", null, session).body() + get("/api/v1/audit", demo.accounts.createToken("victor", "ci")).body();
        assertThat(seen).contains("unknown user (17 chars, tag ").doesNotContain("Typed-Password-77").doesNotContain("Other-Name");
    }

    @Test
    void a_limit_out_of_range_names_the_range_and_creating_a_tenant_names_the_permission_it_needs() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        for (String limit : new String[] {"99999999999", "501", "-1"}) {
            HttpResponse<String> refused = get("/api/v1/audit?limit=" + limit, admin);
            assertThat(refused.statusCode()).as(limit).isEqualTo(400);
            assertThat(json(refused).path("detail").asText()).isEqualTo("'limit' must be a whole number from 0 to 500, was '" + limit + "'.");
        }
        assertThat(get("/api/v1/audit?limit=500", admin).statusCode()).isEqualTo(200);

        HttpResponse<String> tenant = post("/api/v1/tenants", demo.accounts.createToken("olivia", "ci"), "{\"id\": \"acme\"}");
        assertThat(tenant.statusCode()).isEqualTo(403);
        assertThat(json(tenant).path("detail").asText()).isEqualTo("Your role (operator) may not create tenants (platform_super_admin may).");
    }

    @Test
    void a_repeatable_migration_applied_on_every_tenant_is_listed_as_applied_on_every_tenant() throws Exception {
        java.nio.file.Files.writeString(folder.resolve("migrations").resolve("R__one_view.sql"),
                "DROP VIEW IF EXISTS one_view;\nCREATE VIEW one_view AS SELECT 1 AS one;\n");
        String admin = demo.accounts.createToken("admin", "ci");
        String id = json(post("/api/v1/deployments", admin, "{\"versions\": [\"3\"], \"all\": true}")).path("deployment").asText();
        assertThat(afterWork("/api/v1/deployments/" + id, admin).path("deployment").path("status").asText()).isEqualTo("succeeded");

        var files = json(get("/api/v1/migrations", admin)).path("files");
        int tenants = demo.fleet.plane().tenants().all().size();
        var repeatable = java.util.stream.StreamSupport.stream(files.spliterator(), false)
                .filter(f -> f.path("script").asText().equals("R__one_view.sql")).findFirst().orElseThrow();
        assertThat(tenants).isGreaterThan(1);
        assertThat(repeatable.path("appliedOn").asInt()).isEqualTo(tenants);
    }

    /** A form posted with a token and no session, as a CI job holding a leaked token would. */
    private HttpResponse<String> postForm(String path, String token, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(demo.url(path))).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
