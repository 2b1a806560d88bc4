package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A resume or a retry of the console or the API without the checks, as a deploy's "Skip the checks" ({@code skipChecks},
 * {@code --skip-checks}): asked for again (a resume runs the checks the deployment skipped unless asked), for a role
 * that may skip them (SKIP_CHECKS, checked as the deploy's), audited as the deploy's skip is. The demo fleet runs checks
 * after each tenant.
 */
class ConsoleContinuedSkipChecksIT extends ConsoleOverHttp {
    @Test
    void a_resume_asked_to_skip_the_checks_runs_none_and_is_audited_as_the_deploy_s_skip() throws Exception {
        String interrupted = interruptedDeployment("root", "atelier_nord");
        String token = demo.accounts.createToken("admin", "ci");

        HttpResponse<String> resumed = post("/api/v1/deployments/" + interrupted + "/resume", token, "{\"skipChecks\": true}");

        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
        String id = json(resumed).path("deployment").asText();
        JsonNode shown = afterWork("/api/v1/deployments/" + id, token);
        assertThat(shown.at("/deployment/status").asText()).isEqualTo("succeeded");
        assertThat(shown.at("/tasks/0/checks").isMissingNode() || shown.at("/tasks/0/checks").isNull()).as(shown.toString())
                .isTrue();
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("deploy.resume")))
                .extracting(e -> e.actor() + ": " + e.details()).containsExactly("admin: resumes " + interrupted + "; skip-checks");
    }

    @Test
    void a_retry_from_its_confirmation_page_without_the_checks_is_audited_as_the_deploy_s_skip() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String failed = failedThenFixed(token);
        String session = adminSession();

        String confirm = get("/deployments/" + failed + "/retry-failed", null, session).body();
        HttpResponse<String> retried = form(session, "/deployments/" + failed + "/retry-failed", "skipChecks=on");
        JsonNode shown = afterWork("/api/v1/deployments/" + failed, token);

        assertThat(confirm).contains("name=\"skipChecks\" value=\"on\" id=\"continue-skip-checks\"");
        assertThat(confirm).as("a continuation's skip is this run's, kept in the audit log, not the deployment's options")
                .contains("for this run only").doesNotContain("recorded with the deployment");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(303);
        assertThat(shown.at("/deployment/status").asText()).isEqualTo("succeeded");
        assertThat(shown.at("/tasks/0/checks").isMissingNode() || shown.at("/tasks/0/checks").isNull()).as(shown.toString())
                .isTrue();
        assertThat(demo.fleet.plane().audit().ofDeployment(failed, List.of("deploy.retry-failed")))
                .extracting(e -> e.action() + ": " + e.details())
                .anyMatch(line -> line.endsWith("1 failed tenant(s); skip-checks"));
    }
}
