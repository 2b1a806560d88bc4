package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.CheckStatus;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console's fleet jobs (dry runs, drift checks, verifies) and deployments as the command line has them: its options,
 * its words in JSON, its audit of a run that failed as a whole, and the time a deployment spent running.
 */
class ConsoleFleetJobsIT extends ConsoleOverHttp {
    @Test
    void a_drift_check_or_verify_that_fails_as_a_whole_is_audited_as_failed() throws Exception {
        String token = demo.accounts.createToken("olivia", "ci");
        // The control plane refuses what the checks record, as one that went away in the middle would.
        onControlPlane("ALTER TABLE drift_checks RENAME TO webjobs_h_drift_checks", "ALTER TABLE verifications RENAME TO webjobs_h_verifications");

        JsonNode drift = afterWork(post("/api/v1/drift", token, "{\"tenants\": [\"default\"]}").headers().firstValue("Location")
                .orElseThrow(), token);
        JsonNode verify = afterWork(post("/api/v1/verify", token, "{\"tenants\": [\"default\"]}").headers().firstValue("Location")
                .orElseThrow(), token);
        java.util.List<JsonNode> driftAudit = audited(token, "drift");
        java.util.List<JsonNode> verifyAudit = audited(token, "verify");

        assertThat(drift.path("status").asText()).as(drift.toString()).isEqualTo("failed");
        assertThat(verify.path("status").asText()).as(verify.toString()).isEqualTo("failed");
        assertThat(driftAudit).as("the drift check's end").hasSize(1);
        assertThat(driftAudit.get(0).path("outcome").asText()).isEqualTo("failed");
        assertThat(driftAudit.get(0).path("details").asText()).startsWith("could not run: ").contains("DRIFT_CHECKS");
        assertThat(driftAudit.get(0).path("user").asText()).isEqualTo("olivia");
        assertThat(verifyAudit).as("the verify's end").hasSize(1);
        assertThat(verifyAudit.get(0).path("outcome").asText()).isEqualTo("failed");
        assertThat(verifyAudit.get(0).path("tenant").asText()).isEqualTo("default");
    }

    @Test
    void a_restore_that_fails_as_a_whole_is_audited_as_failed() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String deployment = deployedToDefault(token, "3");
        String rollback = json(post("/api/v1/deployments/" + deployment + "/rollback", token, "")).path("deployment").asText();
        afterWork("/api/v1/deployments/" + rollback, token);
        // The control plane refuses what the restore reads once started, as one that went away in the middle would.
        onControlPlane("ALTER TABLE deployments RENAME TO webjobs_h_deployments");

