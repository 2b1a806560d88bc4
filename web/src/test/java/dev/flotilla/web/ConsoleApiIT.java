package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.target.Secret;
import dev.flotilla.tenant.Tenancy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API and the console's defences, over real HTTP against a console on the demo fleet (SQLite tenants). */
class ConsoleApiIT {
    private static final String TENANCY_SECRET = "tenancy-secret-Zq81";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path folder;
    private DemoConsole demo;

    @BeforeEach
    void start() {
        demo = new DemoConsole(folder, fleet -> {
            Tenancy t = fleet.tenancy();
            // SQLite ignores the password; it stands for a real one that must never be shown.
            return new ConsoleFleet(fleet.plane(), new Tenancy(t.model(), t.url(), t.urlTemplate(), t.schemaTemplate(), "app",
                    Secret.of(TENANCY_SECRET), t.historyTable()), fleet.template(), fleet.deploy(), fleet.dryRun());
        });
    }

    @AfterEach
    void stop() throws InterruptedException {
        demo.close();
    }

    @Test
    void a_ci_token_tests_deploys_and_rolls_back_through_the_api() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        assertThat(get("/api/v1/me", token).body()).contains("\"platform_super_admin\"");
        JsonNode files = json(get("/api/v1/migrations", token));
        assertThat(files.path("files").findValuesAsText("script")).contains("V2__serial_system_integration.sql");

        HttpResponse<String> started = post("/api/v1/dry-runs", token, "{\"versions\": [\"3\"], \"group\": \"ateliers\"}");
        assertThat(started.statusCode()).isEqualTo(202);
        JsonNode dryRun = afterWork("/api/v1/dry-runs/" + json(started).path("id").asText(), token);
        assertThat(dryRun.path("status").asText()).isEqualTo("succeeded");
        assertThat(dryRun.path("results")).hasSize(3);

        HttpResponse<String> deploy = post("/api/v1/deployments", token, "{\"versions\": [\"3\"], \"tenants\": [\"default\", \"bistro_lumiere\"]}");
        assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(202);
        String id = json(deploy).path("deployment").asText();
        JsonNode done = afterWork("/api/v1/deployments/" + id, token);
        assertThat(done.path("tasks").findValuesAsText("status")).containsExactly("succeeded", "succeeded");
        assertThat(done.path("tasks").get(0).path("applied").toString()).isEqualTo("[\"2\",\"3\"]");

        HttpResponse<String> resume = post("/api/v1/deployments/" + id + "/resume", token, "");
        assertThat(resume.statusCode()).isEqualTo(400);
        assertThat(json(resume).path("detail").asText()).contains("is succeeded, not interrupted");
        HttpResponse<String> again = post("/api/v1/deployments", token, "{\"versions\": [\"3\"], \"tenants\": [\"default\"]}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("upToDate").asInt()).isEqualTo(1);

        HttpResponse<String> rollback = post("/api/v1/deployments/" + id + "/rollback", token, "");
        assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(202);
        assertThat(json(rollback).path("tenants").asInt()).as("the tenants it undoes something on").isEqualTo(2);
        assertThat(afterWork("/api/v1/deployments/" + json(rollback).path("deployment").asText(), token)
                .path("deployment").path("status").asText()).isEqualTo("succeeded");
        assertThat(json(get("/api/v1/tenants/default", token)).path("currentVersion").asText()).isEqualTo("1");
        HttpResponse<String> twice = post("/api/v1/deployments/" + id + "/rollback", token, "");
        assertThat(twice.statusCode()).as("a second rollback would undo nothing and call it success").isEqualTo(400);
        assertThat(json(twice).path("detail").asText()).contains("was rolled back by " + json(rollback).path("deployment").asText());
        assertThat(json(get("/api/v1/audit?action=rollback.requested", token)).path("entries").findValuesAsText("outcome"))
                .as("the refusal is audited too").containsExactly("denied", "ok");
        assertThat(json(get("/api/v1/audit?action=deploy.finished", token)).path("entries").findValuesAsText("outcome"))
                .containsOnly("ok");
        assertThat(json(get("/api/v1/audit?actor=admin&action=deploy.requested", token)).path("entries").get(0)
                .path("source").asText()).isEqualTo("127.0.0.1");
        JsonNode ofOneTenant = json(get("/api/v1/audit?tenant=bistro_lumiere", token)).path("entries");
        assertThat(ofOneTenant.findValuesAsText("action")).as("a deployment's entries are its tenants' too")
                .contains("deploy.requested", "deploy.started", "deploy.finished", "rollback.requested", "rollback.finished");
        assertThat(ofOneTenant.findValuesAsText("deployment")).contains(id);
    }

