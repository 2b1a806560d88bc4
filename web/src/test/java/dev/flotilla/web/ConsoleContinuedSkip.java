package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/**
 * A resume or a retry of the console or the API asked to skip what a deploy may skip ({@code skipBackup},
 * {@code skipChecks}) again, by the admin: the resume through the API, the retry from its confirmation page, whose box
 * says that a continuation's skip is this run's. Subclasses assert what ran without it and how it was audited.
 */
abstract class ConsoleContinuedSkip extends ConsoleOverHttp {
    /** The interrupted deployment of atelier_nord, the resume of it the API started, and that resume shown once done. */
    record Resumed(String interrupted, String id, JsonNode shown) {}

    /** The failed-then-fixed deployment retried from its confirmation page, and that deployment shown once done. */
    record Retried(String failed, JsonNode shown) {}

    /** Resumes, through the API, a deployment interrupted on atelier_nord with {@code skip} (skipBackup, skipChecks) true. */
    Resumed resumedSkipping(String skip) throws Exception {
        String interrupted = interruptedDeployment("root", "atelier_nord");
        String token = demo.accounts.createToken("admin", "ci");

        HttpResponse<String> resumed = post("/api/v1/deployments/" + interrupted + "/resume", token, "{\"" + skip + "\": true}");

        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
        String id = json(resumed).path("deployment").asText();
        JsonNode shown = afterWork("/api/v1/deployments/" + id, token);
        assertThat(shown.at("/deployment/status").asText()).isEqualTo("succeeded");
        return new Resumed(interrupted, id, shown);
    }

    /** Retries a failed deployment from its confirmation page with the box {@code skip} ticked, {@code boxId} its id. */
    Retried retriedSkipping(String skip, String boxId) throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String failed = failedThenFixed(token);
        String session = adminSession();

        String confirm = get("/deployments/" + failed + "/retry-failed", null, session).body();
        HttpResponse<String> retried = form(session, "/deployments/" + failed + "/retry-failed", skip + "=on");
        JsonNode shown = afterWork("/api/v1/deployments/" + failed, token);

        assertThat(confirm).contains("name=\"" + skip + "\" value=\"on\" id=\"" + boxId + "\"");
        assertThat(confirm).as("a continuation's skip is this run's, kept in the audit log, not the deployment's options")
                .contains("for this run only").doesNotContain("recorded with the deployment");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(303);
        return new Retried(failed, shown);
    }
}
