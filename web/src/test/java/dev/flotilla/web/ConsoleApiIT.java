package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The REST API as a contract and its defences, over real HTTP, as a CI job uses it: its names as the CLI's JSON has them,
 * problem details, roles, throttles, secrets. What it does is in {@link ConsoleApiDeploymentsIT} and
 * {@link ConsoleApiTenantsIT}.
 */
class ConsoleApiIT extends ConsoleOverHttp {
    @Test
    void a_port_in_use_is_bad_usage_naming_the_port_and_what_to_do() {
        int taken = demo.console.port();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebConsole.start(demo.fleet, WebSettings.local(taken)))
                .isInstanceOf(dev.flotilla.FlotillaException.class)
                .hasMessageContainingAll("Port " + taken + " on 127.0.0.1 is already in use", "--port")
                .extracting(e -> ((dev.flotilla.FlotillaException) e).code()).isEqualTo(dev.flotilla.ErrorCode.BAD_USAGE);
    }

    @Test
    void the_api_names_tenants_times_and_counts_as_the_cli_json_does() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");

        JsonNode dryRun = afterWork("/api/v1/dry-runs/" + json(post("/api/v1/dry-runs", token,
                "{\"versions\": [\"3\"], \"tenants\": [\"default\"]}")).path("id").asText(), token);
        JsonNode started = json(post("/api/v1/deployments", token, "{\"versions\": [\"3\"], \"tenants\": [\"default\"]}"));
        JsonNode deployment = afterWork("/api/v1/deployments/" + started.path("deployment").asText(), token);
        JsonNode audit = json(get("/api/v1/audit?action=deploy.requested", token)).path("entries").get(0);

        assertThat(dryRun.path("total").asInt()).isEqualTo(1);
        assertThat(dryRun.path("wallMs").isNumber()).as(dryRun.toString()).isTrue();
        assertThat(dryRun.path("timeMs").asLong()).as("the job's time, as a drift check's or a verify's").isEqualTo(dryRun.path("wallMs").asLong());
        assertThat(dryRun.path("user").asText()).isEqualTo("admin");
        assertThat(dryRun.path("status").asText()).isEqualTo("done");
        assertThat(dryRun.path("failed").asInt()).isZero();
        JsonNode tenant = dryRun.path("tenants").get(0);
        assertThat(tenant.path("id").asText()).as(dryRun.toString()).isEqualTo("default");
        assertThat(tenant.path("timeMs").isNumber()).isTrue();
        assertThat(tenant.path("diff").path("tablesCreated").isArray()).as("the CLI's diff summary").isTrue();
        assertThat(tenant.path("warnings").isArray()).isTrue();
        assertThat(dryRun.path("groups").get(0).path("tenants").toString()).isEqualTo("[\"default\"]");
        assertThat(started.path("total").asInt()).as(started.toString()).isEqualTo(1);
        JsonNode task = deployment.path("tasks").get(0);
        assertThat(task.path("id").asText()).as(task.toString()).isEqualTo("default");
        assertThat(task.path("timeMs").isNumber()).isTrue();
        assertThat(audit.path("user").asText()).as(audit.toString()).isEqualTo("admin");
        for (JsonNode node : List.of(dryRun, tenant, task)) {
            assertThat(node.fieldNames()).toIterable().as("an earlier build's key").doesNotContain("tenant", "millis", "results", "lint");
        }
        assertThat(audit.fieldNames()).toIterable().doesNotContain("actor");
    }

    @Test
    void api_errors_are_problem_details_and_roles_are_enforced() throws Exception {
        HttpResponse<String> anonymous = get("/api/v1/tenants", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(anonymous).path("status").asInt()).isEqualTo(401);
        assertThat(json(anonymous).path("detail").asText()).startsWith("Sign in: send 'Authorization: Bearer <token>'");
        HttpResponse<String> badToken = get("/api/v1/tenants", "flt_" + "0".repeat(64));
        assertThat(badToken.statusCode()).as("unknown token").isEqualTo(401);
        assertThat(json(badToken).path("detail").asText()).as("a token was sent: it is the token that is wrong")
                .contains("The API token sent is not valid", "Create a new one").doesNotContain("flt_");
        assertThat(demo.fleet.plane().audit().newest(3)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("api.token.refused");
            assertThat(e.details()).isEqualTo("GET /api/v1/tenants").doesNotContain("flt_");
        });

        String operator = demo.accounts.createToken("olivia", "ci");
        assertThat(post("/api/v1/deployments", operator, "{\"versions\": [\"2\"], \"all\": true}").statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/dry-runs", operator, "{\"versions\": [\"2\"], \"all\": true}").statusCode()).isEqualTo(202);

        String admin = demo.accounts.createToken("admin", "ci");
        HttpResponse<String> noSuchTest = post("/api/v1/deployments", admin,
                "{\"versions\": [\"2\"], \"all\": true, \"dryRun\": \"x\"}");
        assertThat(noSuchTest.statusCode()).isEqualTo(409);
        assertThat(json(noSuchTest).path("title").asText()).as("its title in words").isEqualTo("Not tested");
        assertThat(json(noSuchTest).path("errorCode").asText()).as("its code, as the wizard shows it").isEqualTo("NOT_TESTED");
        assertThat(json(anonymous).path("errorCode").asText()).as("a refusal of the console's own has a code too")
                .isEqualTo("UNAUTHORIZED");
        HttpResponse<String> noVersions = post("/api/v1/deployments", admin, "{\"all\": true}");
        assertThat(noVersions.statusCode()).isEqualTo(400);
        assertThat(json(noVersions).path("detail").asText()).contains("versions");
        HttpResponse<String> unknown = post("/api/v1/deployments", admin, "{\"versions\": [\"9\"], \"all\": true}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("detail").asText()).contains("No migration file has version 9");
        assertThat(get("/api/v1/deployments/nope", admin).statusCode()).isEqualTo(404);
        HttpResponse<String> noEndpoint = get("/api/v1/nosuch", admin);
        assertThat(noEndpoint.statusCode()).isEqualTo(404);
        assertThat(noEndpoint.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(noEndpoint).path("detail").asText()).contains("/api/v1/nosuch");
        HttpResponse<String> tooLarge = post("/api/v1/dry-runs", admin, "{\"versions\": [\"" + "9".repeat(2_000_000) + "\"]}");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> blankGroup = post("/api/v1/dry-runs", admin, "{\"versions\": [\"2\"], \"group\": \" \"}");
        assertThat(blankGroup.statusCode()).isEqualTo(400);
        assertThat(json(blankGroup).path("detail").asText()).contains("\"group\" is blank");
        for (String selection : new String[] {"\"tenants\": [\"default\", \"nobody\"]", "\"group\": \"nobody\""}) {
            HttpResponse<String> notRegistered = post("/api/v1/deployments", admin, "{\"versions\": [\"2\"], " + selection + "}");
            assertThat(notRegistered.statusCode()).as(selection).isEqualTo(400);
            assertThat(json(notRegistered).path("title").asText()).as(selection).isEqualTo("TENANT_NOT_FOUND");
            assertThat(json(notRegistered).path("errorCode").asText()).as(selection).isEqualTo("TENANT_NOT_FOUND");
            assertThat(json(notRegistered).path("detail").asText()).as(selection).contains("nobody");
        }
        for (String body : new String[] {"", " null "}) {
            HttpResponse<String> empty = post("/api/v1/dry-runs", admin, body);
            assertThat(empty.statusCode()).as(body).isEqualTo(400);
            assertThat(json(empty).path("detail").asText()).as(body).startsWith("The request body is empty");
        }
        assertThat(get("/api/v1/audit?limit=-5", admin).statusCode()).isEqualTo(400);
        HttpResponse<String> unicode = get("/api/v1/tenants/%E6%97%A5%E6%9C%AC", admin);
        assertThat(unicode.body()).as("JSON is UTF-8").contains("\u65e5\u672c");
        java.util.Map<String, String> unreadable = java.util.Map.of("{bad json", "The request body is not JSON: ",
                "[]", "The request body must be a JSON object",
                "{\"versions\": \"2\", \"all\": true}", "Field \"versions\" must be a list",
                "{\"versions\": [\"2\"], \"all\": true, \"extra\": 1}", "Unknown field \"extra\" in the request body; this endpoint"
                        + " takes \"versions\", \"tenants\", \"group\", \"all\"");
        unreadable.forEach((body, said) -> {
            try {
                HttpResponse<String> bad = post("/api/v1/dry-runs", admin, body);
                assertThat(bad.statusCode()).as(body).isEqualTo(400);
                assertThat(bad.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
                assertThat(json(bad).path("detail").asText()).as(body).startsWith(said).endsWith("(see /api/v1/openapi.json).")
                        .doesNotContain("dev.flotilla").doesNotContain("class").doesNotContain("java.");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpResponse<String> newTenant = post("/api/v1/tenants", admin, "{\"id\": \"acme\", \"urlTemplate\": \"jdbc:sqlite:x.db\"}");
        assertThat(json(newTenant).path("detail").asText()).as("the tester's case")
                .isEqualTo("Unknown field \"urlTemplate\" in the request body; this endpoint takes \"id\", \"name\", \"groups\","
                        + " \"baseline\", \"fromTenant\", \"url\", \"schema\", \"user\", \"passwordEnv\", \"passwordFile\""
                        + " (see /api/v1/openapi.json).");

        JsonNode openApi = json(get("/api/v1/openapi.json", null));
        assertThat(openApi.path("openapi").asText()).startsWith("3.");
        assertThat(openApi.path("paths").has("/deployments")).isTrue();
    }

    @Test
    void no_password_or_token_reaches_a_page_an_api_response_or_the_audit_log() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        HttpResponse<String> login = login("admin", DemoConsole.ADMIN_PASSWORD, "");
        String session = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(sessionCookieName() + "="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        login("admin", "a-wrong-password-9", "");
        StringBuilder seen = new StringBuilder();
        String drift = form(session, "/drift", "group=&tenants=").headers().firstValue("Location").orElseThrow();
        String verify = form(session, "/verify", "tenants=default").headers().firstValue("Location").orElseThrow();
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        for (String path : List.of("/", "/tenants", "/tenants/default", "/deployments", "/audit", "/users", "/tokens", "/wizard/files",
                "/drift", drift, "/verify", verify)) {
            HttpResponse<String> response = get(path, null, session);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            seen.append(response.body());
        }
        for (String path : List.of("/api/v1/tenants", "/api/v1/tenants/default", "/api/v1/audit", "/api/v1/deployments", "/api/v1/migrations",
                "/api/v1" + drift, "/api/v1" + verify, "/api/v1/backups", "/api/v1/backups?tenant=default")) {
            seen.append(get(path, token).body());
        }
        demo.fleet.plane().audit().newest(1000).forEach(e -> seen.append(e.toString()));
        assertThat(seen.toString()).contains("maison_atelier").doesNotContain(TENANCY_SECRET).doesNotContain(DemoConsole.ADMIN_PASSWORD)
                .doesNotContain("a-wrong-password-9").doesNotContain(token).doesNotContain("argon2id");
    }

    @Test
    void an_address_that_keeps_sending_refused_tokens_is_throttled_and_cannot_flood_the_audit_log() throws Exception {
        String valid = demo.accounts.createToken("admin", "ci");
        for (int i = 0; i < 20; i++) {
            assertThat(get("/api/v1/tenants", "flt_" + String.format("%064d", i)).statusCode()).as("guess " + i).isEqualTo(401);
        }

        HttpResponse<String> guess = get("/api/v1/tenants", "flt_" + "7".repeat(64));
        HttpResponse<String> meanwhile = get("/api/v1/tenants", valid);

        assertThat(guess.statusCode()).isEqualTo(429);
        assertThat(guess.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(guess).path("detail").asText()).contains("Too many refused API tokens");
        assertThat(json(guess).path("errorCode").asText()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(meanwhile.statusCode()).as("from the same address, for the rest of the window").isEqualTo(429);
        assertThat(demo.fleet.plane().audit().count(new dev.flotilla.control.AuditLog.Filter(null, "api.token.refused", null)))
                .isEqualTo(20);
    }

    @Test
    void behind_a_trusted_proxy_each_client_is_throttled_and_audited_by_its_own_address_and_nowhere_else() throws Exception {
        assertThat(send(HttpRequest.newBuilder(URI.create(demo.url("/api/v1/tenants"))).header("Authorization", "Bearer flt_x")
                .header("X-Forwarded-For", "203.0.113.7").GET()).statusCode()).isEqualTo(401);
        assertThat(demo.fleet.plane().audit().newest(1).get(0).source()).as("no proxy is trusted: the header is the client's")
                .isEqualTo("127.0.0.1");
        try (DemoConsole proxied = new DemoConsole(folder.resolve("proxied"), java.util.function.UnaryOperator.identity(),
                new WebSettings("127.0.0.1", 0, false, java.util.Set.of("127.0.0.1")))) {
            String valid = proxied.accounts.createToken("admin", "ci");
            java.util.function.BiFunction<String, String, Integer> via = (client, token) -> {
                try {
                    return send(HttpRequest.newBuilder(URI.create(proxied.url("/api/v1/tenants"))).header("Authorization", "Bearer " + token)
                            .header("X-Forwarded-For", "10.9.9.9, " + client).GET()).statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            for (int i = 0; i < 20; i++) {
                assertThat(via.apply("203.0.113.7", "flt_" + String.format("%064d", i))).isEqualTo(401);
            }

            assertThat(via.apply("203.0.113.7", valid)).as("the guesser's address").isEqualTo(429);
            assertThat(via.apply("198.51.100.9", valid)).as("another client behind the same proxy").isEqualTo(200);
            assertThat(proxied.fleet.plane().audit().newest(1).get(0).source()).isEqualTo("203.0.113.7");
        }
    }
}
