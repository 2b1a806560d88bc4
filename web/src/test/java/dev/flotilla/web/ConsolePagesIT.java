package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console in a browser's place: sessions, the wizard, pages, forms and live progress, over real HTTP. */
class ConsolePagesIT extends ConsoleOverHttp {
    @Test
    void sessions_are_safe_cookies_rotated_at_login_and_failed_logins_are_throttled() throws Exception {
        HttpResponse<String> page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login");

        String planted = sessionCookieName() + "=" + "a".repeat(64);
        HttpResponse<String> login = login("admin", DemoConsole.ADMIN_PASSWORD, planted);
        assertThat(login.statusCode()).isEqualTo(303);
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(sessionCookieName() + "=")).findFirst().orElseThrow();
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
    void the_dashboard_counts_the_tenants_of_a_deployment_whose_process_died_as_interrupted_as_the_tenant_list_shows_them() throws Exception {
        interruptedDeployment("root", "atelier_nord", "atelier_sud", "bistro_lumiere");
        String session = adminSession();

        String dashboard = get("/", null, session).body();
        String list = get("/tenants", null, session).body();

        assertThat(dashboard).contains("<header>interrupted</header><p class=\"big bad\">3</p>").doesNotContain("<header>migrating</header>");
        assertThat(list).contains("interrupted").doesNotContain(">migrating<");
    }

