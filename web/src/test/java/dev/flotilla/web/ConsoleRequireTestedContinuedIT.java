package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A console serving a fleet with deploy.requireTested: the API's resume and retry of a deployment are checked as a new
 * deploy is, on the tenants they would run again, before anything is reopened: 409 NOT_TESTED, audited denied, naming the
 * dry run to run; a tenant whose task started after its dry run (it failed part-way) needs a new one. Their confirmation
 * pages say so before their buttons.
 */
class ConsoleRequireTestedContinuedIT extends ConsoleOverHttp {
    @Override
    DemoConsole newDemo() throws Exception {
        return new DemoConsole(folder, fleet -> fleet.requiringTests(true));
    }

    private void dryRun(String token, List<String> tenants) throws Exception {
        String names = tenants.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", "));
        String id = json(post("/api/v1/dry-runs", token, "{\"versions\": [\"2\"], \"tenants\": [" + names + "]}")).path("id")
                .asText();
        assertThat(afterWork("/api/v1/dry-runs/" + id, token).path("status").asText()).isEqualTo("done");
    }

    /** The confirmation page's warning that its button would be refused NOT_TESTED, or "" when it has none. */
    private static String warning(String page) {
        int start = page.indexOf("<div class=\"message bad\" id=\"confirm-not-tested\">");
        return start < 0 ? "" : page.substring(start, page.indexOf("</div>", start));
    }

    @Test
    void a_retry_of_a_tenant_that_failed_after_its_dry_run_is_refused_until_it_is_dry_run_again() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        dryRun(token, List.of("atelier_nord"));
        onTenant("atelier_nord", "CREATE TABLE serial_quarantine (id INTEGER)"); // after its dry run: V2 fails there
        String id = demo.deployedOneByOne(List.of());
        onTenant("atelier_nord", "DROP TABLE serial_quarantine");
        String session = adminSession();
        String warned = get("/deployments/" + id + "/retry-failed", null, session).body();

        HttpResponse<String> refused = post("/api/v1/deployments/" + id + "/retry-failed", token, "");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).path("detail").asText()).contains("Nothing was retried: deploy.requireTested requires",
                "(tested before the tenant last changed: atelier_nord)", "atelier_nord ran in deployment " + id
                        + " after its newest dry run and failed or was cut off part-way",
                "`flotilla dry-run --tenants atelier_nord --to 2`", "`flotilla deploy --retry-failed " + id + "`");
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("deploy.retry-failed")))
                .extracting(e -> e.outcome()).containsExactly("denied");
        assertThat(demo.fleet.plane().deployments().require(id).failed()).as("nothing reopened").isEqualTo(1);

        assertThat(ConsoleNextStepsIT.unescaped(warning(warned))).as("said on the confirmation page, before its button, as the"
                + " console does it").contains("Retry failed would be refused now (NOT_TESTED)",
                "(tested before the tenant last changed: atelier_nord)", "Dry-run them with the migration wizard's Test step"
                + " (its files, these tenants, then Test) (on the command line: `flotilla dry-run --tenants atelier_nord --to 2`)",
                "then run it again: “Retry failed” on deployment " + id + "'s page (on the command line: `flotilla deploy"
                + " --retry-failed " + id + "`).", "href=\"/wizard\"");
        assertThat(warned.indexOf("id=\"confirm-not-tested\"")).isLessThan(warned.indexOf("id=\"confirm-retry-failed\""));

        dryRun(token, List.of("atelier_nord"));
        assertThat(get("/deployments/" + id + "/retry-failed", null, session).body()).as("tested since")
                .doesNotContain("confirm-not-tested");
        HttpResponse<String> retried = post("/api/v1/deployments/" + id + "/retry-failed", token, "");

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        JsonNode done = afterWork("/api/v1/deployments/" + id, token);
        assertThat(done.path("deployment").path("failed").asInt()).as(done.toString()).isZero();
    }

    @Test
    void a_resume_of_tenants_never_dry_run_is_refused_as_a_deploy_of_them_would_be() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        onTenant("atelier_nord", "CREATE TABLE serial_quarantine (id INTEGER)");
        String id = demo.deployedOneByOne(List.of());
        List<String> skipped = new ArrayList<>();
        json(get("/api/v1/deployments/" + id, token)).path("tasks").forEach(t -> {
            if (t.path("status").asText().equals("skipped")) {
                skipped.add(t.path("id").asText());
            }
        });
        assertThat(skipped).isNotEmpty();

        String session = adminSession();
        String warned = get("/deployments/" + id + "/resume", null, session).body();
        HttpResponse<String> refused = post("/api/v1/deployments/" + id + "/resume", token, "");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).path("detail").asText()).contains("Nothing was resumed: deploy.requireTested requires",
                "(not tested: " + String.join(", ", skipped) + ")",
                "`flotilla dry-run --tenants " + String.join(",", skipped) + " --to 2`",
                "`flotilla deploy --resume " + id + "`");
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("deploy.resume")))
                .extracting(e -> e.outcome()).containsExactly("denied");
        assertThat(demo.fleet.plane().deployments().require(id).skipped()).as("nothing reopened").isEqualTo(skipped.size());

        assertThat(ConsoleNextStepsIT.unescaped(warning(warned))).as("said on the confirmation page, before its button").contains(
                "Resume would be refused now (NOT_TESTED)", "(not tested: " + String.join(", ", skipped) + ")",
                "`flotilla dry-run --tenants " + String.join(",", skipped) + " --to 2`",
                "then run it again: “Resume” on deployment " + id + "'s page (on the command line: `flotilla deploy --resume "
                + id + "`).");
        String pastFailures = ConsoleNextStepsIT.unescaped(warning(get("/deployments/" + id + "/resume-continue-on-error",
                null, session).body()));
        assertThat(pastFailures).as("Resume past failures names itself, --continue-on-error and all").contains(
                "Resume past failures would be refused now (NOT_TESTED)", "then run it again: “Resume past failures” on"
                + " deployment " + id + "'s page (on the command line: `flotilla deploy --resume " + id
                + " --continue-on-error`).");
        HttpResponse<String> refusedPage = form(session, "/deployments/" + id + "/resume-continue-on-error", "");
        assertThat(refusedPage.statusCode()).as(refusedPage.body()).isEqualTo(409);
        assertThat(ConsoleNextStepsIT.unescaped(refusedPage.body())).as("its refusal on the page too").contains(
                "`flotilla deploy --resume " + id + " --continue-on-error`");

        dryRun(token, skipped);
        assertThat(get("/deployments/" + id + "/resume", null, session).body()).as("tested since")
                .doesNotContain("confirm-not-tested");
        HttpResponse<String> resumed = post("/api/v1/deployments/" + id + "/resume", token, "");

        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
        JsonNode done = afterWork("/api/v1/deployments/" + id, token);
        assertThat(done.path("deployment").path("skipped").asInt()).as(done.toString()).isZero();
    }
}