        HttpResponse<String> started = post("/api/v1/restores", token, "{\"backup\": \"" + rollback + "\", \"tenants\": [\"default\"]}");
        JsonNode restore = afterWork(started.headers().firstValue("Location").orElse("/api/v1/restores/none"), token);
        java.util.List<JsonNode> restoreAudit = audited(token, "restore");
        onControlPlane("ALTER TABLE webjobs_h_deployments RENAME TO deployments");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(restore.path("status").asText()).as(restore.toString()).isEqualTo("failed");
        assertThat(restoreAudit).as("the restore's end").hasSize(1);
        assertThat(restoreAudit.get(0).path("outcome").asText()).isEqualTo("failed");
        assertThat(restoreAudit.get(0).path("details").asText()).startsWith("backup " + rollback + " could not run: ");
        assertThat(restoreAudit.get(0).path("user").asText()).isEqualTo("admin");
        assertThat(restoreAudit.get(0).path("tenant").asText()).isEqualTo("default");
    }

    @Test
    void a_verify_from_the_console_or_the_api_clears_earlier_failures_of_checks_it_skips_only_when_asked_as_the_cli_does() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        String operator = demo.accounts.createToken("olivia", "ci");
        afterWork("/api/v1/deployments/" + json(post("/api/v1/deployments", admin,
                "{\"versions\": [\"3\"], \"tenants\": [\"default\", \"bistro_lumiere\"]}")).path("deployment").asText(), admin);
        for (String tenant : List.of("default", "bistro_lumiere")) {
            lostRowsInADeployment(tenant);
        }
        String session = signIn("olivia", DemoConsole.OPERATOR_PASSWORD);

        String verifyPage = get("/verify", null, session).body();
        afterWork("/api/v1/verify/" + json(post("/api/v1/verify", operator, "{\"tenants\": [\"bistro_lumiere\"]}")).path("id").asText(),
                operator);
        String kept = json(get("/api/v1/tenants/bistro_lumiere", operator)).path("status").asText();
        HttpResponse<String> cleared = post("/api/v1/verify", operator, "{\"tenants\": [\"bistro_lumiere\"], \"clearUnexamined\": true}");
        afterWork("/api/v1/verify/" + json(cleared).path("id").asText(), operator);
        form(session, "/verify", "tenants=default&clearUnexamined=on");
        afterWork("/api/v1/tenants/default", operator);

        assertThat(verifyPage).contains("id=\"clear-unexamined\"");
        assertThat(kept).as("without it the earlier failure stands").isEqualTo("failed-verification");
        assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(202);
        assertThat(json(get("/api/v1/tenants/bistro_lumiere", operator)).path("status").asText()).isEqualTo("up-to-date");
        assertThat(json(get("/api/v1/tenants/default", operator)).path("status").asText()).as("from the Verify page").isEqualTo("up-to-date");
        assertThat(audited(operator, "verify").get(0).path("details").asText()).contains("clear-unexamined");
    }

    /** The tenant failed-verification as a deployment's row-counts check leaves it, which no verify examines again. */
    private void lostRowsInADeployment(String tenant) {
        TenantId id = TenantId.of(tenant);
        demo.fleet.plane().verifications().record(id, null, "deploy", List.of(new CheckResult("row-counts", CheckStatus.FAILED,
                "notes: 1 row(s) before, 0 after (1 lost)", List.of(), 1)));
        demo.fleet.plane().tenants().updateChecked(id, "Verification failed: row-counts: notes: 1 row(s) before, 0 after (1 lost)");
        assertThat(demo.fleet.plane().tenants().find(id).orElseThrow().status()).isEqualTo("failed-verification");
    }

    @Test
    void a_deploy_through_the_api_applies_an_out_of_order_migration_only_when_asked_and_records_it_as_the_cli_does() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        String operator = demo.accounts.createToken("olivia", "ci");
        deployedToDefault(admin, "3");
        java.nio.file.Files.writeString(folder.resolve("migrations").resolve("V2_5__late_branch.sql"),
                "CREATE TABLE late_branch (id INTEGER);\n");

        HttpResponse<String> refusedDryRun = post("/api/v1/dry-runs", operator,
                "{\"versions\": [\"3\"], \"tenants\": [\"default\"], \"outOfOrder\": true}");
        HttpResponse<String> strict = post("/api/v1/deployments", admin, "{\"versions\": [\"3\"], \"tenants\": [\"default\"]}");
        JsonNode tested = afterWork("/api/v1/dry-runs/" + json(post("/api/v1/dry-runs", admin,
                "{\"versions\": [\"3\"], \"tenants\": [\"default\"], \"outOfOrder\": true}")).path("id").asText(), admin);
        HttpResponse<String> started = post("/api/v1/deployments", admin, "{\"versions\": [\"3\"], \"tenants\": [\"default\"],"
                + " \"outOfOrder\": true, \"dryRun\": \"" + tested.path("id").asText() + "\"}");
        JsonNode outOfOrder = afterWork("/api/v1/deployments/" + json(started).path("deployment").asText(), admin);

        assertThat(refusedDryRun.statusCode()).as("for a role that may deploy").isEqualTo(403);
        assertThat(strict.statusCode()).as("refused before anything is recorded: " + strict.body()).isEqualTo(422);
        assertThat(strict.body()).contains("OUT_OF_ORDER", "--out-of-order");
        assertThat(tested.path("status").asText()).as(tested.toString()).isEqualTo("done");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(outOfOrder.path("tasks").get(0).path("status").asText()).as(outOfOrder.toString()).isEqualTo("succeeded");
        assertThat(outOfOrder.path("tasks").get(0).path("applied").toString()).isEqualTo("[\"2.5\"]");
        assertThat(outOfOrder.path("deployment").path("options").asText()).as("what its resume reads").contains("outOfOrder");
        assertThat(audited(admin, "deploy.requested").get(0).path("details").asText()).contains("out-of-order");
    }

    @Test
    void the_wizard_tests_and_deploys_out_of_order_when_a_super_admin_ticks_it_and_an_operator_is_neither_offered_nor_allowed_it()
            throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        deployedToDefault(admin, "3");
        java.nio.file.Files.writeString(folder.resolve("migrations").resolve("V2_5__late_branch.sql"),
                "CREATE TABLE late_branch (id INTEGER);\n");
        String operatorSession = signIn("olivia", DemoConsole.OPERATOR_PASSWORD);
        var operator = formsOf(operatorSession);
        operator.apply("/wizard/files", "version=3");
        operator.apply("/wizard/tenants/toggle", "id=default&selected=on");
        String session = adminSession();
        var form = formsOf(session);
        form.apply("/wizard/files", "version=3");
        form.apply("/wizard/tenants/toggle", "id=default&selected=on");

        String operatorTestPage = get("/wizard/test", null, operatorSession).body();
        HttpResponse<String> operatorOutOfOrder = operator.apply("/wizard/test", "outOfOrder=on");
        String testPage = get("/wizard/test", null, session).body();
        form.apply("/wizard/test", "outOfOrder=on");
        afterWork("/api/v1/tenants/default", admin);
        String confirm = get("/wizard/confirm", null, session).body();
        String deployment = form.apply("/wizard/deploy", "").headers().firstValue("Location").orElseThrow();
        JsonNode deployed = afterWork("/api/v1" + deployment, admin);

        assertThat(operatorTestPage).doesNotContain("id=\"out-of-order\"");
        assertThat(operatorOutOfOrder.statusCode()).isEqualTo(403);
        assertThat(testPage).contains("id=\"out-of-order\"");
        assertThat(confirm).contains("id=\"confirm-out-of-order\"");
        assertThat(deployed.path("tasks").get(0).path("applied").toString()).as(deployed.toString()).isEqualTo("[\"2.5\"]");
        assertThat(deployed.path("deployment").path("options").asText()).contains("outOfOrder");
    }

    @Test
    void a_deployment_resumed_after_a_pause_shows_the_time_it_spent_running_and_apart_the_time_since_it_started() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        String id = interruptedDeployment("admin", "default");
        // Its process died half a minute ago, with its tenant migrating.
        onControlPlane("UPDATE deployments SET started_at = DATEADD('SECOND', -30, started_at) WHERE id = '" + id + "'",
                "UPDATE deployment_tasks SET started_at = DATEADD('SECOND', -30, started_at) WHERE deployment_id = '" + id + "'");

        HttpResponse<String> resume = post("/api/v1/deployments/" + id + "/resume", admin, "");
        afterWork("/api/v1/deployments/" + id, admin);
        String page = get("/deployments/" + id, null, adminSession()).body();

        assertThat(resume.statusCode()).as(resume.body()).isEqualTo(202);
        assertThat(seconds(page, "<span id=\"wall\">")).as("the resumed run's time, not the pause's").isLessThan(20);
        assertThat(seconds(page, "<small id=\"since-start\">(")).as("labelled apart").isGreaterThanOrEqualTo(30);
    }

    /** The time shown right after {@code before} on the page, in seconds ("850 ms" or "31.2 s"). */
    private static double seconds(String page, String before) {
        assertThat(page).contains(before);
        String shown = page.substring(page.indexOf(before) + before.length()).split("[<(]|since")[0].strip();
        return shown.endsWith(" ms") ? Double.parseDouble(shown.replace(" ms", "")) / 1000
                : Double.parseDouble(shown.replace(" s", ""));
    }

    /** The audit entries of exactly this action (the API's filter takes its prefix: drift.requested too), newest first. */
    java.util.List<JsonNode> audited(String token, String action) throws Exception {
        return java.util.stream.StreamSupport.stream(json(get("/api/v1/audit?action=" + action, token)).path("entries").spliterator(), false)
                .filter(e -> e.path("action").asText().equals(action)).toList();
    }
}
