package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deployments through the REST API, as a CI job runs them with a token: started, resumed and rolled back; held to the dry
 * run they name; refused over an edited file; their timeouts and their time; over real HTTP.
 */
class ConsoleApiDeploymentsIT extends ConsoleOverHttp {
    @Test
    void a_ci_token_tests_deploys_and_rolls_back_through_the_api() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        assertThat(get("/api/v1/me", token).body()).contains("\"platform_super_admin\"");
        JsonNode files = json(get("/api/v1/migrations", token));
        assertThat(files.path("files").findValuesAsText("script")).contains("V2__serial_system_integration.sql");

        HttpResponse<String> started = post("/api/v1/dry-runs", token, "{\"versions\": [\"3\"], \"group\": \"ateliers\"}");
        assertThat(started.statusCode()).isEqualTo(202);
        JsonNode dryRun = afterWork("/api/v1/dry-runs/" + json(started).path("id").asText(), token);
        assertThat(dryRun.path("status").asText()).as("as a drift check's or a verify's").isEqualTo("done");
        assertThat(dryRun.path("tenants")).hasSize(3);
        JsonNode tested = json(get("/api/v1/audit?action=dry-run.finished", token)).path("entries").get(0);
        assertThat(tested.path("outcome").asText()).as("the dry run's outcome is audited").isEqualTo("ok");
        assertThat(tested.path("details").asText()).startsWith("3 tenant(s): ");
        assertThat(tested.path("user").asText()).isEqualTo("admin");

        HttpResponse<String> deployed = deploy(token, "3", List.of("default", "bistro_lumiere"), "");
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(202);
        String id = json(deployed).path("deployment").asText();
        JsonNode done = afterWork("/api/v1/deployments/" + id, token);
        assertThat(done.path("tasks").findValuesAsText("status")).containsExactly("succeeded", "succeeded");
        assertThat(done.path("tasks").get(0).path("applied").toString()).isEqualTo("[\"2\",\"3\"]");