    @Test
    void the_dashboard_lists_a_tenant_a_plan_found_blocked_among_the_failed_ones_with_its_own_word() throws Exception {
        var tenants = demo.fleet.plane().tenants();
        tenants.updateState(dev.flotilla.tenant.TenantId.of("atelier_nord"), "failed", "1", 1, null, "V2 failed at statement 1");
        tenants.updatePlanned(dev.flotilla.tenant.TenantId.of("bistro_lumiere"), "blocked", "1", 1, "V2 is recorded as failed");
        String session = adminSession();

        String dashboard = get("/", null, session).body();

        assertThat(dashboard).contains("atelier_nord</a></td><td class=\"bad\">failed</td><td>V2 failed at statement 1",
                "bistro_lumiere</a></td><td class=\"bad\">blocked</td><td>V2 is recorded as failed");
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
        BiFunction<String, String, HttpResponse<String>> form = formsOf(session);
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
    void a_double_click_on_deploy_deploys_once_since_a_test_is_good_for_one_deploy() throws Exception {
        String session = adminSession();
        BiFunction<String, String, HttpResponse<String>> form = formsOf(session);
        form.apply("/wizard/files", "version=3");
        form.apply("/wizard/tenants/toggle", "id=default&selected=on");
        form.apply("/wizard/tenants/toggle", "id=bistro_lumiere&selected=on");
        form.apply("/wizard/test", "");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        int before = demo.fleet.plane().deployments().count();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"").matcher(get("/", null, session).body());
        assertThat(csrf.find()).isTrue();
        HttpRequest click = HttpRequest.newBuilder(URI.create(demo.url("/wizard/deploy"))).header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1))).build();

        var first = http.sendAsync(click, HttpResponse.BodyHandlers.ofString());
        var second = http.sendAsync(click, HttpResponse.BodyHandlers.ofString());
        java.util.List<Integer> statuses = java.util.stream.Stream.of(first.join(), second.join()).map(HttpResponse::statusCode).sorted().toList();
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();

        assertThat(statuses).containsExactly(303, 409);
        assertThat(demo.fleet.plane().deployments().count() - before).as("one deployment from one test").isEqualTo(1);
    }

    @Test
    void the_wizard_refuses_to_select_an_unregistered_tenant_and_forgets_one_removed_after_it_was_chosen() throws Exception {
        String session = adminSession();
        BiFunction<String, String, HttpResponse<String>> form = formsOf(session);

        HttpResponse<String> ghost = form.apply("/wizard/tenants/toggle", "id=ghost&selected=on");
        HttpResponse<String> chosen = form.apply("/wizard/tenants/toggle", "id=default&selected=on");
        demo.fleet.plane().tenants().remove(dev.flotilla.tenant.TenantId.of("default"));
        HttpResponse<String> after = form.apply("/wizard/tenants/clear", "q=no-such-tenant");

        assertThat(ghost.statusCode()).isEqualTo(404);
        assertThat(chosen.body()).contains("Selected <strong id=\"selected-count\">1</strong>");
        assertThat(after.body()).contains("Selected <strong id=\"selected-count\">0</strong>");
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
    void an_error_page_of_a_form_leads_back_to_the_form_with_what_was_typed_not_only_to_the_fleet() throws Exception {
        String session = adminSession();

        HttpResponse<String> drift = form(session, "/drift", "group=&tenants=ghost%2C+default");
        HttpResponse<String> verify = form(session, "/verify", "group=ateliers&tenants=ghost");
        HttpResponse<String> wizard = form(session, "/wizard/files", "version=9");
        HttpResponse<String> deploy = form(session, "/wizard/deploy", "");
        String back = backLink(drift.body());
        String driftForm = get(back, null, session).body();

        assertThat(drift.statusCode()).isEqualTo(400);
        assertThat(back).isEqualTo("/drift?group=&tenants=ghost%2C+default");
        assertThat(driftForm).contains("name=\"tenants\" value=\"ghost, default\"");
        assertThat(get(backLink(verify.body()), null, session).body()).contains("<option value=\"ateliers\" selected>",
                "name=\"tenants\" value=\"ghost\"");
        assertThat(backLink(wizard.body())).isEqualTo("/wizard/files");
        assertThat(backLink(deploy.body())).isEqualTo("/wizard/test");
        assertThat(drift.body()).contains("<a href=\"/\">Back to the fleet</a>");
    }

    @Test
    void a_wizard_step_opened_before_its_files_were_chosen_leads_to_step_1_not_only_to_the_fleet() throws Exception {
        String session = adminSession();

        HttpResponse<String> test = get("/wizard/test", null, session);
        HttpResponse<String> tenants = get("/wizard/tenants", null, session);

        assertThat(test.statusCode()).isEqualTo(400);
        assertThat(test.body()).contains("Choose the migration files first (step 1).");
        assertThat(backLink(test.body())).isEqualTo("/wizard/files");
        assertThat(backLink(tenants.body())).isEqualTo("/wizard/files");
    }

    /** The error page's link back to its form, as the browser follows it. */
    private static String backLink(String page) {
        Matcher back = Pattern.compile("<a href=\"([^\"]*)\" id=\"error-back\">Back to the form</a>").matcher(page);
        assertThat(back.find()).as(page).isTrue();
        return back.group(1).replace("&amp;", "&");
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
        assertThat(diff.group(1)).contains("Tables created: ", "Indexes added: ").doesNotContain("Dropped").doesNotContainPattern(":\\s*</li>");
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
    void roll_back_retry_failed_and_resume_ask_first_on_a_page_naming_the_deployment_its_tenants_and_what_happens() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        onTenant("maison_atelier", "CREATE TABLE serial_quarantine (id INTEGER)");
        String deployed = json(post("/api/v1/deployments", token, "{\"versions\": [\"2\"], \"tenants\": [\"default\", \"maison_atelier\"]}"))
                .path("deployment").asText();
        afterWork("/api/v1/deployments/" + deployed, token);
        String interrupted = interruptedDeployment("root", "atelier_nord", "atelier_sud");
        String session = adminSession();
        int before = demo.fleet.plane().deployments().count();

        String page = get("/deployments/" + deployed, null, session).body();
        HttpResponse<String> rollback = get("/deployments/" + deployed + "/rollback", null, session);
        HttpResponse<String> retry = get("/deployments/" + deployed + "/retry-failed", null, session);
        HttpResponse<String> resume = get("/deployments/" + interrupted + "/resume", null, session);
        HttpResponse<String> notInterrupted = get("/deployments/" + deployed + "/resume", null, session);
        HttpResponse<String> asOperator = get("/deployments/" + deployed + "/rollback", null, signIn("olivia", DemoConsole.OPERATOR_PASSWORD));
        int afterAsking = demo.fleet.plane().deployments().count();
        HttpResponse<String> confirmed = form(session, "/deployments/" + deployed + "/rollback", "");

        assertThat(page).as("buttons that open a confirmation, no form that runs on one click")
                .contains("href=\"/deployments/" + deployed + "/rollback\"", "href=\"/deployments/" + deployed + "/retry-failed\"")
                .doesNotContain("action=\"/deployments/" + deployed + "/rollback\"").doesNotContain("action=\"/deployments/" + deployed + "/retry-failed\"");
        assertThat(rollback.statusCode()).isEqualTo(200);
        assertThat(rollback.body()).contains("<strong id=\"confirm-deployment\">" + deployed + "</strong>", "data-tenant=\"default\"",
                "<td>2</td>", "lose their rows", "Each tenant is backed up first", "action=\"/deployments/" + deployed + "/rollback\"",
                "id=\"confirm-rollback\"").doesNotContain("data-tenant=\"maison_atelier\"");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).contains("failed tenant(s)", "data-tenant=\"maison_atelier\"", "serial_quarantine", "id=\"confirm-retry-failed\"")
                .doesNotContain("data-tenant=\"default\"");
        assertThat(resume.statusCode()).isEqualTo(200);
        assertThat(resume.body()).contains("whose process died", "data-tenant=\"atelier_nord\"", "data-tenant=\"atelier_sud\"",
                "id=\"confirm-resume\"");
        assertThat(notInterrupted.statusCode()).isEqualTo(400);
        assertThat(asOperator.statusCode()).isEqualTo(403);
        assertThat(afterAsking).as("asking ran nothing").isEqualTo(before);
        assertThat(confirmed.statusCode()).isEqualTo(303);
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        assertThat(demo.fleet.plane().deployments().rollbackOf(deployed)).as("the confirmation's button rolls back").isPresent();
    }

    @Test
    void a_failed_task_names_the_migration_it_failed_in_on_the_deployment_s_page_its_retry_confirmation_and_in_the_api()
            throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        onTenant("maison_atelier", "CREATE TABLE serial_quarantine (id INTEGER)");
        String failed = json(post("/api/v1/deployments", token, "{\"versions\": [\"2\"], \"tenants\": [\"maison_atelier\"]}"))
                .path("deployment").asText();

        JsonNode shown = afterWork("/api/v1/deployments/" + failed, token);
        String page = get("/deployments/" + failed, null, adminSession()).body();
        String confirm = get("/deployments/" + failed + "/retry-failed", null, adminSession()).body();

        assertThat(shown.at("/tasks/0/status").asText()).as(shown.toString()).isEqualTo("failed");
        assertThat(shown.at("/tasks/0/migration").asText()).isEqualTo("2");
        assertThat(shown.at("/tasks/0/check").isNull()).as("no check failed it").isTrue();
        assertThat(shown.at("/tasks/0/checks").isNull()).as("none ran after a failed migration").isTrue();
        assertThat(page).contains("<span class=\"failed-migration\">migration 2</span>").doesNotContain("failed-check");
        assertThat(confirm).contains("data-tenant=\"maison_atelier\"", "<span class=\"failed-migration\">migration 2</span>",
                "serial_quarantine").doesNotContain("failed-check");
    }

    @Test
    void a_deployments_page_and_its_api_count_each_tenants_checks_as_the_deploy_line_does() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String deployed = json(post("/api/v1/deployments", token, "{\"versions\": [\"2\"], \"tenants\": [\"default\"]}"))
                .path("deployment").asText();

        JsonNode shown = afterWork("/api/v1/deployments/" + deployed, token);
        String page = get("/deployments/" + deployed, null, adminSession()).body();

        assertThat(shown.at("/tasks/0/status").asText()).as(shown.toString()).isEqualTo("succeeded");
        JsonNode checks = shown.at("/tasks/0/checks");
        assertThat(checks.path("total").asInt()).as(shown.toString()).isPositive();
        assertThat(checks.path("failed").asInt()).isZero();
        assertThat(checks.path("passed").asInt() + checks.path("skipped").asInt()).isEqualTo(checks.path("total").asInt());
        assertThat(page).contains("<th>Checks</th>", "<td class=\"task-checks\"><span class=\"\">"
                + checks.path("passed").asInt() + " checks passed");
    }

    @Test
    void retry_failed_takes_lock_and_statement_timeouts_as_the_deploy_form_does_and_refuses_one_it_cannot_read()
            throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        onTenant("maison_atelier", "CREATE TABLE serial_quarantine (id INTEGER)");
        String failed = json(post("/api/v1/deployments", token, "{\"versions\": [\"2\"], \"tenants\": [\"maison_atelier\"]}"))
                .path("deployment").asText();
        afterWork("/api/v1/deployments/" + failed, token);
        String session = adminSession();

        String confirm = get("/deployments/" + failed + "/retry-failed", null, session).body();
        HttpResponse<String> unreadable = form(session, "/deployments/" + failed + "/retry-failed", "lockTimeout=5+minutes");
        HttpResponse<String> zero = post("/api/v1/deployments/" + failed + "/retry-failed", token, "{\"statementTimeout\": \"0s\"}");
        HttpResponse<String> byApi = post("/api/v1/deployments/" + failed + "/retry-failed", token,
                "{\"lockTimeout\": \"2s\", \"statementTimeout\": \"1h\"}");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        HttpResponse<String> byForm = form(session, "/deployments/" + failed + "/retry-failed", "lockTimeout=3s&statementTimeout=");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();

        assertThat(confirm).contains("name=\"lockTimeout\" id=\"retry-lock-timeout\"",
                "name=\"statementTimeout\" id=\"retry-statement-timeout\"");
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(unreadable.body()).contains("Lock timeout: '5 minutes' is not a duration");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(json(zero).path("detail").asText()).contains("\"statementTimeout\" must be positive");
        assertThat(byApi.statusCode()).as(byApi.body()).isEqualTo(202);
        assertThat(byForm.statusCode()).as(byForm.body()).isEqualTo(303);
        assertThat(json(get("/api/v1/audit?action=deploy.retry-failed", token)).path("entries").findValuesAsText("details"))
                .anyMatch(d -> d.endsWith("1 failed tenant(s); lock timeout 2s; statement timeout 1h"))
                .anyMatch(d -> d.endsWith("1 failed tenant(s); lock timeout 3s"));
    }

    @Test
    void a_resumed_deployment_names_who_resumed_it_beside_who_started_it() throws Exception {
        String interrupted = interruptedDeployment("root", "atelier_nord");
        String session = adminSession();
        String token = demo.accounts.createToken("admin", "ci");
        onTenant("maison_atelier", "CREATE TABLE serial_quarantine (id INTEGER)");
        String failed = json(post("/api/v1/deployments", token, "{\"versions\": [\"2\"], \"tenants\": [\"maison_atelier\"]}"))
                .path("deployment").asText();
        afterWork("/api/v1/deployments/" + failed, token);

        HttpResponse<String> resumed = form(session, "/deployments/" + interrupted + "/resume", "");
        HttpResponse<String> retried = post("/api/v1/deployments/" + failed + "/retry-failed", token, "");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        String page = get("/deployments/" + interrupted, null, session).body();
        String retriedPage = get("/deployments/" + failed, null, session).body();

        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(303);
        assertThat(page).containsPattern("<p id=\"started-by\">Started by root; resumed by admin at [^<;]+\\.</p>");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        assertThat(retriedPage).as("once, not again for the console's request").containsOnlyOnce("failed tenants retried by admin at");
    }

    @Test
    void the_files_step_says_a_repeatable_runs_whatever_is_chosen() throws Exception {
        String session = adminSession();
        String without = get("/wizard/files", null, session).body();
        java.nio.file.Files.writeString(demo.fleet.template().migrations().resolve("R__open_orders.sql"),
                "CREATE OR REPLACE VIEW open_orders AS SELECT 1 AS one;\n");

        String with = get("/wizard/files", null, session).body();

        assertThat(without).doesNotContain("repeatables-run");
        assertThat(with).contains("id=\"repeatables-run\"", "Repeatable files cannot be left out", "whatever is chosen here");
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

    @Test
    void the_wizard_confirmation_says_a_repeatable_runs_where_it_is_new_or_changed_not_where_a_tenant_lacks_it()
            throws Exception {
        java.nio.file.Files.writeString(demo.fleet.template().migrations().resolve("R__open_orders.sql"),
                "CREATE OR REPLACE VIEW open_orders AS SELECT 1 AS one;\n");
        String session = signIn("admin", DemoConsole.ADMIN_PASSWORD);
        form(session, "/wizard/files", "version=3");
        form(session, "/wizard/tenants/toggle", "id=default&selected=on");
        form(session, "/wizard/test", "");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();

        HttpResponse<String> confirm = get("/wizard/confirm", null, session);

        assertThat(confirm.statusCode()).as(confirm.body()).isEqualTo(200);
        assertThat(confirm.body()).contains("R__open_orders.sql <small>(repeatable: where it is new, changed since it last ran,"
                + " or marked to run again by a rollback)</small>").doesNotContain("R__open_orders.sql <small>(where a tenant lacks it)");
    }

    @Test
    void the_wizard_deploys_only_to_the_tenants_whose_test_passed_and_names_those_it_leaves_out() throws Exception {
        String session = adminSession();
        BiFunction<String, String, HttpResponse<String>> form = testedWithAtelierFailing(session, "maison_atelier", "default");

        String confirm = get("/wizard/confirm", null, session).body();
        HttpResponse<String> deployed = form.apply("/wizard/deploy", "");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();

        assertThat(confirm).contains("The test failed on 1 tenant(s)", "<li><strong>maison_atelier</strong>: ", "serial_quarantine",
                "Deploy to the 1 tenant(s) whose test passed", "Go back", "id=\"override-box\"").doesNotContain("Yes, deploy");
        assertThat(confirm).as("the backup as it happens: a tenant holding nothing gets none").contains("<strong id=\"confirm-backup\">"
                + "yes</strong>, of each tenant holding something (one with no table and no history yet gets none: nothing to back up)");
        assertThat(confirm).as("the tenants line names those deployed to, not the one left out").contains(
                "<strong id=\"confirm-tenant-count\">1</strong> of the 2 chosen (those whose test failed are left out, below) — default</p>");
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(303);
        String deployment = deployed.headers().firstValue("Location").orElseThrow().replace("/deployments/", "");
        assertThat(demo.fleet.plane().deployments().tasks(deployment)).extracting(t -> t.tenant().value()).containsExactly("default");
        assertThat(demo.fleet.plane().tenants().find(dev.flotilla.tenant.TenantId.of("maison_atelier")).orElseThrow().currentVersion())
                .isEqualTo("1");
        assertThat(demo.fleet.plane().audit().page(new dev.flotilla.control.AuditLog.Filter("admin", "deploy.requested", null), 0, 1)
                .get(0).details()).contains("left out 1 tenant(s) whose test failed: maison_atelier");
        String page = get("/deployments/" + deployment, null, session).body();
        assertThat(page).as("the deployment's page names what it ran, backed up and left out").contains(
                "left out 1 tenant(s) whose test failed: maison_atelier", "version 2 on 1 tenant(s)", "upTo=2",
                "Backups kept from before it: 1 tenant(s) in 1 file(s)");
    }

    @Test
    void a_confirmation_after_a_test_that_failed_everywhere_says_nothing_would_be_deployed_rather_than_deploy_for_real()
            throws Exception {
        String session = adminSession();
        BiFunction<String, String, HttpResponse<String>> form = testedWithAtelierFailing(session, "maison_atelier");

        String confirm = get("/wizard/confirm", null, session).body();

        assertThat(confirm).contains("<h3>Nothing to deploy</h3>", "The test failed on 1 tenant(s)", "id=\"override-box\"")
                .doesNotContain("Deploy for real?", "id=\"confirm-deploy\"");
        assertThat(confirm.substring(0, confirm.indexOf("id=\"override-failed-test\"")))
                .as("no tenant gets the migrations unless the override is ticked").doesNotContain("will be applied");
        assertThat(confirm).as("SQLite rolls a failed migration back whole").doesNotContain("half-applied", "MariaDB", "MySQL");
    }

    @Test
    void the_tenant_page_says_why_its_last_test_failed_not_only_that_it_did() throws Exception {
        String session = adminSession();
        testedWithAtelierFailing(session, "maison_atelier");

        String page = get("/tenants/maison_atelier", null, session).body();

        assertThat(page).contains("<h2>Last dry run</h2>", ">error</span>");
        assertThat(page.substring(page.indexOf("<h2>Last dry run</h2>"), page.indexOf("<h2>Last checks</h2>")))
                .as("the test's error, as the wizard showed it").contains("id=\"tenant-dry-run-error\"", "serial_quarantine");
    }

    @Test
    void the_wizard_deploys_to_a_tenant_whose_test_failed_only_with_the_super_admins_explicit_audited_override() throws Exception {
        String session = adminSession();
        BiFunction<String, String, HttpResponse<String>> form = testedWithAtelierFailing(session, "maison_atelier");

        String confirm = get("/wizard/confirm", null, session).body();
        HttpResponse<String> plain = form.apply("/wizard/deploy", "");
        int deploymentsAfterRefusal = demo.fleet.plane().deployments().newest(10).size();
        HttpResponse<String> overridden = form.apply("/wizard/deploy", "override=on");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();

        assertThat(confirm).as("nothing passed: no plain deploy button").doesNotContain("id=\"confirm-deploy\"")
                .contains("id=\"confirm-deploy-override\"", "failed tests included");
        assertThat(plain.statusCode()).isEqualTo(409);
        assertThat(plain.body()).contains("The test failed on every chosen tenant", "maison_atelier");
        assertThat(deploymentsAfterRefusal).as("only the demo's setup").isEqualTo(1);
        assertThat(overridden.statusCode()).as(overridden.body()).isEqualTo(303);
        assertThat(demo.fleet.plane().audit().page(new dev.flotilla.control.AuditLog.Filter("admin", "deploy.failed-test-overridden",
                null), 0, 10)).singleElement().satisfies(e -> {
                    assertThat(e.tenant()).isEqualTo("maison_atelier");
                    assertThat(e.deployment()).as("the deployment the override started").isNotNull()
                            .isEqualTo(overridden.headers().firstValue("Location").orElseThrow().replace("/deployments/", ""));
                    assertThat(e.details()).contains("OVERRIDE: deployed to 1 tenant(s) whose test failed: maison_atelier");
                });
    }

    @Test
    void an_operator_runs_the_checks_from_the_tenant_page_and_a_drift_check_from_the_drift_page_and_a_viewer_may_not() throws Exception {
        onTenant("default", "CREATE INDEX added_by_hand ON staff (email)");
        String operator = signIn("olivia", DemoConsole.OPERATOR_PASSWORD);
        String viewer = signIn("victor", DemoConsole.VIEWER_PASSWORD);

        String tenantPage = get("/tenants/default", null, operator).body();
        HttpResponse<String> verify = form(operator, "/verify", "tenants=default");
        HttpResponse<String> drift = form(operator, "/drift", "group=ateliers&tenants=default");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        String verified = get(verify.headers().firstValue("Location").orElseThrow(), null, operator).body();
        String drifted = get(drift.headers().firstValue("Location").orElseThrow(), null, operator).body();
        String driftPage = get("/drift", null, operator).body();
        String viewerTenantPage = get("/tenants/default", null, viewer).body();
        HttpResponse<String> viewerDrift = form(viewer, "/drift", "group=&tenants=");
        HttpResponse<String> viewerVerify = form(viewer, "/verify", "tenants=default");

        assertThat(tenantPage).contains("id=\"verify-tenant\"", "id=\"drift-tenant\"", "name=\"tenants\" value=\"default\"");
        assertThat(verify.statusCode()).isEqualTo(303);
        assertThat(verified).contains("id=\"verify-done\"", "All 1 tenant(s) passed", "data-tenant=\"default\"", ">passed</span>");
        assertThat(drifted).as("the ids typed win over the group").contains("1 tenant(s): 1 drifted", "data-tenant=\"default\"",
                "added index added_by_hand").doesNotContain("data-tenant=\"atelier_nord\"");
        assertThat(driftPage).contains("id=\"drift-summary\"", "1 drifted", "id=\"run-drift\"");
        assertThat(get("/tenants/default", null, operator).body()).as("the last checks, just run").contains("verify · <span class=\"ok\">passed");
        assertThat(viewerTenantPage).doesNotContain("verify-tenant").doesNotContain("drift-tenant");
        assertThat(viewerDrift.statusCode()).isEqualTo(403);
        assertThat(viewerVerify.statusCode()).isEqualTo(403);
        assertThat(demo.fleet.plane().audit().count(new dev.flotilla.control.AuditLog.Filter("victor", "denied", null))).isEqualTo(2);
    }

    @Test
    void the_tenant_page_lists_its_backups_and_a_super_admin_restores_one_after_a_confirmation_naming_tenant_and_backup() throws Exception {
        String deployment = deployedToDefault(demo.accounts.createToken("admin", "ci"), "2");
        String admin = adminSession();
        String operator = signIn("olivia", DemoConsole.OPERATOR_PASSWORD);

        String adminPage = get("/tenants/default", null, admin).body();
        String operatorPage = get("/tenants/default", null, operator).body();
        HttpResponse<String> confirm = get("/tenants/default/restore?backup=" + deployment, null, admin);
        HttpResponse<String> operatorConfirm = get("/tenants/default/restore?backup=" + deployment, null, operator);
        HttpResponse<String> operatorRestore = form(operator, "/tenants/default/restore", "backup=" + deployment);
        HttpResponse<String> restore = form(admin, "/tenants/default/restore", "backup=" + deployment);
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        String result = get(restore.headers().firstValue("Location").orElseThrow(), null, admin).body();

        assertThat(adminPage).contains("<table id=\"backups\">", "data-backup=\"" + deployment + "\"", "before deploy " + deployment,
                "href=\"/tenants/default/restore?backup=" + deployment + "\"");
        assertThat(operatorPage).as("listed, not offered").contains("data-backup=\"" + deployment + "\"").doesNotContain("restore-link");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("<strong id=\"restore-tenant\">default</strong>",
                "<strong id=\"restore-backup\">" + deployment + "</strong>", "everything changed on default since", "id=\"confirm-restore\"");
        assertThat(operatorConfirm.statusCode()).isEqualTo(403);
        assertThat(operatorRestore.statusCode()).isEqualTo(403);
        assertThat(restore.statusCode()).isEqualTo(303);
        assertThat(result).contains("data-tenant=\"default\"", "<span class=\"ok\">restored</span>");
        assertThat(demo.fleet.plane().tenants().find(dev.flotilla.tenant.TenantId.of("default")).orElseThrow().currentVersion())
                .isEqualTo("1");
        assertThat(demo.fleet.plane().audit().count(new dev.flotilla.control.AuditLog.Filter("olivia", "denied", null))).isEqualTo(2);
        assertThat(demo.fleet.plane().audit().page(new dev.flotilla.control.AuditLog.Filter("admin", "restore.requested", null), 0, 1)
                .get(0).details()).isEqualTo("backup " + deployment + "; 1 tenant(s): default");
    }

    /**
     * The wizard of {@code session} after a test of V2 on {@code tenants} that fails on maison_atelier (V2's
     * serial_quarantine is there already); the session's forms, for what the test does next.
     */
    private BiFunction<String, String, HttpResponse<String>> testedWithAtelierFailing(String session,
            String... tenants) throws Exception {
        onTenant("maison_atelier", "CREATE TABLE serial_quarantine (id INTEGER)");
        BiFunction<String, String, HttpResponse<String>> form = formsOf(session);
        form.apply("/wizard/files", "version=2");
        for (String tenant : tenants) {
            form.apply("/wizard/tenants/toggle", "id=" + tenant + "&selected=on");
        }
        form.apply("/wizard/test", "");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        return form;
    }
}
