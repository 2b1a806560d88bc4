package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every refusal of the REST API carries Flotilla's error code as {@code errorCode}, so that a CI script can match it
 * whatever the title says: walked as a table of requests the API refuses, each with the status and code it answers.
 */
class ApiRefusalCodesIT extends ConsoleOverHttp {
    /** Who sends a request: nobody, a token no user has, the operator olivia, or the admin. */
    enum Caller { NOBODY, UNKNOWN_TOKEN, OPERATOR, ADMIN }

    /** One refused request; {@code body} null for a GET. */
    record Refused(String what, Caller caller, String path, String body, int status, String code) {
    }

    @Test
    void every_refusal_of_the_api_names_its_error_code() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        String operator = demo.accounts.createToken("olivia", "ci");
        String finished = deployedToDefault(admin, "2");
        List<Refused> table = List.of(
                new Refused("no token", Caller.NOBODY, "/api/v1/tenants", null, 401, "UNAUTHORIZED"),
                new Refused("a token no user has", Caller.UNKNOWN_TOKEN, "/api/v1/tenants", null, 401, "UNAUTHORIZED"),
                new Refused("an operator deploying", Caller.OPERATOR, "/api/v1/deployments", "{\"versions\": [\"2\"], \"all\": true}",
                        403, "FORBIDDEN"),
                new Refused("an operator repairing", Caller.OPERATOR, "/api/v1/tenants/default/repair", "", 403, "FORBIDDEN"),
                new Refused("a tenant not registered", Caller.ADMIN, "/api/v1/tenants/nobody", null, 404, "TENANT_NOT_FOUND"),
                new Refused("a repair of a tenant not registered", Caller.ADMIN, "/api/v1/tenants/nobody/repair", "", 404,
                        "TENANT_NOT_FOUND"),
                new Refused("nothing to repair", Caller.ADMIN, "/api/v1/tenants/default/repair", "", 409, "NOTHING_TO_REPAIR"),
                new Refused("a deployment never recorded", Caller.ADMIN, "/api/v1/deployments/nope", null, 404, "BAD_USAGE"),
                new Refused("a dry run never recorded", Caller.ADMIN, "/api/v1/dry-runs/nope", null, 404, "BAD_USAGE"),
                new Refused("a drift check not kept", Caller.ADMIN, "/api/v1/drift/nope", null, 404, "BAD_USAGE"),
                new Refused("a verify not kept", Caller.ADMIN, "/api/v1/verify/nope", null, 404, "BAD_USAGE"),
                new Refused("a restore not kept", Caller.ADMIN, "/api/v1/restores/nope", null, 404, "BAD_USAGE"),
                new Refused("no such endpoint", Caller.ADMIN, "/api/v1/nosuch", null, 404, "BAD_USAGE"),
                new Refused("a deploy without versions", Caller.ADMIN, "/api/v1/deployments", "{\"all\": true}", 400, "BAD_USAGE"),
                new Refused("overrideFailedTest without a dry run", Caller.ADMIN, "/api/v1/deployments",
                        "{\"versions\": [\"2\"], \"all\": true, \"overrideFailedTest\": true}", 400, "BAD_USAGE"),
                new Refused("a dry run not kept", Caller.ADMIN, "/api/v1/deployments",
                        "{\"versions\": [\"2\"], \"all\": true, \"dryRun\": \"x\"}", 409, "NOT_TESTED"),
                new Refused("a version with no file", Caller.ADMIN, "/api/v1/deployments", "{\"versions\": [\"9\"], \"all\": true}",
                        400, "BAD_USAGE"),
                new Refused("a blank group", Caller.ADMIN, "/api/v1/dry-runs", "{\"versions\": [\"2\"], \"group\": \" \"}", 400,
                        "BAD_USAGE"),
                new Refused("tenants chosen two ways", Caller.ADMIN, "/api/v1/dry-runs",
                        "{\"versions\": [\"2\"], \"tenants\": [\"default\"], \"all\": true}", 400, "BAD_USAGE"),
                new Refused("an empty body", Caller.ADMIN, "/api/v1/dry-runs", "", 400, "BAD_USAGE"),
                new Refused("a body that is not JSON", Caller.ADMIN, "/api/v1/dry-runs", "{bad json", 400, "BAD_USAGE"),
                new Refused("an unknown field", Caller.ADMIN, "/api/v1/dry-runs", "{\"versions\": [\"2\"], \"all\": true, \"x\": 1}",
                        400, "BAD_USAGE"),
                new Refused("a negative limit", Caller.ADMIN, "/api/v1/audit?limit=-5", null, 400, "BAD_USAGE"),
                new Refused("a new tenant without an id", Caller.ADMIN, "/api/v1/tenants", "{\"name\": \"Acme\"}", 400, "BAD_USAGE"),
                new Refused("a restore naming no backup", Caller.ADMIN, "/api/v1/restores", "{\"tenants\": [\"default\"]}", 400,
                        "BAD_USAGE"),
                new Refused("a stop of a finished deployment", Caller.ADMIN, "/api/v1/deployments/" + finished + "/stop", "", 400,
                        "BAD_USAGE"),
                new Refused("a retry of a deployment with no failed tenant", Caller.ADMIN,
                        "/api/v1/deployments/" + finished + "/retry-failed", "", 400, "BAD_USAGE"),
                new Refused("a control character in a query", Caller.ADMIN, "/api/v1/audit?user=a%01b", null, 400, "BAD_USAGE"),
                new Refused("an address too long", Caller.ADMIN, "/api/v1/tenants?q=" + "a".repeat(Guard.MAX_URI), null, 414,
                        "BAD_USAGE"),
                new Refused("a body too large", Caller.ADMIN, "/api/v1/dry-runs", "{\"versions\": [\"" + "9".repeat(2_000_000) + "\"]}",
                        413, "BAD_USAGE"));

        List<String> wrong = new ArrayList<>();
        for (Refused refused : table) {
            HttpResponse<String> answer = send(request(refused, switch (refused.caller()) {
                case NOBODY -> null;
                case UNKNOWN_TOKEN -> "flt_" + "0".repeat(64);
                case OPERATOR -> operator;
                case ADMIN -> admin;
            }));
            JsonNode problem = json(answer);
            String seen = answer.statusCode() + " " + problem.path("errorCode").asText("null");
            if (!seen.equals(refused.status() + " " + refused.code())
                    || !answer.headers().firstValue("Content-Type").orElse("").equals("application/problem+json")) {
                wrong.add(refused.what() + ": " + seen + " (" + problem.path("title").asText() + ": " + problem.path("detail").asText()
                        + "), expected " + refused.status() + " " + refused.code());
            }
        }

        assertThat(wrong).as("refusals answered with another status or code than expected").isEmpty();
    }

    @Test
    void a_request_jetty_refuses_before_the_console_sees_it_has_a_code_too() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(demo.url("/api/v1/tenants")))
                .header("X-Padding", "p".repeat(40 * 1024)).GET());

        assertThat(answer.statusCode()).isEqualTo(431);
        assertThat(json(answer).path("errorCode").asText()).isEqualTo("BAD_USAGE");
    }

    private HttpRequest.Builder request(Refused refused, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(demo.url(refused.path())));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (refused.body() == null) {
            return request.GET();
        }
        return request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(refused.body()));
    }
}
