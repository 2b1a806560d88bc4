package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A console serving a fleet with deploy.requireTested: the API's deploy, with or without a dry run named, goes ahead only
 * where each tenant's newest dry run passed for exactly the migrations it applies; a super admin's overrideFailedTest does
 * not get past it. Refused with 409 and NOT_TESTED, naming the dry run to run, nothing started.
 */
class ConsoleRequireTestedIT extends ConsoleOverHttp {
    @Override
    DemoConsole newDemo() throws Exception {
        return new DemoConsole(folder, fleet -> fleet.requiringTests(true));
    }

    @Test
    void a_deploy_of_a_tenant_never_dry_run_is_refused_and_one_whose_dry_run_passed_goes_ahead() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        int deployments = demo.fleet.plane().deployments().count();

        HttpResponse<String> untested = deploy(token, "2", List.of("default"), "");

        assertThat(untested.statusCode()).as(untested.body()).isEqualTo(409);
        assertThat(json(untested).path("detail").asText()).contains("deploy.requireTested requires a passing dry run",
                "(not tested: default)", "`flotilla dry-run --tenants default --to 2`"); // the demo's V3 is not deployed
        assertThat(demo.fleet.plane().deployments().count()).as("nothing started").isEqualTo(deployments);

        String dryRun = json(post("/api/v1/dry-runs", token, "{\"versions\": [\"2\"], \"tenants\": [\"default\"]}")).path("id")
                .asText();
        assertThat(afterWork("/api/v1/dry-runs/" + dryRun, token).path("status").asText()).isEqualTo("done");
        HttpResponse<String> tested = deploy(token, "2", List.of("default"), "");

        assertThat(tested.statusCode()).as(tested.body()).isEqualTo(202);
        JsonNode done = afterWork("/api/v1/deployments/" + json(tested).path("deployment").asText(), token);
        assertThat(done.at("/deployment/status").asText()).isEqualTo("succeeded");
    }

    @Test
    void a_super_admins_override_of_a_failed_test_does_not_get_past_the_requirement() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        int deployments = demo.fleet.plane().deployments().count();
        onTenant("maison_atelier", "CREATE TABLE serial_quarantine (id INTEGER)");
        String dryRun = json(post("/api/v1/dry-runs", token, "{\"versions\": [\"2\"], \"tenants\": [\"maison_atelier\"]}"))
                .path("id").asText();
        assertThat(afterWork("/api/v1/dry-runs/" + dryRun, token).path("status").asText()).isEqualTo("failed");

        HttpResponse<String> overridden = deploy(token, "2", List.of("maison_atelier"),
                ", \"overrideFailedTest\": true, \"dryRun\": \"" + dryRun + "\"");

        assertThat(overridden.statusCode()).as(overridden.body()).isEqualTo(409);
        assertThat(json(overridden).path("detail").asText()).contains("(failed: maison_atelier (SQL_ERROR: ");
        assertThat(demo.fleet.plane().deployments().count()).as("nothing started").isEqualTo(deployments);
    }

    @Test
    void the_wizards_confirmation_says_the_deploy_will_be_refused_when_a_tenants_newest_dry_run_is_of_other_files()
            throws Exception {
        String session = adminSession();
        form(session, "/wizard/files", "version=3");
        form(session, "/wizard/tenants/toggle", "id=default&selected=on");
        form(session, "/wizard/test", "");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        String token = demo.accounts.createToken("admin", "ci");
        String dryRun = json(post("/api/v1/dry-runs", token, "{\"versions\": [\"2\"], \"tenants\": [\"default\"]}")).path("id")
                .asText();
        assertThat(afterWork("/api/v1/dry-runs/" + dryRun, token).path("status").asText()).isEqualTo("done");

        String confirm = get("/wizard/confirm", null, session).body();

        assertThat(confirm).contains("<p class=\"message bad\" id=\"confirm-not-tested\">This deploy will be refused"
                + " (deploy.requireTested): 1 of 1 tenant(s) have no passing dry run of the migrations this deploy would apply"
                + " (tested on other files: default). Test again: the same files on the same tenants, as they are now;"
                + " then deploy after that test.</p>");
        assertThat(confirm).as("the test offered, not the deploy it would refuse").contains("id=\"test-again\"")
                .doesNotContain("id=\"confirm-deploy\"", "id=\"confirm-deploy-override\"");
        form(session, "/wizard/test/again", "");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        String tested = get("/wizard/confirm", null, session).body();
        assertThat(tested).as("its newest test is the wizard's again").doesNotContain("confirm-not-tested")
                .contains("id=\"confirm-deploy\"");
    }
}
