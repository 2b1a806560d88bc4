package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A resume or a retry of the console or the API without the checks, as a deploy's "Skip the checks" ({@code skipChecks},
 * {@code --skip-checks}): asked for again (a resume runs the checks the deployment skipped unless asked), for a role
 * that may skip them (SKIP_CHECKS, checked as the deploy's), audited as the deploy's skip is. The demo fleet runs checks
 * after each tenant.
 */
class ConsoleContinuedSkipChecksIT extends ConsoleContinuedSkip {
    @Test
    void a_resume_asked_to_skip_the_checks_runs_none_and_is_audited_as_the_deploy_s_skip() throws Exception {
        Resumed resumed = resumedSkipping("skipChecks");

        assertRanNoChecks(resumed.shown());
        assertThat(demo.fleet.plane().audit().ofDeployment(resumed.id(), List.of("deploy.resume")))
                .extracting(e -> e.actor() + ": " + e.details())
                .containsExactly("admin: resumes " + resumed.interrupted() + "; skip-checks");
    }

    @Test
    void a_retry_from_its_confirmation_page_without_the_checks_is_audited_as_the_deploy_s_skip() throws Exception {
        Retried retried = retriedSkipping("skipChecks", "continue-skip-checks");

        assertThat(retried.shown().at("/deployment/status").asText()).isEqualTo("succeeded");
        assertRanNoChecks(retried.shown());
        assertThat(demo.fleet.plane().audit().ofDeployment(retried.failed(), List.of("deploy.retry-failed")))
                .extracting(e -> e.action() + ": " + e.details())
                .anyMatch(line -> line.endsWith("1 failed tenant(s); skip-checks"));
    }

    private static void assertRanNoChecks(JsonNode shown) {
        assertThat(shown.at("/tasks/0/checks").isMissingNode() || shown.at("/tasks/0/checks").isNull()).as(shown.toString())
                .isTrue();
    }
}