        HttpResponse<String> resume = post("/api/v1/deployments/" + id + "/resume", token, "");
        assertThat(resume.statusCode()).isEqualTo(400);
        assertThat(json(resume).path("detail").asText()).contains("is succeeded, with no tenant to resume");
        HttpResponse<String> again = deploy(token, "3", List.of("default"), "");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("upToDate").asInt()).isEqualTo(1);

        HttpResponse<String> rollback = post("/api/v1/deployments/" + id + "/rollback", token, "");
        assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(202);
        assertThat(json(rollback).path("total").asInt()).as("the tenants it undoes something on").isEqualTo(2);
        assertThat(afterWork("/api/v1/deployments/" + json(rollback).path("deployment").asText(), token)
                .path("deployment").path("status").asText()).isEqualTo("succeeded");
        assertThat(json(get("/api/v1/tenants/default", token)).path("currentVersion").asText()).isEqualTo("1");
        String page = get("/tenants/default", null, adminSession()).body();
        String undone = page.substring(page.indexOf("<tr><td>3</td>"), page.indexOf("</tr>", page.indexOf("<tr><td>3</td>")));
        assertThat(undone).as("a pending row shows no install data of its undo").contains(">pending<", "undone ", " by ")
                .endsWith("<td></td><td></td>").doesNotContain(" ms");
        HttpResponse<String> twice = post("/api/v1/deployments/" + id + "/rollback", token, "");
        assertThat(twice.statusCode()).as("a second rollback would undo nothing and call it success").isEqualTo(400);
        assertThat(json(twice).path("detail").asText()).contains("was rolled back by " + json(rollback).path("deployment").asText());
        assertThat(json(get("/api/v1/audit?action=rollback.requested", token)).path("entries").findValuesAsText("outcome"))
                .as("the refusal is audited too").containsExactly("denied", "ok");
        assertThat(json(get("/api/v1/audit?action=deploy.finished", token)).path("entries").findValuesAsText("outcome"))
                .containsOnly("ok");
        assertThat(json(get("/api/v1/audit?user=admin&action=deploy.requested", token)).path("entries").get(0)
                .path("source").asText()).isEqualTo("127.0.0.1");
        assertThat(json(get("/api/v1/audit?actor=nobody", token)).path("total").asInt())
                .as("the earlier builds' 'actor' still filters, rather than answering every entry").isZero();
        JsonNode ofOneTenant = json(get("/api/v1/audit?tenant=bistro_lumiere", token)).path("entries");
        assertThat(ofOneTenant.findValuesAsText("action")).as("a deployment's entries are its tenants' too")
                .contains("deploy.requested", "deploy.started", "deploy.finished", "rollback.requested", "rollback.finished");
        assertThat(ofOneTenant.findValuesAsText("deployment")).contains(id);
    }

    @Test
    void a_deployment_says_when_its_process_was_last_seen_in_milliseconds_keeping_the_older_seconds() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        String id = interruptedDeployment("admin", "default");
        onControlPlane("UPDATE deployments SET heartbeat_at = DATEADD('SECOND', -90, CURRENT_TIMESTAMP) WHERE id = '" + id + "'");

        JsonNode deployment = json(get("/api/v1/deployments/" + id, admin)).path("deployment");
        JsonNode listed = json(get("/api/v1/deployments", admin)).path("deployments").get(0);

        assertThat(deployment.path("lastSeenMs").isIntegralNumber()).as(deployment.toString()).isTrue();
        assertThat(deployment.path("lastSeenMs").asLong()).isBetween(90_000L, 3_600_000L);
        assertThat(deployment.path("lastSeen").asDouble()).as("deprecated: the same, in seconds")
                .isBetween(90.0, 3_600.0);
        assertThat(deployment.path("staleAfterMs").isIntegralNumber()).isTrue();
        assertThat(deployment.path("staleAfterMs").asLong()).isEqualTo(Math.round(deployment.path("staleAfter").asDouble() * 1000));
        assertThat(listed.path("id").asText()).isEqualTo(id);
        assertThat(listed.path("lastSeenMs").asLong()).isBetween(90_000L, 3_600_000L);
    }

    @Test
    void a_deployment_gives_the_time_it_spent_running_without_the_pause_before_its_resume() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        String id = interruptedDeployment("admin", "default");
        // Its process died half a minute ago, with its tenant migrating.
        onControlPlane("UPDATE deployments SET started_at = DATEADD('SECOND', -30, started_at) WHERE id = '" + id + "'",
                "UPDATE deployment_tasks SET started_at = DATEADD('SECOND', -30, started_at) WHERE deployment_id = '" + id + "'");

        assertThat(post("/api/v1/deployments/" + id + "/resume", admin, "").statusCode()).isEqualTo(202);
        JsonNode resumed = afterWork("/api/v1/deployments/" + id, admin);
        long sinceStart = java.time.Duration.between(java.time.Instant.parse(resumed.at("/deployment/startedAt").asText()),
                java.time.Instant.parse(resumed.at("/deployment/finishedAt").asText())).toMillis();

        assertThat(resumed.path("runningMs").isIntegralNumber()).as(resumed.toString()).isTrue();
        assertThat(resumed.path("runningMs").asLong()).as("the resumed run's time, not the pause's").isBetween(0L, 20_000L);
        assertThat(sinceStart).as("its startedAt and finishedAt still span the pause").isGreaterThanOrEqualTo(30_000L);
        assertThat(json(get("/api/v1/openapi.json", admin)).at("/paths/~1deployments~1{id}/get/responses/200/description")
                .asText()).contains("runningMs");
    }

    @Test
    void a_deployment_naming_its_dry_run_goes_only_where_that_dry_run_passed_unless_a_super_admin_overrides_it() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String dryRun = dryRunFailedOnMaisonAtelier(token);
        String tested = ", \"dryRun\": \"" + dryRun + "\"";

        Refused refused = deployBeyond(token, dryRun);
        HttpResponse<String> otherVersion = deploy(token, "3", List.of("default"), tested);
        HttpResponse<String> overrideAlone = deploy(token, "2", List.of("default"), ", \"overrideFailedTest\": true");
        int deploymentsAfterRefusals = demo.fleet.plane().deployments().newest(10).size();
        HttpResponse<String> passed = deploy(token, "2", List.of("default"), tested);
        afterWork("/api/v1/deployments/" + json(passed).path("deployment").asText(), token);
        HttpResponse<String> overridden = deploy(token, "2", List.of("maison_atelier"), ", \"overrideFailedTest\": true" + tested);
        JsonNode overriddenDone = afterWork("/api/v1/deployments/" + json(overridden).path("deployment").asText(), token);

        refused.assertEach();
        assertThat(json(refused.failed()).path("detail").asText()).contains("\"overrideFailedTest\": true");
        assertThat(otherVersion.statusCode()).isEqualTo(409);
        assertThat(json(otherVersion).path("detail").asText()).contains("did not test V3__notification_configurations.sql, which this"
                + " deploy would apply (it tested the files up to version 2)");
        assertThat(overrideAlone.statusCode()).isEqualTo(400);
        assertThat(deploymentsAfterRefusals).as("only the demo's setup").isEqualTo(1);
        assertThat(passed.statusCode()).as(passed.body()).isEqualTo(202);
        assertThat(json(get("/api/v1/tenants/default", token)).path("currentVersion").asText()).isEqualTo("2");
        assertThat(overridden.statusCode()).as(overridden.body()).isEqualTo(202);
        assertThat(overriddenDone.path("tasks").findValuesAsText("status")).as("it fails again, as the test said")
                .containsExactly("failed");
        JsonNode overrides = json(get("/api/v1/audit?action=deploy.failed-test-overridden", token)).path("entries");
        assertThat(overrides.findValuesAsText("tenant")).containsExactly("maison_atelier");
        assertThat(overrides.findValuesAsText("deployment")).as("the deployment the override started")
                .containsExactly(json(overridden).path("deployment").asText());
    }

    @Test
    void a_deployment_naming_its_dry_run_is_gated_on_what_the_control_plane_recorded_of_it_after_the_console_restarts()
            throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String dryRun = dryRunFailedOnMaisonAtelier(token);
        demo.fleet.plane().dryRuns().started("cut-short", "admin", List.of("2"), java.util.Map.of(),
                List.of(dev.flotilla.tenant.TenantId.of("default")));

        demo.restart();
        String tested = ", \"dryRun\": \"" + dryRun + "\"";
        HttpResponse<String> shown = get("/api/v1/dry-runs/" + dryRun, token);
        Refused refused = deployBeyond(token, dryRun);
        HttpResponse<String> unfinished = deploy(token, "2", List.of("default"), ", \"dryRun\": \"cut-short\"");
        int deploymentsAfterRefusals = demo.fleet.plane().deployments().newest(10).size();
        HttpResponse<String> passed = deploy(token, "2", List.of("default"), tested);
        afterWork("/api/v1/deployments/" + json(passed).path("deployment").asText(), token);

        assertThat(shown.statusCode()).as("what the control plane recorded of it, rather than nothing").isEqualTo(200);
        assertThat(json(shown).path("status").asText()).isEqualTo("failed");
        assertThat(json(shown).path("detailsAvailable").asBoolean(true)).as(shown.body()).isFalse();
        assertThat(json(shown).path("detailsNote").asText()).contains("no longer keeps this dry run's details", "dry-run again");
        assertThat(json(shown).path("tenants").findValuesAsText("status")).containsExactly("success", "error");
        assertThat(json(shown).path("tenants").get(1).path("error").asText()).contains("serial_quarantine");
        assertThat(json(get("/api/v1/dry-runs/cut-short", token)).path("status").asText()).isEqualTo("unfinished");
        refused.assertEach();
        assertThat(unfinished.statusCode()).isEqualTo(409);
        assertThat(json(unfinished).path("detail").asText()).contains("stopped before it finished");
        assertThat(deploymentsAfterRefusals).as("only the demo's setup").isEqualTo(1);
        assertThat(passed.statusCode()).as(passed.body()).isEqualTo(202);
        assertThat(json(get("/api/v1/tenants/default", token)).path("currentVersion").asText()).isEqualTo("2");
        assertThat(json(get("/api/v1/audit?action=deploy.requested", token)).path("entries").get(0).path("details").asText())
                .contains("tested by dry run " + dryRun);
    }

    @Test
    void a_deployment_over_a_tenant_whose_applied_file_was_edited_is_refused_before_it_is_recorded_and_audited() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        deployedToDefault(token, "2");
        java.nio.file.Path v2 = demo.fleet.template().migrations().resolve("V2__serial_system_integration.sql");
        java.nio.file.Files.writeString(v2, java.nio.file.Files.readString(v2) + "\n-- edited after it was applied\n");
        int before = json(get("/api/v1/deployments", token)).path("total").asInt();

        HttpResponse<String> refused = deploy(token, "3", List.of("default"), "");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("CHECKSUM_MISMATCH", "V2__serial_system_integration.sql (version 2) was edited"
                + " after it was applied on 1 tenant(s) (default)", "`flotilla repair --tenants default --realign-checksums`");
        assertThat(json(get("/api/v1/deployments", token)).path("total").asInt()).isEqualTo(before);
        assertThat(json(get("/api/v1/audit?action=deploy.requested", token)).path("entries").findValuesAsText("outcome"))
                .as("the deploy of version 2, then the refusal, once").containsExactly("denied", "ok");
    }

    @Test
    void a_resume_over_a_tenant_whose_applied_file_was_edited_is_refused_before_it_reopens_anything_and_audited()
            throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        deployedToDefault(token, "2");
        String interrupted = interruptedDeployment("admin", "default");
        java.nio.file.Path v2 = demo.fleet.template().migrations().resolve("V2__serial_system_integration.sql");
        java.nio.file.Files.writeString(v2, java.nio.file.Files.readString(v2) + "\n-- edited after it was applied\n");

        HttpResponse<String> refused = post("/api/v1/deployments/" + interrupted + "/resume", token, "");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("CHECKSUM_MISMATCH", "V2__serial_system_integration.sql (version 2) was edited"
                + " after it was applied on 1 tenant(s) (default)", "The resume of " + interrupted + " was refused",
                "`flotilla repair --tenants default --realign-checksums`");
        JsonNode deployment = json(get("/api/v1/deployments/" + interrupted, token));
        assertThat(deployment.at("/deployment/status").asText()).isEqualTo("interrupted");
        assertThat(deployment.path("tasks").findValuesAsText("attempts")).containsOnly("1");
        assertThat(json(get("/api/v1/audit?action=deploy.resume", token)).path("entries").findValuesAsText("outcome"))
                .containsExactly("denied");
    }

    @Test
    void a_deployment_takes_lock_and_statement_timeouts_as_the_cli_does_and_refuses_one_it_cannot_read() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");

        HttpResponse<String> unreadable = deploy(token, "2", List.of("default"), ", \"lockTimeout\": \"5 minutes\"");
        HttpResponse<String> zero = deploy(token, "2", List.of("default"), ", \"statementTimeout\": \"0s\"");
        HttpResponse<String> given = deploy(token, "2", List.of("default"), ", \"lockTimeout\": \"2s\", \"statementTimeout\": \"1h\"");

        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(json(unreadable).path("detail").asText()).contains("\"lockTimeout\": '5 minutes' is not a duration",
                "500ms, 5s, 10m or 1h");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(json(zero).path("detail").asText()).contains("\"statementTimeout\" must be positive");
        assertThat(given.statusCode()).as(given.body()).isEqualTo(202);
        JsonNode done = afterWork("/api/v1/deployments/" + json(given).path("deployment").asText(), token);
        assertThat(done.path("tasks").findValuesAsText("status")).containsExactly("succeeded");
        JsonNode requested = json(get("/api/v1/audit?action=deploy.requested", token)).path("entries");
        assertThat(requested.get(0).path("details").asText()).contains("lock timeout 2s; statement timeout 1h");
    }

    @Test
    void a_tenant_deployed_up_to_an_earlier_version_is_still_pending_the_later_files() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");

        String id = deployedToDefault(token, "2");
        JsonNode tenant = json(get("/api/v1/tenants/default", token));

        assertThat(tenant.path("currentVersion").asText()).isEqualTo("2");
        assertThat(tenant.path("status").asText()).isEqualTo("pending");
        assertThat(tenant.path("pending").asInt()).as("version 3 is still to come").isEqualTo(1);
        assertThat(tenant.path("pendingCount").isInt()).as("named as plan and status --fleet name it: " + tenant).isTrue();
        assertThat(tenant.path("pendingCount").asInt()).isEqualTo(1);
    }

    /** Version 2's dry run on maison_atelier, where a table it creates is in the way already, and default: failed; its id. */
    private String dryRunFailedOnMaisonAtelier(String token) throws Exception {
        onTenant("maison_atelier", "CREATE TABLE serial_quarantine (id INTEGER)");
        String dryRun = json(post("/api/v1/dry-runs", token, "{\"versions\": [\"2\"], \"tenants\": [\"maison_atelier\", \"default\"]}"))
                .path("id").asText();
        assertThat(afterWork("/api/v1/dry-runs/" + dryRun, token).path("status").asText()).isEqualTo("failed");
        return dryRun;
    }

    /** The answers to deployments of version 2 that {@link #dryRunFailedOnMaisonAtelier}'s dry run does not let through. */
    private record Refused(HttpResponse<String> failed, HttpResponse<String> untested, HttpResponse<String> unknown) {
        /** Each refused (409), saying why: where the dry run failed, what it did not test, that no such dry run is kept. */
        void assertEach() throws Exception {
            assertThat(failed.statusCode()).as(failed.body()).isEqualTo(409);
            assertThat(json(failed).path("detail").asText()).contains("failed on 1 tenant(s): maison_atelier (", "serial_quarantine");
            assertThat(untested.statusCode()).isEqualTo(409);
            assertThat(json(untested).path("detail").asText()).contains("did not test 1 of the tenant(s) to deploy: atelier_nord");
            assertThat(unknown.statusCode()).isEqualTo(409);
            assertThat(json(unknown).path("detail").asText()).contains("No dry run nope is kept");
        }
    }

    /** Deploys version 2 where the dry run failed, where it did not go, and naming a dry run no one made. */
    private Refused deployBeyond(String token, String dryRun) throws Exception {
        String tested = ", \"dryRun\": \"" + dryRun + "\"";
        return new Refused(deploy(token, "2", List.of("maison_atelier", "default"), tested),
                deploy(token, "2", List.of("atelier_nord"), tested), deploy(token, "2", List.of("default"), ", \"dryRun\": \"nope\""));
    }
}