    @Test
    void a_tenant_deployed_up_to_an_earlier_version_is_still_pending_the_later_files() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");

        String id = deployedToDefault(token, "2");
        JsonNode tenant = json(get("/api/v1/tenants/default", token));

        assertThat(tenant.path("currentVersion").asText()).isEqualTo("2");
        assertThat(tenant.path("status").asText()).isEqualTo("pending");
        assertThat(tenant.path("pending").asInt()).as("version 3 is still to come").isEqualTo(1);
    }

    @Test
    void an_application_provisions_a_tenant_on_sign_up_through_the_api() throws Exception {
        String admin = demo.accounts.createToken("admin", "signup");
        String viewer = demo.accounts.createToken("victor", "read");

        HttpResponse<String> created = post("/api/v1/tenants", admin, "{\"id\": \"atelier_neuf\", \"groups\": [\"ateliers\"]}");
        HttpResponse<String> again = post("/api/v1/tenants", admin, "{\"id\": \"atelier_neuf\"}");
        HttpResponse<String> denied = post("/api/v1/tenants", viewer, "{\"id\": \"not_allowed\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/tenants/atelier_neuf");
        assertThat(json(created).path("status").asText()).isEqualTo("up-to-date");
        assertThat(json(created).path("currentVersion").asText()).isEqualTo("3");
        assertThat(json(created).path("how").asText()).startsWith("replayed 3 migration(s)");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("registered already");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(demo.fleet.plane().tenants().find(dev.flotilla.tenant.TenantId.of("not_allowed"))).isEmpty();
        JsonNode provisioned = json(get("/api/v1/audit?action=tenant.create.requested", admin)).path("entries").get(0);
        assertThat(provisioned.path("source").asText()).isEqualTo("127.0.0.1");
        assertThat(provisioned.path("tenant").asText()).isEqualTo("atelier_neuf");
    }

    @Test
    void api_errors_are_problem_details_and_roles_are_enforced() throws Exception {
        HttpResponse<String> anonymous = get("/api/v1/tenants", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(anonymous).path("status").asInt()).isEqualTo(401);
        assertThat(get("/api/v1/tenants", "flt_" + "0".repeat(64)).statusCode()).as("unknown token").isEqualTo(401);
        assertThat(demo.fleet.plane().audit().newest(3)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("api.token.refused");
            assertThat(e.details()).isEqualTo("GET /api/v1/tenants").doesNotContain("flt_");
        });

        String operator = demo.accounts.createToken("olivia", "ci");
        assertThat(post("/api/v1/deployments", operator, "{\"versions\": [\"2\"], \"all\": true}").statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/dry-runs", operator, "{\"versions\": [\"2\"], \"all\": true}").statusCode()).isEqualTo(202);

        String admin = demo.accounts.createToken("admin", "ci");
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
        for (String body : new String[] {"{bad json", "[]", "{\"versions\": \"2\", \"all\": true}",
                "{\"versions\": [\"2\"], \"all\": true, \"extra\": 1}"}) {
            HttpResponse<String> bad = post("/api/v1/dry-runs", admin, body);
            assertThat(bad.statusCode()).as(body).isEqualTo(400);
            assertThat(bad.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
            assertThat(json(bad).path("detail").asText()).as(body).startsWith("The request body is not what this endpoint takes");
        }

        JsonNode openApi = json(get("/api/v1/openapi.json", null));
        assertThat(openApi.path("openapi").asText()).startsWith("3.");
        assertThat(openApi.path("paths").has("/deployments")).isTrue();
    }

    @Test
    void sessions_are_safe_cookies_rotated_at_login_and_failed_logins_are_throttled() throws Exception {
        HttpResponse<String> page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login");

        String planted = "flotilla_session=" + "a".repeat(64);
        HttpResponse<String> login = login("admin", DemoConsole.ADMIN_PASSWORD, planted);
        assertThat(login.statusCode()).isEqualTo(303);
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("flotilla_session=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("a".repeat(64));
        assertThat(get("/", null, planted).statusCode()).as("the planted id is worth nothing").isEqualTo(303);
        String session = cookie.substring(0, cookie.indexOf(';'));
        assertThat(get("/", null, session).statusCode()).isEqualTo(200);

        HttpResponse<String> viaTls = send(HttpRequest.newBuilder(URI.create(demo.url("/login"))).header("X-Forwarded-Proto", "https").GET());
        assertThat(viaTls.headers().allValues("Set-Cookie")).allMatch(c -> c.contains("Secure"));

        for (int i = 0; i < 5; i++) {
            assertThat(login("victor", "wrong-password-" + i, "").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = login("victor", DemoConsole.VIEWER_PASSWORD, "");
        assertThat(throttled.statusCode()).as("even the right password waits").isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void no_password_or_token_reaches_a_page_an_api_response_or_the_audit_log() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        HttpResponse<String> login = login("admin", DemoConsole.ADMIN_PASSWORD, "");
        String session = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("flotilla_session="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        login("admin", "a-wrong-password-9", "");
        StringBuilder seen = new StringBuilder();
        for (String path : List.of("/", "/tenants", "/tenants/default", "/deployments", "/audit", "/users", "/tokens", "/wizard/files")) {
            HttpResponse<String> response = get(path, null, session);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            seen.append(response.body());
        }
        for (String path : List.of("/api/v1/tenants", "/api/v1/tenants/default", "/api/v1/audit", "/api/v1/deployments", "/api/v1/migrations")) {
            seen.append(get(path, token).body());
        }
        demo.fleet.plane().audit().newest(1000).forEach(e -> seen.append(e.toString()));
        assertThat(seen.toString()).contains("maison_atelier").doesNotContain(TENANCY_SECRET).doesNotContain(DemoConsole.ADMIN_PASSWORD)
                .doesNotContain("a-wrong-password-9").doesNotContain(token).doesNotContain("argon2id");
    }

    @Test
    void the_dashboard_and_the_tenant_page_show_what_the_last_drift_check_found() throws Exception {
        var tenants = demo.fleet.plane().tenants().all().stream().map(r -> r.tenant()).toList();
        var targets = demo.fleet.targets(tenants);
        var bistro = targets.stream().filter(t -> t.tenant().id().value().equals("default")).findFirst().orElseThrow();
        try (var session = dev.flotilla.target.TargetSession.open(bistro.target(), false)) {
            dev.flotilla.sql.Jdbc.execute(session.connection(), "CREATE INDEX added_by_hand ON staff (email)");
        }
        var migrations = new dev.flotilla.migration.MigrationLoader(java.util.Set.of()).load(demo.fleet.template().migrations());
        var report = new dev.flotilla.run.FleetDrift(demo.fleet.template(), migrations, 2, 2, demo.fleet.plane().drift())
                .check(targets);
        demo.fleet.plane().drift().record(report.tenants());
        String session = adminSession();

        String dashboard = get("/", null, session).body();
        String tenant = get("/tenants/default", null, session).body();

        assertThat(report.count(dev.flotilla.run.TenantDrift.Status.DRIFTED)).as(report.groups().toString()).isEqualTo(1);
        assertThat(dashboard).contains("<h2>Drift</h2>", "1 drifted", (tenants.size() - 1) + " clean", "href=\"/tenants/default\"");
        assertThat(tenant).contains("Last drift check", ">drifted<", "added index added_by_hand");
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

    @Test
    void the_live_progress_stream_answers_only_a_client_that_asks_for_events() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String id = deployedToDefault(token, "3");
        String session = adminSession();

        HttpResponse<String> plain = get("/deployments/" + id + "/events", null, session);
        HttpResponse<String> events = send(HttpRequest.newBuilder(URI.create(demo.url("/deployments/" + id + "/events")))
                .header("Cookie", session).header("Accept", "text/event-stream").GET());
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(URI.create(demo.url("/deployments/nope/events")))
                .header("Cookie", session).header("Accept", "text/event-stream").GET());

        assertThat(plain.statusCode()).isEqualTo(406);
        assertThat(plain.body()).contains("text/event-stream", "/deployments/" + id);
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(events.headers().allValues("Cache-Control")).as("one header").containsExactly("no-cache");
        assertThat(events.body()).as("a finished deployment's results, then the end").contains("event: done", "succeeded");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void the_wizard_deploys_only_what_it_tested_files_as_they_were_and_once() throws Exception {
        String session = adminSession();
        java.util.function.BiFunction<String, String, HttpResponse<String>> form = formsOf(session);
        Path v3 = demo.fleet.template().migrations().resolve("V3__notification_configurations.sql");
        form.apply("/wizard/files", "version=3");
        form.apply("/wizard/tenants/toggle", "id=default&selected=on");
        form.apply("/wizard/test", "");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        assertThat(get("/wizard/confirm", null, session).statusCode()).as("tested").isEqualTo(200);

        java.nio.file.Files.writeString(v3, java.nio.file.Files.readString(v3) + "\nCREATE TABLE untested (id INT);\n");
        HttpResponse<String> edited = form.apply("/wizard/deploy", "");
        form.apply("/wizard/test", "");
        form.apply("/wizard/tenants/toggle", "id=bistro_lumiere&selected=on");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        HttpResponse<String> chosenWhileTesting = get("/wizard/confirm", null, session);
        form.apply("/wizard/tenants/toggle", "id=bistro_lumiere&selected=off");
        form.apply("/wizard/test", "");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        HttpResponse<String> deployed = form.apply("/wizard/deploy", "");
        HttpResponse<String> again = form.apply("/wizard/deploy", "");

        assertThat(edited.statusCode()).isEqualTo(409);
        assertThat(edited.body()).contains("Migration files changed since the test: V3__notification_configurations.sql");
        assertThat(chosenWhileTesting.statusCode()).isEqualTo(409);
        assertThat(chosenWhileTesting.body()).contains("Run the test");
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(303);
        assertThat(again.statusCode()).as("a test is good for one deploy").isEqualTo(409);
        assertThat(again.body()).contains("Run the test");
    }

    @Test
    void the_wizard_refuses_to_select_an_unregistered_tenant_and_forgets_one_removed_after_it_was_chosen() throws Exception {
        String session = adminSession();
        java.util.function.BiFunction<String, String, HttpResponse<String>> form = formsOf(session);

        HttpResponse<String> ghost = form.apply("/wizard/tenants/toggle", "id=ghost&selected=on");
        HttpResponse<String> chosen = form.apply("/wizard/tenants/toggle", "id=default&selected=on");
        demo.fleet.plane().tenants().remove(dev.flotilla.tenant.TenantId.of("default"));
        HttpResponse<String> after = form.apply("/wizard/tenants/clear", "q=no-such-tenant");

        assertThat(ghost.statusCode()).isEqualTo(404);
        assertThat(chosen.body()).contains("Selected <strong id=\"selected-count\">1</strong>");
        assertThat(after.body()).contains("Selected <strong id=\"selected-count\">0</strong>");
    }

    /** The session cookie of the admin, signed in through the login form. */
    private String adminSession() throws Exception {
        return signIn("admin", DemoConsole.ADMIN_PASSWORD);
    }

    /** Posts forms of the console as the session's browser would, with its CSRF token. */
    private java.util.function.BiFunction<String, String, HttpResponse<String>> formsOf(String session) {
        return (path, body) -> {
            try {
                return form(session, path, body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void a_new_token_and_an_added_user_are_shown_once_after_a_redirect_so_a_reload_posts_nothing_again() throws Exception {
        String session = signIn("admin", DemoConsole.ADMIN_PASSWORD);

        HttpResponse<String> created = form(session, "/tokens", "label=ci-pipeline");
        HttpResponse<String> shown = get("/tokens", null, session);
        HttpResponse<String> reloaded = get("/tokens", null, session);
        HttpResponse<String> added = form(session, "/users", "name=bob&role=viewer&password=bob-password-1234");
        HttpResponse<String> addedShown = get("/users", null, session);
        HttpResponse<String> addedReloaded = get("/users", null, session);

        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(created.headers().firstValue("Location")).hasValue("/tokens");
        assertThat(created.body()).doesNotContain("flt_");
        Matcher token = Pattern.compile("<pre id=\"new-token\">(flt_[0-9a-zA-Z_-]+)</pre>").matcher(shown.body());
        assertThat(token.find()).as(shown.body()).isTrue();
        assertThat(demo.accounts.userOfToken(token.group(1))).map(u -> u.name()).hasValue("admin");
        assertThat(reloaded.body()).as("shown once").doesNotContain("new-token").doesNotContain(token.group(1));
        assertThat(demo.accounts.store().tokens("admin")).hasSize(1);
        assertThat(added.statusCode()).isEqualTo(303);
        assertThat(added.headers().firstValue("Location")).hasValue("/users");
        assertThat(addedShown.body()).contains("Added bob.");
        assertThat(addedReloaded.body()).doesNotContain("Added bob.");
        assertThat(demo.fleet.plane().audit().newest(1000)).as("no token in the audit log")
                .noneMatch(e -> e.toString().contains(token.group(1)));
    }

    @Test
    void an_error_page_is_headed_in_words_with_the_code_in_small_print_while_the_api_keeps_the_code_as_title() throws Exception {
        String session = signIn("admin", DemoConsole.ADMIN_PASSWORD);
        String token = demo.accounts.createToken("admin", "ci");

        HttpResponse<String> page = form(session, "/wizard/files", "version=9");
        HttpResponse<String> api = post("/api/v1/dry-runs", token, "{\"versions\": [\"9\"], \"all\": true}");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("<h1>Bad request</h1>", "<title>Bad request · Flotilla</title>",
                "<small id=\"error-code\">HTTP 400 · BAD_USAGE</small>", "No migration file has version 9");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(json(api).path("title").asText()).isEqualTo("BAD_USAGE");
        assertThat(WebConsole.heading(dev.flotilla.ErrorCode.TENANT_NOT_FOUND)).isEqualTo("Tenant not found");
        assertThat(WebConsole.heading(dev.flotilla.ErrorCode.SQL_PARSE_ERROR)).isEqualTo("SQL parse error");
    }

    @Test
    void a_uri_too_long_is_refused_as_the_console_refuses_anything_else() throws Exception {
        String session = signIn("admin", DemoConsole.ADMIN_PASSWORD);
        String token = demo.accounts.createToken("admin", "ci");
        String tooLong = "?q=" + "x".repeat(20_000);

        HttpResponse<String> api = get("/api/v1/tenants" + tooLong, token);
        HttpResponse<String> page = get("/tenants" + tooLong, null, session);

        assertThat(api.statusCode()).isEqualTo(414);
        assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(api).path("status").asInt()).isEqualTo(414);
        assertThat(json(api).path("detail").asText()).contains("too long");
        assertThat(page.statusCode()).isEqualTo(414);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<h1>URI too long</h1>", "/static/flotilla.css").doesNotContain("x".repeat(1000));
        HttpResponse<String> pastJetty = get("/tenants?q=" + "x".repeat(100_000), null, session);
        assertThat(pastJetty.statusCode()).as("refused by Jetty before the path is read").isEqualTo(414);
        assertThat(pastJetty.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(pastJetty).path("title").asText()).isEqualTo("URI too long");
    }

    @Test
    void pages_link_an_svg_icon_and_favicon_ico_is_no_longer_a_404() throws Exception {
        HttpResponse<String> login = get("/login", null);
        HttpResponse<String> icon = get("/static/favicon.svg", null);
        HttpResponse<String> ico = get("/favicon.ico", null);

        assertThat(login.body()).contains("<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">");
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(icon.body()).startsWith("<svg");
        assertThat(ico.statusCode()).isEqualTo(204);
    }

    @Test
    void the_wizard_test_lists_only_the_kinds_of_schema_change_it_found() throws Exception {
        String session = signIn("admin", DemoConsole.ADMIN_PASSWORD);
        form(session, "/wizard/files", "version=3");
        form(session, "/wizard/tenants/toggle", "id=default&selected=on");
        form(session, "/wizard/test", "");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();

        String page = get("/wizard/test", null, session).body();

        Matcher diff = Pattern.compile("<ul class=\"diff\">(.*?)</ul>", Pattern.DOTALL).matcher(page);
        assertThat(diff.find()).as(page).isTrue();
        assertThat(diff.group(1)).contains("tablesCreated: ", "indexesAdded: ").doesNotContain("dropped").doesNotContainPattern(":\\s*</li>");
    }

    @Test
    void a_rollback_names_its_column_of_versions_undone_not_applied() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String deployment = json(post("/api/v1/deployments", token, "{\"versions\": [\"3\"], \"tenants\": [\"default\"]}"))
                .path("deployment").asText();
        afterWork("/api/v1/deployments/" + deployment, token);
        String rollback = json(post("/api/v1/deployments/" + deployment + "/rollback", token, "")).path("deployment").asText();
        afterWork("/api/v1/deployments/" + rollback, token);
        String session = signIn("admin", DemoConsole.ADMIN_PASSWORD);

        String deployed = get("/deployments/" + deployment, null, session).body();
        String undone = get("/deployments/" + rollback, null, session).body();

        assertThat(deployed).contains("<th>Applied</th>").doesNotContain("<th>Undone</th>");
        assertThat(undone).contains("<th>Undone</th>", "<td>3, 2</td>").doesNotContain("<th>Applied</th>");
    }

    @Test
    void the_wizard_confirmation_names_an_earlier_file_only_if_a_chosen_tenant_lacks_it() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        afterWork("/api/v1/deployments/" + json(post("/api/v1/deployments", token,
                "{\"versions\": [\"2\"], \"tenants\": [\"default\"]}")).path("deployment").asText(), token);
        String session = signIn("admin", DemoConsole.ADMIN_PASSWORD);
        form(session, "/wizard/files", "version=3");
        form(session, "/wizard/tenants/toggle", "id=default&selected=on");
        form(session, "/wizard/test", "");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        HttpResponse<String> onlyDefault = get("/wizard/confirm", null, session);
        form(session, "/wizard/tenants/toggle", "id=bistro_lumiere&selected=on");
        form(session, "/wizard/test", "");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        HttpResponse<String> withOneAtVersion1 = get("/wizard/confirm", null, session);

        assertThat(onlyDefault.statusCode()).as(onlyDefault.body()).isEqualTo(200);
        assertThat(onlyDefault.body()).as("default is at version 2").contains("<strong>V3__notification_configurations.sql</strong>")
                .doesNotContain("V1__base_schema.sql").doesNotContain("V2__serial_system_integration.sql");
        assertThat(withOneAtVersion1.statusCode()).as(withOneAtVersion1.body()).isEqualTo(200);
        assertThat(withOneAtVersion1.body()).contains("V2__serial_system_integration.sql <small>(where a tenant lacks it)</small>")
                .doesNotContain("V1__base_schema.sql");
    }

    /** Signs in and answers the session cookie ("flotilla_session=..."). */
    private String signIn(String user, String password) throws Exception {
        return login(user, password, "").headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("flotilla_session="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }

    /** A form posted as the browser posts it, with the session's CSRF token. */
    private HttpResponse<String> form(String session, String path, String body) throws Exception {
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"").matcher(get("/", null, session).body());
        assertThat(csrf.find()).isTrue();
        return send(HttpRequest.newBuilder(URI.create(demo.url(path))).header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1) + "&" + body)));
    }

    private HttpResponse<String> login(String user, String password, String cookie) throws Exception {
        HttpResponse<String> form = get("/login", null, cookie);
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();
        String loginCookie = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("flotilla_login="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        return send(HttpRequest.newBuilder(URI.create(demo.url("/login")))
                .header("Cookie", loginCookie + (cookie.isEmpty() ? "" : "; " + cookie))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1) + "&user=" + user + "&password=" + password)));
    }

    /** Deploys up to a version to the tenant "default" through the API and waits for it; its id. */
    private String deployedToDefault(String token, String version) throws Exception {
        String id = json(post("/api/v1/deployments", token, "{\"versions\": [\"" + version + "\"], \"tenants\": [\"default\"]}"))
                .path("deployment").asText();
        afterWork("/api/v1/deployments/" + id, token);
        return id;
    }

    /** The resource once the console's background work (the dry run or deployment it names) has ended. */
    private JsonNode afterWork(String path, String token) throws Exception {
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).as("background work ended").isTrue();
        return json(get(path, token));
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return get(path, token, "");
    }

    private HttpResponse<String> get(String path, String token, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(demo.url(path))).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(demo.url(path))).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
