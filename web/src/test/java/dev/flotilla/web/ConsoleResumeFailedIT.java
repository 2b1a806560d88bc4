package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.tenant.TenantId;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A deployment that ended failed, its later tenants skipped after a tenant failed, is resumed from the console and the
 * API as `deploy --resume` resumes it: its skipped tenants run, its failed one stays failed; refused as the command line
 * refuses it when a failed canary holds the rest back; offered to a super admin only.
 */
class ConsoleResumeFailedIT extends ConsoleOverHttp {
    @Test
    void a_failed_deployment_s_skipped_tenants_are_resumed_from_its_page_and_audited() throws Exception {
        String id = failedDeployment("atelier_nord", List.of());
        var record = demo.fleet.plane().deployments().require(id);
        assertThat(record.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(record.skipped()).as("a tenant failed, the rest were skipped").isPositive();
        String session = adminSession();

        String page = get("/deployments/" + id, null, session).body();
        String asOperator = get("/deployments/" + id, null, signIn("olivia", DemoConsole.OPERATOR_PASSWORD)).body();
        HttpResponse<String> confirm = get("/deployments/" + id + "/resume", null, session);
        HttpResponse<String> operatorPosts = post("/api/v1/deployments/" + id + "/resume",
                demo.accounts.createToken("olivia", "ci"), "");
        HttpResponse<String> resumed = form(session, "/deployments/" + id + "/resume", "");

        assertThat(page).as("Resume offered beside Retry failed").contains("href=\"/deployments/" + id + "/resume\"",
                "href=\"/deployments/" + id + "/retry-failed\"");
        assertThat(asOperator).doesNotContain("href=\"/deployments/" + id + "/resume\"");
        assertThat(confirm.statusCode()).as(confirm.body()).isEqualTo(200);
        assertThat(confirm.body()).contains("id=\"confirm-resume\"", "ended failed").doesNotContain("data-tenant=\"atelier_nord\"");
        assertThat(operatorPosts.statusCode()).as("a super admin's action only").isEqualTo(403);
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(303);
        JsonNode done = afterWork("/api/v1/deployments/" + id, demo.accounts.createToken("admin", "ci"));
        for (JsonNode task : done.path("tasks")) {
            assertThat(task.path("status").asText()).as(task.toString())
                    .isEqualTo(task.path("id").asText().equals("atelier_nord") ? "failed" : "succeeded");
        }
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("deploy.resume")))
                .extracting(e -> e.actor() + " " + e.outcome()).containsExactly("admin ok");
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("deploy.resumed"))).hasSize(1);
        assertThat(get("/deployments/" + id, null, session).body()).as("nothing left to resume")
                .doesNotContain("href=\"/deployments/" + id + "/resume\"");
    }

    @Test
    void a_failed_deployment_whose_canary_failed_is_not_resumed_as_the_command_line_refuses_it() throws Exception {
        String id = failedDeployment("maison_atelier", List.of(TenantId.of("maison_atelier")));
        assertThat(demo.fleet.plane().deployments().require(id).skipped()).isPositive();
        String session = adminSession();
        String token = demo.accounts.createToken("admin", "ci");

        String page = get("/deployments/" + id, null, session).body();
        HttpResponse<String> confirm = get("/deployments/" + id + "/resume", null, session);
        HttpResponse<String> refused = post("/api/v1/deployments/" + id + "/resume", token, "");

        assertThat(page).doesNotContain("href=\"/deployments/" + id + "/resume\"")
                .contains("href=\"/deployments/" + id + "/retry-failed\"");
        assertThat(confirm.statusCode()).isEqualTo(400);
        assertThat(confirm.body()).contains("canary maison_atelier failed");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused).path("detail").asText()).contains("canary maison_atelier failed", "--retry-failed " + id);
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("deploy.resume")))
                .extracting(e -> e.outcome()).containsExactly("denied");
        assertThat(demo.fleet.plane().deployments().require(id).skipped()).as("nothing reopened").isPositive();
    }

    @Test
    void a_super_admin_resumes_past_a_failed_canary_with_continue_on_error_from_the_page_a_later_failure_not_stopping_it()
            throws Exception {
        String id = failedDeployment("maison_atelier", List.of(TenantId.of("maison_atelier")));
        onTenant("atelier_nord", "CREATE TABLE serial_quarantine (id INTEGER)");
        String session = adminSession();
        String resumePast = "href=\"/deployments/" + id + "/resume-continue-on-error\"";

        String page = get("/deployments/" + id, null, session).body();
        String asOperator = get("/deployments/" + id, null, signIn("olivia", DemoConsole.OPERATOR_PASSWORD)).body();
        HttpResponse<String> confirm = get("/deployments/" + id + "/resume-continue-on-error", null, session);
        HttpResponse<String> resumed = form(session, "/deployments/" + id + "/resume-continue-on-error", "");
        JsonNode done = afterWork("/api/v1/deployments/" + id, demo.accounts.createToken("admin", "ci"));

        assertThat(page).as("offered where a failed canary holds the rest back").contains(resumePast)
                .doesNotContain("href=\"/deployments/" + id + "/resume\"");
        assertThat(asOperator).doesNotContain(resumePast);
        assertThat(confirm.statusCode()).as(confirm.body()).isEqualTo(200);
        assertThat(confirm.body()).contains("deploy --resume " + id + " --continue-on-error", "past the failed canary maison_atelier",
                "a tenant that fails does not stop the others", "id=\"confirm-resume-continue-on-error\"")
                .doesNotContain("data-tenant=\"maison_atelier\"");
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(303);
        for (JsonNode task : done.path("tasks")) {
            String tenant = task.path("id").asText();
            assertThat(task.path("status").asText()).as(task.toString())
                    .isEqualTo(tenant.equals("maison_atelier") || tenant.equals("atelier_nord") ? "failed" : "succeeded");
        }
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("deploy.resume")))
                .extracting(e -> e.actor() + " " + e.outcome() + " " + e.details())
                .containsExactly("admin ok resumes " + id + "; continue-on-error");
    }

    @Test
    void the_api_resumes_past_a_failed_canary_with_continue_on_error_and_a_role_that_may_not_deploy_is_refused()
            throws Exception {
        String id = failedDeployment("maison_atelier", List.of(TenantId.of("maison_atelier")));
        String body = "{\"continueOnError\": true}";

        HttpResponse<String> operator = post("/api/v1/deployments/" + id + "/resume", demo.accounts.createToken("olivia", "ci"), body);
        HttpResponse<String> resumed = post("/api/v1/deployments/" + id + "/resume", demo.accounts.createToken("admin", "ci"), body);
        JsonNode done = afterWork("/api/v1/deployments/" + id, demo.accounts.createToken("admin", "ci"));

        assertThat(operator.statusCode()).isEqualTo(403);
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
        assertThat(json(resumed).path("deployment").asText()).isEqualTo(id);
        assertThat(done.path("deployment").path("skipped").asInt()).as(done.toString()).isZero();
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("deploy.resume")))
                .extracting(e -> e.outcome() + " " + e.details()).containsExactly("ok resumes " + id + "; continue-on-error");
    }

    /** {@link DemoConsole#deployedOneByOne}, failing on {@code failing} (its table exists already). */
    private String failedDeployment(String failing, List<TenantId> canary) throws Exception {
        onTenant(failing, "CREATE TABLE serial_quarantine (id INTEGER)");
        return demo.deployedOneByOne(canary);
    }
}
