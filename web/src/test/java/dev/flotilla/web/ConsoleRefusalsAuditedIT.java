package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * A refused attempt to change production is in the audit log, as an auditor expects: the test gate's refusals of a
 * deployment ("Not what was tested"), the wizard's deploy without a test, a restore naming no backup, a retry whose body
 * is not JSON, a deployment naming a tenant not registered, a dry run, drift check, verification or acceptance refused,
 * a token or user refused; each with who asked, the action, what it was about, why it was refused and from where, outcome denied,
 * never a secret, and found by the audit log's filters. A refusal audited where it was raised (a role's) is there once.
 */
class ConsoleRefusalsAuditedIT extends ConsoleOverHttp {
    @Test
    void a_deployment_the_dry_run_it_names_refuses_is_audited_denied_with_why_and_what_it_asked_for() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        HttpResponse<String> started = post("/api/v1/dry-runs", admin, "{\"versions\": [\"3\"], \"tenants\": [\"default\"]}");
        String dryRun = json(started).path("id").asText();
        afterWork("/api/v1/dry-runs/" + dryRun, admin);

        HttpResponse<String> outOfOrder = post("/api/v1/deployments", admin, "{\"versions\": [\"3\"], \"tenants\": [\"default\"],"
                + " \"dryRun\": \"" + dryRun + "\", \"outOfOrder\": true}");
        HttpResponse<String> otherVersions = post("/api/v1/deployments", admin, "{\"versions\": [\"2\"], \"tenants\": [\"default\"],"
                + " \"dryRun\": \"" + dryRun + "\"}");
        List<JsonNode> entries = entries(get("/api/v1/audit?action=deploy&tenant=default&user=admin", admin));
        String page = get("/audit?action=deploy.requested", null, adminSession()).body();

