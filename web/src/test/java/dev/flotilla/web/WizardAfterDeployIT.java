package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Findings of a walk of the wizard (seed 000): a new wizard after a deploy kept the last choice ticked, so clicking the
 * ticked file unticked it and "Confirm and continue" refused; its own refusals ("No files", "No tenants") showed no error
 * code where Flotilla's (BAD_USAGE) did; and its confirmation did not say which tenants have no passing dry run of what
 * the deploy applies, as `flotilla deploy` warns.
 */
class WizardAfterDeployIT extends ConsoleOverHttp {
    @Test
    void a_new_wizard_after_a_deploy_starts_clean_and_says_so() throws Exception {
        String session = adminSession();
        BiFunction<String, String, HttpResponse<String>> form = formsOf(session);
        testedOnDefault(form);
        HttpResponse<String> deployed = form.apply("/wizard/deploy", "");
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(303);
        String deployment = deployed.headers().firstValue("Location").orElseThrow().replace("/deployments/", "");
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).isTrue();

        String files = get("/wizard/files", null, session).body();
        HttpResponse<String> chosen = form.apply("/wizard/files", "version=3");
        HttpResponse<String> noTenants = form.apply("/wizard/tenants", "");

        assertThat(files).contains("id=\"wizard-started-over\"", "nothing is chosen yet",
                "<a href=\"/deployments/" + deployment + "\">deployment " + deployment + "</a>");
        assertThat(files).as("no file ticked").doesNotContain(" checked");
        assertThat(chosen.statusCode()).as("ticking V3 chooses it, not unticks it").isEqualTo(303);
        assertThat(noTenants.statusCode()).as("the tenants were forgotten too").isEqualTo(400);
        assertThat(get("/wizard/files", null, session).body()).as("said once").doesNotContain("wizard-started-over");
    }

    @Test
    void the_wizards_own_refusals_show_an_error_code_as_flotillas_do() throws Exception {
        String session = adminSession();
        BiFunction<String, String, HttpResponse<String>> form = formsOf(session);

        HttpResponse<String> noFiles = get("/wizard/test", null, session);
        form.apply("/wizard/files", "version=3");
        HttpResponse<String> noTenants = form.apply("/wizard/tenants", "");
        form.apply("/wizard/tenants/toggle", "id=default&selected=on");
        HttpResponse<String> untested = form.apply("/wizard/deploy", "");

        assertThat(noFiles.body()).contains("<h1>No files</h1>", "<small id=\"error-code\">HTTP 400 · BAD_USAGE</small>");
        assertThat(noTenants.body()).contains("<h1>No tenants</h1>", "<small id=\"error-code\">HTTP 400 · BAD_USAGE</small>");
        assertThat(untested.body()).contains("<h1>Test first</h1>", "<small id=\"error-code\">HTTP 409 · NOT_TESTED</small>");
    }

    @Test
    void nothing_to_deploy_shows_its_error_code_as_every_other_refusal_does() throws Exception {
        String session = adminSession();
        BiFunction<String, String, HttpResponse<String>> form = formsOf(session);
        testedOnDefault(form);
        // Deployed elsewhere (a CI job through the API) after the wizard's test: the wizard's deploy finds nothing to do.
        String token = demo.accounts.createToken("admin", "ci");
        deployedToDefault(token, "3");

        HttpResponse<String> nothing = form.apply("/wizard/deploy", "");

        assertThat(nothing.statusCode()).as(nothing.body()).isEqualTo(409);
        assertThat(nothing.body()).contains("<h1>Nothing to deploy</h1>",
                "<small id=\"error-code\">HTTP 409 · NOTHING_TO_DEPLOY</small>", "already up to date");
    }

    @Test
    void the_confirmation_names_the_tenants_whose_newest_dry_run_is_not_of_what_the_deploy_applies() throws Exception {
        String session = adminSession();
        BiFunction<String, String, HttpResponse<String>> form = formsOf(session);
        testedOnDefault(form);
        String confirmed = get("/wizard/confirm", null, session).body();
        // A dry run of V2 alone since: default's newest test is no longer of V2 and V3, which the deploy would apply.
        String token = demo.accounts.createToken("admin", "ci");
        String dryRun = json(post("/api/v1/dry-runs", token, "{\"versions\": [\"2\"], \"tenants\": [\"default\"]}")).path("id")
                .asText();
        assertThat(afterWork("/api/v1/dry-runs/" + dryRun, token).path("status").asText()).isEqualTo("done");

        String confirm = get("/wizard/confirm", null, session).body();

        assertThat(confirmed).as("its newest test is the wizard's").doesNotContain("confirm-not-tested");
        assertThat(confirm).contains("<p class=\"message warn\" id=\"confirm-not-tested\">1 of 1 tenant(s) have no passing dry run"
                + " of the migrations this deploy would apply (tested on other files: default).");
    }

    @Test
    void the_confirmation_and_the_deploy_each_read_the_migrations_folder_once() throws Exception {
        String session = adminSession();
        BiFunction<String, String, HttpResponse<String>> form = formsOf(session);
        testedOnDefault(form);

        long beforeConfirm = ConsoleFleet.folderReads();
        HttpResponse<String> confirm = get("/wizard/confirm", null, session);
        long confirmReads = ConsoleFleet.folderReads() - beforeConfirm;
        // The form is posted with the CSRF token of the dashboard, which shows versions as written from the names alone.
        long beforeDeploy = ConsoleFleet.folderReads();
        HttpResponse<String> deployed = form.apply("/wizard/deploy", "");
        long deployReads = ConsoleFleet.folderReads() - beforeDeploy;

        assertThat(confirm.statusCode()).as(confirm.body()).isEqualTo(200);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(303);
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).isTrue();
        assertThat(confirmReads).as("the confirmation: the test's files, what may run, the listing and the plan").isEqualTo(1);
        assertThat(deployReads).as("the deploy: the test's files, the gate and the deploy's plan and run").isEqualTo(1);
    }

    private void testedOnDefault(BiFunction<String, String, HttpResponse<String>> form) throws InterruptedException {
        form.apply("/wizard/files", "version=3");
        form.apply("/wizard/tenants/toggle", "id=default&selected=on");
        form.apply("/wizard/test", "");
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).isTrue();
    }
}
