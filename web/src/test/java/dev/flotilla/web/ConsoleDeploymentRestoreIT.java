package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.control.AuditLog;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Restoring every tenant of a deployment from the backups taken before it, as {@code flotilla restore --deployment ID}
 * does: from the deployment's page (a confirmation in the command line's words first) and from the API, for the role
 * that may restore, audited, in the background with the single-tenant restore's progress and result.
 */
class ConsoleDeploymentRestoreIT extends ConsoleOverHttp {
    @Test
    void the_api_restores_every_tenant_backed_up_before_a_deployment_and_audits_it_with_the_deployment() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String id = deployed(token, "default", "atelier_nord");

        HttpResponse<String> started = post("/api/v1/deployments/" + id + "/restore", token, "");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/api/v1/restores/");
        JsonNode done = afterWork(location, token);
        assertThat(done.path("status").asText()).isEqualTo("done");
        assertThat(done.path("tenants").findValuesAsText("id")).containsExactlyInAnyOrder("default", "atelier_nord");
        assertThat(done.path("tenants").findValues("ok")).allMatch(JsonNode::asBoolean);
        assertThat(demo.fleet.plane().tenants().find(dev.flotilla.tenant.TenantId.of("default")).orElseThrow().currentVersion())
                .isEqualTo("1");
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("restore.requested", "restore")))
                .extracting(e -> e.action() + " " + e.actor() + " " + e.outcome())
                .containsExactlyInAnyOrder("restore.requested admin ok", "restore admin ok", "restore admin ok");
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("restore.requested")).get(0).details())
                .startsWith("the backups taken before " + id + "; 2 tenant(s): ").contains("atelier_nord", "default");
        assertThat(started.body() + done).doesNotContain(TENANCY_SECRET);
    }

    @Test
    void the_deployments_page_asks_in_the_command_lines_words_then_shows_the_restore_as_a_tenants_restore() throws Exception {
        String id = deployed(demo.accounts.createToken("admin", "ci"), "default", "atelier_nord");
        String admin = adminSession();

        assertThat(get("/deployments/" + id, null, admin).body()).contains("href=\"/deployments/" + id + "/restore\"");
        String confirm = get("/deployments/" + id + "/restore", null, admin).body();
        assertThat(confirm).contains("Replace 2 tenant(s) with the backups taken before " + id
                + "; everything changed since is lost?", "atelier_nord", "default");
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("restore.requested", "restore"))).as("only asked").isEmpty();

        HttpResponse<String> restore = form(admin, "/deployments/" + id + "/restore", "");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        String result = get(restore.headers().firstValue("Location").orElseThrow(), null, admin).body();

        assertThat(result).contains("id=\"restore-done\"", "data-tenant=\"default\"", "data-tenant=\"atelier_nord\"",
                "<span class=\"ok\">restored</span>").doesNotContain(TENANCY_SECRET);
    }

    @Test
    void an_operator_may_not_restore_a_deployment_and_the_refusal_is_audited_with_it() throws Exception {
        String id = deployed(demo.accounts.createToken("admin", "ci"), "default");

        HttpResponse<String> refused = post("/api/v1/deployments/" + id + "/restore", demo.accounts.createToken("olivia", "ci"), "");
        HttpResponse<String> page = get("/deployments/" + id + "/restore", null, signIn("olivia", DemoConsole.OPERATOR_PASSWORD));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(get("/deployments/" + id, null, signIn("olivia", DemoConsole.OPERATOR_PASSWORD)).body())
                .doesNotContain("/deployments/" + id + "/restore");
        assertThat(demo.fleet.plane().audit().page(new AuditLog.Filter("olivia", "denied", null), 0, 5))
                .extracting(e -> e.deployment() + " " + e.details()).hasSize(2).allMatch(d -> d.startsWith(id + " ") && d.contains("restore"));
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("restore"))).isEmpty();
    }

    @Test
    void a_deployment_that_kept_no_backup_is_refused_up_front_saying_why_and_audited() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String id = json(deploy(token, "2", List.of("default"), ", \"skipBackup\": true")).path("deployment").asText();
        afterWork("/api/v1/deployments/" + id, token);

        HttpResponse<String> refused = post("/api/v1/deployments/" + id + "/restore", token, "");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused).path("detail").asText()).contains("No backup taken before " + id + " is kept",
                "skipped with --skip-backup by admin");
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("restore.requested")))
                .extracting(AuditLog.Entry::outcome).containsExactly("denied");
    }

    /** A deployment of version 2 to these tenants through the API, backed up first, ended; its id. */
    private String deployed(String token, String... tenants) throws Exception {
        String id = json(deploy(token, "2", List.of(tenants), "")).path("deployment").asText();
        assertThat(afterWork("/api/v1/deployments/" + id, token).at("/deployment/status").asText()).isEqualTo("succeeded");
        assertThat(demo.fleet.plane().backups().keptFor(id).tenants()).isEqualTo(tenants.length);
        return id;
    }
}