        assertThat(outOfOrder.statusCode()).as(outOfOrder.body()).isEqualTo(409);
        assertThat(otherVersions.statusCode()).as(otherVersions.body()).isEqualTo(409);
        assertThat(entries).as("the two refusals, newest first, found by action family, tenant and user").hasSize(2);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.path("action").asText()).isEqualTo("deploy.requested");
            assertThat(e.path("outcome").asText()).isEqualTo("denied");
            assertThat(e.path("tenant").asText()).isEqualTo("default");
            assertThat(e.path("deployment").isNull()).as("none was started").isTrue();
            assertThat(e.path("source").asText()).isEqualTo("127.0.0.1");
            assertThat(e.toString()).doesNotContain(TENANCY_SECRET, admin);
        });
        assertThat(entries.get(1).path("details").asText()).contains("Not what was tested (409): ", "dry run " + dryRun
                + " ran without", "Asked for versions 3; 1 tenant(s): default.");
        assertThat(entries.get(0).path("details").asText()).contains("Not what was tested (409): Dry run " + dryRun
                + " tested V3__notification_configurations.sql too, which this deploy would not apply",
                "Asked for versions 2; 1 tenant(s): default.");
        assertThat(page).contains("denied", "Not what was tested (409): Dry run " + dryRun
                + " tested V3__notification_configurations.sql too");
    }

    @Test
    void the_wizards_deploy_without_a_test_and_a_restore_naming_no_backup_are_audited_denied() throws Exception {
        String session = adminSession();
        var form = formsOf(session);
        form.apply("/wizard/files", "version=3");
        form.apply("/wizard/tenants/toggle", "id=default&selected=on");

        HttpResponse<String> untested = form.apply("/wizard/deploy", "");
        HttpResponse<String> noBackup = form.apply("/tenants/atelier_nord/restore", "backup=");
        var deploys = demo.fleet.plane().audit().page(new dev.flotilla.control.AuditLog.Filter("admin", "deploy.requested", null), 0, 10);
        var restores = demo.fleet.plane().audit().page(new dev.flotilla.control.AuditLog.Filter(null, "restore", "atelier_nord"), 0, 10);

        assertThat(untested.statusCode()).as(untested.body()).isEqualTo(409);
        assertThat(deploys).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("denied");
            assertThat(e.details()).isEqualTo("Test first (409): Run the test (step 3) for these files and tenants before deploying."
                    + " Asked for versions 3; 1 tenant(s): default.");
            assertThat(e.source()).isEqualTo("127.0.0.1");
        });
        assertThat(noBackup.statusCode()).as(noBackup.body()).isEqualTo(400);
        assertThat(restores).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("restore.requested");
            assertThat(e.actor()).isEqualTo("admin");
            assertThat(e.outcome()).isEqualTo("denied");
            assertThat(e.details()).contains("Name the backup to restore atelier_nord from");
        });
    }

    @Test
    void a_retry_whose_body_is_not_json_is_audited_without_the_body_and_a_role_refusal_only_once() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        String operator = demo.accounts.createToken("olivia", "ci");
        String deployment = demo.fleet.plane().deployments().newest(1).get(0).id();

        HttpResponse<String> notJson = post("/api/v1/deployments/" + deployment + "/retry-failed", admin,
                "{\"lockTimeout\": hunter2-secret}");
        HttpResponse<String> forbidden = post("/api/v1/deployments", operator, "{\"versions\": [\"3\"], \"tenants\": [\"default\"]}");
        List<JsonNode> retries = entries(get("/api/v1/audit?action=deploy.retry-failed", admin));
        List<JsonNode> olivias = entries(get("/api/v1/audit?user=olivia", admin));

        assertThat(notJson.statusCode()).as(notJson.body()).isEqualTo(400);
        assertThat(retries).singleElement().satisfies(e -> {
            assertThat(e.path("outcome").asText()).isEqualTo("denied");
            assertThat(e.path("deployment").asText()).isEqualTo(deployment);
            assertThat(e.path("details").asText()).isEqualTo("Bad request (400): The request body is not the JSON this endpoint"
                    + " takes.").doesNotContain("hunter2");
        });
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(olivias).as("the role's refusal, audited where it was raised, and nothing more").singleElement()
                .satisfies(e -> assertThat(e.path("action").asText()).isEqualTo("denied"));
    }

    @Test
    void a_role_refused_an_action_on_a_deployment_is_audited_with_that_deployment_and_the_audit_page_links_it() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        String operator = demo.accounts.createToken("olivia", "ci");
        String deployment = demo.fleet.plane().deployments().newest(1).get(0).id();
        String viewer = signIn("victor", DemoConsole.VIEWER_PASSWORD);

        HttpResponse<String> resume = post("/api/v1/deployments/" + deployment + "/resume", operator, "");
        HttpResponse<String> rollback = form(viewer, "/deployments/" + deployment + "/rollback", "");
        HttpResponse<String> confirm = get("/deployments/" + deployment + "/retry-failed", null, viewer);
        List<JsonNode> denied = entries(get("/api/v1/audit?action=denied", admin));
        String page = get("/audit?action=denied", null, adminSession()).body();

        assertThat(List.of(resume, rollback, confirm)).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(403));
        assertThat(denied).as("each refusal once, naming the deployment the request named").hasSize(3).allSatisfy(e -> {
            assertThat(e.path("deployment").asText()).isEqualTo(deployment);
            assertThat(e.path("outcome").asText()).isEqualTo("denied");
        });
        assertThat(denied).extracting(e -> e.path("user").asText()).containsExactlyInAnyOrder("olivia", "victor", "victor");
        assertThat(page).contains("<a href=\"/deployments/" + deployment + "\">" + deployment + "</a>");
    }

    private static final String NOT_REGISTERED = "Not registered: nope. GET /api/v1/tenants (or the Tenants page) lists the"
            + " registered ones; POST /api/v1/tenants or `flotilla tenants add` registers one.";

    @Test
    void a_deployment_naming_a_tenant_not_registered_is_audited_denied_once() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");

        HttpResponse<String> unknown = post("/api/v1/deployments", admin, "{\"versions\": [\"3\"], \"tenants\": [\"nope\"]}");
        List<JsonNode> entries = entries(get("/api/v1/audit?action=deploy.requested", admin));

        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(json(unknown).path("detail").asText()).as("what to do next, as the command line says it")
                .isEqualTo(NOT_REGISTERED);
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.path("outcome").asText()).isEqualTo("denied");
            assertThat(e.path("tenant").asText()).isEqualTo("nope");
            assertThat(e.path("details").asText()).isEqualTo("TENANT_NOT_FOUND (400): " + NOT_REGISTERED + " Asked for versions 3;"
                    + " 1 tenant(s): nope.");
        });
    }

    @Test
    void refused_dry_runs_drift_checks_and_verifications_are_audited_denied_with_what_they_asked_for() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");

        HttpResponse<String> dryRun = post("/api/v1/dry-runs", admin, "{\"versions\": [\"99\"], \"tenants\": [\"default\"]}");
        HttpResponse<String> drift = post("/api/v1/drift", admin, "{\"tenants\": [\"nope\"]}");
        HttpResponse<String> verify = post("/api/v1/verify", admin, "{\"tenants\": [\"nope\"]}");
        HttpResponse<String> accept = post("/api/v1/drift/accept", admin, "{\"tenants\": hunter2-secret}");

        assertThat(List.of(dryRun, drift, verify, accept)).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(400));
        assertThat(entries(get("/api/v1/audit?action=dry-run.requested", admin))).singleElement().satisfies(e -> {
            assertThat(e.path("outcome").asText()).isEqualTo("denied");
            assertThat(e.path("user").asText()).isEqualTo("admin");
            assertThat(e.path("details").asText()).contains("99");
        });
        assertThat(entries(get("/api/v1/audit?action=drift.requested", admin))).singleElement()
                .satisfies(e -> assertThat(e.path("details").asText()).contains("nope"));
        assertThat(entries(get("/api/v1/audit?action=verify.requested", admin))).singleElement()
                .satisfies(e -> assertThat(e.path("details").asText()).contains("nope"));
        assertThat(entries(get("/api/v1/audit?action=drift-accept", admin))).singleElement().satisfies(e -> {
            assertThat(e.path("outcome").asText()).isEqualTo("denied");
            assertThat(e.toString()).doesNotContain("hunter2");
        });
    }

    @Test
    void refused_tokens_and_users_are_audited_denied_and_never_with_the_password_given() throws Exception {
        String session = adminSession();
        var form = formsOf(session);

        HttpResponse<String> noLabel = form.apply("/tokens", "label=");
        HttpResponse<String> notTheirs = form.apply("/tokens/999999/revoke", "");
        HttpResponse<String> shortPassword = form.apply("/users", "name=bob&role=viewer&password=Zq81x");
        var tokens = demo.fleet.plane().audit().page(new dev.flotilla.control.AuditLog.Filter("admin", "token", null), 0, 10);
        var users = demo.fleet.plane().audit().page(new dev.flotilla.control.AuditLog.Filter("admin", "user.add.requested", null), 0, 10);

        assertThat(noLabel.statusCode()).as(noLabel.body()).isEqualTo(400);
        assertThat(notTheirs.statusCode()).as(notTheirs.body()).isEqualTo(404);
        assertThat(shortPassword.statusCode()).as(shortPassword.body()).isEqualTo(400);
        assertThat(tokens).extracting(e -> e.action() + " " + e.outcome()).containsExactlyInAnyOrder(
                "token.create.requested denied", "token.revoke.requested denied");
        assertThat(tokens).anySatisfy(e -> assertThat(e.details()).contains("You have no token 999999"));
        assertThat(users).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("denied");
            assertThat(e.details()).contains("A password needs at least").doesNotContain("Zq81x");
        });
    }

    private static List<JsonNode> entries(HttpResponse<String> audit) throws Exception {
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        return StreamSupport.stream(json(audit).path("entries").spliterator(), false).toList();
    }
}
