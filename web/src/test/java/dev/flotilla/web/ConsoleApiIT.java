package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The REST API and its defences (tokens, roles, throttles, secrets), over real HTTP, as a CI job uses it. */
class ConsoleApiIT extends ConsoleOverHttp {
    @Test
    void a_port_in_use_is_bad_usage_naming_the_port_and_what_to_do() {
        int taken = demo.console.port();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WebConsole.start(demo.fleet, WebSettings.local(taken)))
                .isInstanceOf(dev.flotilla.FlotillaException.class)
                .hasMessageContainingAll("Port " + taken + " on 127.0.0.1 is already in use", "--port")
                .extracting(e -> ((dev.flotilla.FlotillaException) e).code()).isEqualTo(dev.flotilla.ErrorCode.BAD_USAGE);
    }

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

        HttpResponse<String> deploy = post("/api/v1/deployments", token, "{\"versions\": [\"3\"], \"tenants\": [\"default\", \"bistro_lumiere\"]}");
        assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(202);
        String id = json(deploy).path("deployment").asText();
        JsonNode done = afterWork("/api/v1/deployments/" + id, token);
        assertThat(done.path("tasks").findValuesAsText("status")).containsExactly("succeeded", "succeeded");
        assertThat(done.path("tasks").get(0).path("applied").toString()).isEqualTo("[\"2\",\"3\"]");

        HttpResponse<String> resume = post("/api/v1/deployments/" + id + "/resume", token, "");
        assertThat(resume.statusCode()).isEqualTo(400);
        assertThat(json(resume).path("detail").asText()).contains("is succeeded, not interrupted");
        HttpResponse<String> again = post("/api/v1/deployments", token, "{\"versions\": [\"3\"], \"tenants\": [\"default\"]}");
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
    void a_rollback_through_the_api_backs_each_tenant_up_first_so_that_its_restore_puts_back_the_rows_it_dropped() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String deployment = deployedToDefault(token, "3");
        onTenant("default", "INSERT INTO notification_configurations (id, company_id, channel) VALUES (7, 1, 'sms')");

        String rollback = json(post("/api/v1/deployments/" + deployment + "/rollback", token, "")).path("deployment").asText();
        afterWork("/api/v1/deployments/" + rollback, token);
        JsonNode backups = json(get("/api/v1/backups?tenant=default", token)).path("backups");
        HttpResponse<String> restore = post("/api/v1/restores", token, "{\"backup\": \"" + rollback + "\", \"tenants\": [\"default\"]}");
        JsonNode restored = afterWork(restore.headers().firstValue("Location").orElse("/api/v1/restores/none"), token);

        assertThat(backups.findValuesAsText("id")).as("taken before the down files ran").contains(rollback);
        assertThat(restore.statusCode()).as(restore.body()).isEqualTo(202);
        assertThat(restored.path("tenants").get(0).path("ok").asBoolean()).as(restored.toString()).isTrue();
        assertThat(json(get("/api/v1/tenants/default", token)).path("currentVersion").asText()).isEqualTo("3");
        assertThat(rowsOnDefault("SELECT channel FROM notification_configurations")).containsExactly("sms");
    }

    @Test
    void restoring_from_a_rollback_that_backed_up_nothing_says_so_rather_than_guessing_at_a_new_tenant_or_backup_keep() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String deployment = deployedToDefault(token, "3");
        var registered = demo.fleet.targets(demo.fleet.plane().tenants().all().stream().map(r -> r.tenant()).toList());
        String rollback = new dev.flotilla.run.FleetRollback(demo.fleet.plane(), demo.fleet.template(), demo.fleet.loadMigrations(),
                demo.fleet.deployAs("admin").withBackup(null), dev.flotilla.run.FleetListener.SILENT)
                .deployment(deployment, registered).deployment();

        HttpResponse<String> restore = post("/api/v1/restores", token, "{\"backup\": \"" + rollback + "\", \"tenants\": [\"default\"]}");
        var fromDeployment = new dev.flotilla.run.FleetRestore(demo.fleet.plane(), folder.resolve("backups"), null, 1, 1, "admin")
                .restore(rollback, registered.stream().filter(t -> t.tenant().id().value().equals("default")).toList());

        assertThat(restore.statusCode()).isEqualTo(400);
        assertThat(json(restore).path("detail").asText()).contains(rollback + " is a rollback that backed up no tenant",
                "rollback --skip-backup").doesNotContain("never taken");
        assertThat(fromDeployment.get(0).error()).contains("No backup of default was taken for " + rollback + ": " + rollback
                + " is a rollback that backed up no tenant").doesNotContain("a new tenant");
    }

    /** The values of the first column a query on the demo tenant "default" reads. */
    private List<String> rowsOnDefault(String query) throws Exception {
        var record = demo.fleet.plane().tenants().find(dev.flotilla.tenant.TenantId.of("default")).orElseThrow();
        var target = demo.fleet.targets(List.of(record.tenant())).get(0).target();
        try (var session = dev.flotilla.target.TargetSession.open(target, false)) {
            return dev.flotilla.sql.Jdbc.queryStrings(session.connection(), query);
        }
    }

    @Test
    void the_api_names_tenants_times_and_counts_as_the_cli_json_does() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");

        JsonNode dryRun = afterWork("/api/v1/dry-runs/" + json(post("/api/v1/dry-runs", token,
                "{\"versions\": [\"3\"], \"tenants\": [\"default\"]}")).path("id").asText(), token);
        JsonNode started = json(post("/api/v1/deployments", token, "{\"versions\": [\"3\"], \"tenants\": [\"default\"]}"));
        JsonNode deployment = afterWork("/api/v1/deployments/" + started.path("deployment").asText(), token);
        JsonNode audit = json(get("/api/v1/audit?action=deploy.requested", token)).path("entries").get(0);

        assertThat(dryRun.path("total").asInt()).isEqualTo(1);
        assertThat(dryRun.path("wallMs").isNumber()).as(dryRun.toString()).isTrue();
        assertThat(dryRun.path("timeMs").asLong()).as("the job's time, as a drift check's or a verify's").isEqualTo(dryRun.path("wallMs").asLong());
        assertThat(dryRun.path("user").asText()).isEqualTo("admin");
        assertThat(dryRun.path("status").asText()).isEqualTo("done");
        assertThat(dryRun.path("failed").asInt()).isZero();
        JsonNode tenant = dryRun.path("tenants").get(0);
        assertThat(tenant.path("id").asText()).as(dryRun.toString()).isEqualTo("default");
        assertThat(tenant.path("timeMs").isNumber()).isTrue();
        assertThat(tenant.path("diff").path("tablesCreated").isArray()).as("the CLI's diff summary").isTrue();
        assertThat(tenant.path("warnings").isArray()).isTrue();
        assertThat(dryRun.path("groups").get(0).path("tenants").toString()).isEqualTo("[\"default\"]");
        assertThat(started.path("total").asInt()).as(started.toString()).isEqualTo(1);
        JsonNode task = deployment.path("tasks").get(0);
        assertThat(task.path("id").asText()).as(task.toString()).isEqualTo("default");
        assertThat(task.path("timeMs").isNumber()).isTrue();
        assertThat(audit.path("user").asText()).as(audit.toString()).isEqualTo("admin");
        for (JsonNode node : List.of(dryRun, tenant, task)) {
            assertThat(node.fieldNames()).toIterable().as("an earlier build's key").doesNotContain("tenant", "millis", "results", "lint");
        }
        assertThat(audit.fieldNames()).toIterable().doesNotContain("actor");
    }

    @Test
    void a_deployment_naming_its_dry_run_goes_only_where_that_dry_run_passed_unless_a_super_admin_overrides_it() throws Exception {
        onTenant("maison_atelier", "CREATE TABLE serial_quarantine (id INTEGER)");
        String token = demo.accounts.createToken("admin", "ci");
        String dryRun = json(post("/api/v1/dry-runs", token, "{\"versions\": [\"2\"], \"tenants\": [\"maison_atelier\", \"default\"]}"))
                .path("id").asText();
        assertThat(afterWork("/api/v1/dry-runs/" + dryRun, token).path("status").asText()).isEqualTo("failed");
        String tested = ", \"dryRun\": \"" + dryRun + "\"";

        HttpResponse<String> failed = post("/api/v1/deployments", token,
                "{\"versions\": [\"2\"], \"tenants\": [\"maison_atelier\", \"default\"]" + tested + "}");
        HttpResponse<String> untested = post("/api/v1/deployments", token, "{\"versions\": [\"2\"], \"tenants\": [\"atelier_nord\"]" + tested + "}");
        HttpResponse<String> otherVersion = post("/api/v1/deployments", token, "{\"versions\": [\"3\"], \"tenants\": [\"default\"]" + tested + "}");
        HttpResponse<String> unknown = post("/api/v1/deployments", token, "{\"versions\": [\"2\"], \"tenants\": [\"default\"], \"dryRun\": \"nope\"}");
        HttpResponse<String> overrideAlone = post("/api/v1/deployments", token,
                "{\"versions\": [\"2\"], \"tenants\": [\"default\"], \"overrideFailedTest\": true}");
        int deploymentsAfterRefusals = demo.fleet.plane().deployments().newest(10).size();
        HttpResponse<String> passed = post("/api/v1/deployments", token, "{\"versions\": [\"2\"], \"tenants\": [\"default\"]" + tested + "}");
        afterWork("/api/v1/deployments/" + json(passed).path("deployment").asText(), token);
        HttpResponse<String> overridden = post("/api/v1/deployments", token,
                "{\"versions\": [\"2\"], \"tenants\": [\"maison_atelier\"], \"overrideFailedTest\": true" + tested + "}");
        JsonNode overriddenDone = afterWork("/api/v1/deployments/" + json(overridden).path("deployment").asText(), token);

        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(409);
        assertThat(json(failed).path("detail").asText()).contains("failed on 1 tenant(s): maison_atelier (", "serial_quarantine",
                "\"overrideFailedTest\": true");
        assertThat(untested.statusCode()).isEqualTo(409);
        assertThat(json(untested).path("detail").asText()).contains("did not test 1 of the tenant(s) to deploy: atelier_nord");
        assertThat(otherVersion.statusCode()).isEqualTo(409);
        assertThat(json(otherVersion).path("detail").asText()).contains("tested versions 2, not 3");
        assertThat(unknown.statusCode()).isEqualTo(409);
        assertThat(json(unknown).path("detail").asText()).contains("No dry run nope is kept");
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
        onTenant("maison_atelier", "CREATE TABLE serial_quarantine (id INTEGER)");
        String token = demo.accounts.createToken("admin", "ci");
        String dryRun = json(post("/api/v1/dry-runs", token, "{\"versions\": [\"2\"], \"tenants\": [\"maison_atelier\", \"default\"]}"))
                .path("id").asText();
        assertThat(afterWork("/api/v1/dry-runs/" + dryRun, token).path("status").asText()).isEqualTo("failed");
        demo.fleet.plane().dryRuns().started("cut-short", "admin", List.of("2"), java.util.Map.of(),
                List.of(dev.flotilla.tenant.TenantId.of("default")));

        demo.restart();
        String tested = ", \"dryRun\": \"" + dryRun + "\"";
        HttpResponse<String> shown = get("/api/v1/dry-runs/" + dryRun, token);
        HttpResponse<String> failed = post("/api/v1/deployments", token,
                "{\"versions\": [\"2\"], \"tenants\": [\"maison_atelier\", \"default\"]" + tested + "}");
        HttpResponse<String> untested = post("/api/v1/deployments", token, "{\"versions\": [\"2\"], \"tenants\": [\"atelier_nord\"]" + tested + "}");
        HttpResponse<String> unknown = post("/api/v1/deployments", token, "{\"versions\": [\"2\"], \"tenants\": [\"default\"], \"dryRun\": \"nope\"}");
        HttpResponse<String> unfinished = post("/api/v1/deployments", token,
                "{\"versions\": [\"2\"], \"tenants\": [\"default\"], \"dryRun\": \"cut-short\"}");
        int deploymentsAfterRefusals = demo.fleet.plane().deployments().newest(10).size();
        HttpResponse<String> passed = post("/api/v1/deployments", token, "{\"versions\": [\"2\"], \"tenants\": [\"default\"]" + tested + "}");
        afterWork("/api/v1/deployments/" + json(passed).path("deployment").asText(), token);

        assertThat(shown.statusCode()).as("what the control plane recorded of it, rather than nothing").isEqualTo(200);
        assertThat(json(shown).path("status").asText()).isEqualTo("failed");
        assertThat(json(shown).path("detailsAvailable").asBoolean(true)).as(shown.body()).isFalse();
        assertThat(json(shown).path("detailsNote").asText()).contains("no longer keeps this dry run's details", "dry-run again");
        assertThat(json(shown).path("tenants").findValuesAsText("status")).containsExactly("success", "error");
        assertThat(json(shown).path("tenants").get(1).path("error").asText()).contains("serial_quarantine");
        assertThat(json(get("/api/v1/dry-runs/cut-short", token)).path("status").asText()).isEqualTo("unfinished");
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(409);
        assertThat(json(failed).path("detail").asText()).contains("failed on 1 tenant(s): maison_atelier (", "serial_quarantine");
        assertThat(untested.statusCode()).isEqualTo(409);
        assertThat(json(untested).path("detail").asText()).contains("did not test 1 of the tenant(s) to deploy: atelier_nord");
        assertThat(unknown.statusCode()).isEqualTo(409);
        assertThat(json(unknown).path("detail").asText()).contains("No dry run nope is kept");
        assertThat(unfinished.statusCode()).isEqualTo(409);
        assertThat(json(unfinished).path("detail").asText()).contains("stopped before it finished");
        assertThat(deploymentsAfterRefusals).as("only the demo's setup").isEqualTo(1);
        assertThat(passed.statusCode()).as(passed.body()).isEqualTo(202);
        assertThat(json(get("/api/v1/tenants/default", token)).path("currentVersion").asText()).isEqualTo("2");
        assertThat(json(get("/api/v1/audit?action=deploy.requested", token)).path("entries").get(0).path("details").asText())
                .contains("tested by dry run " + dryRun);
    }

    @Test
    void an_operator_checks_drift_and_runs_the_checks_through_the_api_and_a_viewer_is_refused_and_audited() throws Exception {
        onTenant("default", "CREATE INDEX added_by_hand ON staff (email)");
        onTenant("bistro_lumiere", "PRAGMA foreign_keys = OFF", "INSERT INTO staff (id, company_id, email) VALUES (99, 999, 'o@x')");
        String operator = demo.accounts.createToken("olivia", "ci");
        String viewer = demo.accounts.createToken("victor", "read");

        HttpResponse<String> drift = post("/api/v1/drift", operator, "{\"all\": true}");
        JsonNode drifted = afterWork(drift.headers().firstValue("Location").orElseThrow(), operator);
        HttpResponse<String> verify = post("/api/v1/verify", operator, "{\"tenants\": [\"default\", \"bistro_lumiere\"]}");
        JsonNode verified = afterWork(verify.headers().firstValue("Location").orElseThrow(), operator);
        HttpResponse<String> viewerDrift = post("/api/v1/drift", viewer, "{\"all\": true}");
        HttpResponse<String> viewerVerify = post("/api/v1/verify", viewer, "{\"tenants\": [\"default\"]}");

        assertThat(drift.statusCode()).as(drift.body()).isEqualTo(202);
        assertThat(drifted.path("status").asText()).isEqualTo("done");
        assertThat(drifted.path("tenants")).hasSize(5);
        assertThat(drifted.path("drifted").asInt()).isEqualTo(1);
        JsonNode onDefault = java.util.stream.StreamSupport.stream(drifted.path("tenants").spliterator(), false)
                .filter(t -> t.path("id").asText().equals("default")).findFirst().orElseThrow();
        assertThat(onDefault.path("status").asText()).isEqualTo("drifted");
        assertThat(onDefault.path("diff").toString()).contains("added index added_by_hand");
        assertThat(demo.fleet.plane().drift().latest(dev.flotilla.tenant.TenantId.of("default"))).as("recorded as the CLI does")
                .hasValueSatisfying(d -> assertThat(d.drift().status()).isEqualTo(dev.flotilla.run.TenantDrift.Status.DRIFTED));
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(202);
        assertThat(verified.path("tenants")).extracting(t -> t.path("id").asText() + " " + t.path("ok").asBoolean())
                .containsExactlyInAnyOrder("default true", "bistro_lumiere false");
        assertThat(java.util.stream.StreamSupport.stream(verified.path("tenants").spliterator(), false)
                .filter(t -> t.path("id").asText().equals("bistro_lumiere")).findFirst().orElseThrow().path("checks").toString())
                .contains("\"status\":\"failed\"", "staff");
        assertThat(demo.fleet.plane().verifications().latest(dev.flotilla.tenant.TenantId.of("bistro_lumiere")))
                .hasValueSatisfying(v -> assertThat(v.ok()).isFalse());
        assertThat(viewerDrift.statusCode()).isEqualTo(403);
        assertThat(viewerVerify.statusCode()).isEqualTo(403);
        assertThat(json(get("/api/v1/audit?actor=victor&action=denied", operator)).path("entries").findValuesAsText("details"))
                .containsExactlyInAnyOrder("POST /api/v1/drift needs verify", "POST /api/v1/verify needs verify");
        assertThat(json(get("/api/v1/audit?actor=olivia", operator)).path("entries").findValuesAsText("action"))
                .contains("drift.requested", "drift", "verify.requested", "verify");
    }

    @Test
    void a_super_admin_lists_a_tenants_backups_and_restores_one_through_the_api_and_an_operator_may_not() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        String operator = demo.accounts.createToken("olivia", "ci");
        String deployment = deployedToDefault(admin, "2");

        JsonNode backups = json(get("/api/v1/backups?tenant=default", operator)).path("backups");
        HttpResponse<String> denied = post("/api/v1/restores", operator, "{\"backup\": \"" + deployment + "\", \"tenants\": [\"default\"]}");
        HttpResponse<String> unknown = post("/api/v1/restores", admin, "{\"backup\": \"nope\", \"tenants\": [\"default\"]}");
        HttpResponse<String> notInIt = post("/api/v1/restores", admin, "{\"backup\": \"" + deployment + "\", \"tenants\": [\"atelier_nord\"]}");
        HttpResponse<String> noTenants = post("/api/v1/restores", admin, "{\"backup\": \"" + deployment + "\"}");
        HttpResponse<String> restore = post("/api/v1/restores", admin, "{\"backup\": \"" + deployment + "\", \"tenants\": [\"default\"]}");
        JsonNode restored = afterWork(restore.headers().firstValue("Location").orElseThrow(), admin);

        assertThat(backups.get(0).path("id").asText()).isEqualTo(deployment);
        assertThat(backups.get(0).path("deployment").asText()).isEqualTo(deployment);
        assertThat(backups.get(0).path("tenant").asText()).isEqualTo("default");
        assertThat(backups.get(0).path("sizeBytes").asLong()).isPositive();
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("detail").asText()).contains("No backup nope of tenant default");
        assertThat(notInIt.statusCode()).isEqualTo(400);
        assertThat(json(notInIt).path("detail").asText()).contains("of tenant atelier_nord");
        assertThat(noTenants.statusCode()).isEqualTo(400);
        assertThat(restore.statusCode()).as(restore.body()).isEqualTo(202);
        assertThat(restored.path("status").asText()).isEqualTo("done");
        assertThat(restored.path("tenants").get(0).path("ok").asBoolean()).as(restored.toString()).isTrue();
        JsonNode tenant = json(get("/api/v1/tenants/default", admin));
        assertThat(tenant.path("currentVersion").asText()).as("back as before the deployment").isEqualTo("1");
        assertThat(tenant.path("status").asText()).isEqualTo("restored");
        assertThat(json(get("/api/v1/audit?action=restore", admin)).path("entries").findValuesAsText("outcome"))
                .as("requested: refused twice, then ok; restore.requested matches the family").contains("denied", "ok");
        assertThat(json(get("/api/v1/audit?actor=olivia&action=denied", admin)).path("entries").findValuesAsText("details"))
                .containsExactly("POST /api/v1/restores needs restore");
    }

    @Test
    void a_deployment_over_a_tenant_whose_applied_file_was_edited_is_refused_before_it_is_recorded_and_audited() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        deployedToDefault(token, "2");
        java.nio.file.Path v2 = demo.fleet.template().migrations().resolve("V2__serial_system_integration.sql");
        java.nio.file.Files.writeString(v2, java.nio.file.Files.readString(v2) + "\n-- edited after it was applied\n");
        int before = json(get("/api/v1/deployments", token)).path("total").asInt();

        HttpResponse<String> refused = post("/api/v1/deployments", token, "{\"versions\": [\"3\"], \"tenants\": [\"default\"]}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("CHECKSUM_MISMATCH", "V2__serial_system_integration.sql (version 2) was edited"
                + " after it was applied on 1 tenant(s) (default)", "`flotilla repair --tenants default --realign-checksums`");
        assertThat(json(get("/api/v1/deployments", token)).path("total").asInt()).isEqualTo(before);
        assertThat(json(get("/api/v1/audit?action=deploy.requested", token)).path("entries").get(0).path("outcome").asText())
                .isEqualTo("denied");
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

        HttpResponse<String> unreadable = post("/api/v1/deployments", token,
                "{\"versions\": [\"2\"], \"tenants\": [\"default\"], \"lockTimeout\": \"5 minutes\"}");
        HttpResponse<String> zero = post("/api/v1/deployments", token,
                "{\"versions\": [\"2\"], \"tenants\": [\"default\"], \"statementTimeout\": \"0s\"}");
        HttpResponse<String> given = post("/api/v1/deployments", token,
                "{\"versions\": [\"2\"], \"tenants\": [\"default\"], \"lockTimeout\": \"2s\", \"statementTimeout\": \"1h\"}");

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

    @Test
    void an_application_provisions_a_tenant_on_sign_up_through_the_api() throws Exception {
        String admin = demo.accounts.createToken("admin", "signup");
        String viewer = demo.accounts.createToken("victor", "read");

        HttpResponse<String> created = post("/api/v1/tenants", admin, "{\"id\": \"atelier_neuf\", \"groups\": [\"ateliers\"]}");
        HttpResponse<String> again = post("/api/v1/tenants", admin, "{\"id\": \"atelier_neuf\"}");
        HttpResponse<String> denied = post("/api/v1/tenants", viewer, "{\"id\": \"not_allowed\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/tenants/atelier_neuf");
        assertThat(json(created).path("status").asText()).isEqualTo("up-to-date");
        assertThat(json(created).path("currentVersion").asText()).isEqualTo("3");
        assertThat(json(created).path("how").asText()).startsWith("replayed 3 migration(s)");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("registered already");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(demo.fleet.plane().tenants().find(dev.flotilla.tenant.TenantId.of("not_allowed"))).isEmpty();
        JsonNode provisioned = json(get("/api/v1/audit?action=tenant.create.requested", admin)).path("entries").get(0);
        assertThat(provisioned.path("source").asText()).isEqualTo("127.0.0.1");
        assertThat(provisioned.path("tenant").asText()).isEqualTo("atelier_neuf");
    }

    @Test
    void a_tenant_provisioned_with_a_relative_sqlite_file_has_it_in_the_folder_of_flotilla_yml_as_tenants_create_does() throws Exception {
        String admin = demo.accounts.createToken("admin", "signup");
        Path file = folder.toAbsolutePath().normalize().resolve("own").resolve("atelier_propre.db");

        HttpResponse<String> created = post("/api/v1/tenants", admin, "{\"id\": \"atelier_propre\", \"url\": \"jdbc:sqlite:own/atelier_propre.db\"}");
        HttpResponse<String> withPassword = post("/api/v1/tenants", admin,
                "{\"id\": \"with_password\", \"url\": \"jdbc:sqlite:own/x.db?password=Sekr3tValue\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).path("target").asText()).isEqualTo("jdbc:sqlite:" + file);
        assertThat(file).isRegularFile();
        assertThat(Path.of("own")).as("nothing in the folder the console runs in").doesNotExist();
        assertThat(demo.fleet.plane().tenants().find(dev.flotilla.tenant.TenantId.of("atelier_propre")).orElseThrow().tenant().url())
                .as("stored resolved").isEqualTo("jdbc:sqlite:" + file);
        assertThat(withPassword.statusCode()).isEqualTo(400);
        assertThat(json(withPassword).path("detail").asText()).contains("carries a password; passwords are never stored");
        assertThat(withPassword.body()).doesNotContain("Sekr3tValue");
        assertThat(demo.fleet.plane().tenants().find(dev.flotilla.tenant.TenantId.of("with_password"))).isEmpty();
    }

    @Test
    void api_errors_are_problem_details_and_roles_are_enforced() throws Exception {
        HttpResponse<String> anonymous = get("/api/v1/tenants", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(anonymous).path("status").asInt()).isEqualTo(401);
        assertThat(get("/api/v1/tenants", "flt_" + "0".repeat(64)).statusCode()).as("unknown token").isEqualTo(401);
        assertThat(demo.fleet.plane().audit().newest(3)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("api.token.refused");
            assertThat(e.details()).isEqualTo("GET /api/v1/tenants").doesNotContain("flt_");
        });

        String operator = demo.accounts.createToken("olivia", "ci");
        assertThat(post("/api/v1/deployments", operator, "{\"versions\": [\"2\"], \"all\": true}").statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/dry-runs", operator, "{\"versions\": [\"2\"], \"all\": true}").statusCode()).isEqualTo(202);

        String admin = demo.accounts.createToken("admin", "ci");
        HttpResponse<String> noVersions = post("/api/v1/deployments", admin, "{\"all\": true}");
        assertThat(noVersions.statusCode()).isEqualTo(400);
        assertThat(json(noVersions).path("detail").asText()).contains("versions");
        HttpResponse<String> unknown = post("/api/v1/deployments", admin, "{\"versions\": [\"9\"], \"all\": true}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("detail").asText()).contains("No migration file has version 9");
        assertThat(get("/api/v1/deployments/nope", admin).statusCode()).isEqualTo(404);
        HttpResponse<String> noEndpoint = get("/api/v1/nosuch", admin);
        assertThat(noEndpoint.statusCode()).isEqualTo(404);
        assertThat(noEndpoint.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(noEndpoint).path("detail").asText()).contains("/api/v1/nosuch");
        HttpResponse<String> tooLarge = post("/api/v1/dry-runs", admin, "{\"versions\": [\"" + "9".repeat(2_000_000) + "\"]}");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> blankGroup = post("/api/v1/dry-runs", admin, "{\"versions\": [\"2\"], \"group\": \" \"}");
        assertThat(blankGroup.statusCode()).isEqualTo(400);
        assertThat(json(blankGroup).path("detail").asText()).contains("\"group\" is blank");
        for (String selection : new String[] {"\"tenants\": [\"default\", \"nobody\"]", "\"group\": \"nobody\""}) {
            HttpResponse<String> notRegistered = post("/api/v1/deployments", admin, "{\"versions\": [\"2\"], " + selection + "}");
            assertThat(notRegistered.statusCode()).as(selection).isEqualTo(400);
            assertThat(json(notRegistered).path("title").asText()).as(selection).isEqualTo("TENANT_NOT_FOUND");
            assertThat(json(notRegistered).path("detail").asText()).as(selection).contains("nobody");
        }
        for (String body : new String[] {"", " null "}) {
            HttpResponse<String> empty = post("/api/v1/dry-runs", admin, body);
            assertThat(empty.statusCode()).as(body).isEqualTo(400);
            assertThat(json(empty).path("detail").asText()).as(body).startsWith("The request body is empty");
        }
        assertThat(get("/api/v1/audit?limit=-5", admin).statusCode()).isEqualTo(400);
        HttpResponse<String> unicode = get("/api/v1/tenants/%E6%97%A5%E6%9C%AC", admin);
        assertThat(unicode.body()).as("JSON is UTF-8").contains("\u65e5\u672c");
        java.util.Map<String, String> unreadable = java.util.Map.of("{bad json", "The request body is not JSON: ",
                "[]", "The request body must be a JSON object",
                "{\"versions\": \"2\", \"all\": true}", "Field \"versions\" must be a list",
                "{\"versions\": [\"2\"], \"all\": true, \"extra\": 1}", "Unknown field \"extra\" in the request body; this endpoint"
                        + " takes \"versions\", \"tenants\", \"group\", \"all\"");
        unreadable.forEach((body, said) -> {
            try {
                HttpResponse<String> bad = post("/api/v1/dry-runs", admin, body);
                assertThat(bad.statusCode()).as(body).isEqualTo(400);
                assertThat(bad.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
                assertThat(json(bad).path("detail").asText()).as(body).startsWith(said).endsWith("(see /api/v1/openapi.json).")
                        .doesNotContain("dev.flotilla").doesNotContain("class").doesNotContain("java.");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpResponse<String> newTenant = post("/api/v1/tenants", admin, "{\"id\": \"acme\", \"urlTemplate\": \"jdbc:sqlite:x.db\"}");
        assertThat(json(newTenant).path("detail").asText()).as("the tester's case")
                .isEqualTo("Unknown field \"urlTemplate\" in the request body; this endpoint takes \"id\", \"name\", \"groups\","
                        + " \"baseline\", \"fromTenant\", \"url\", \"schema\", \"user\", \"passwordEnv\", \"passwordFile\""
                        + " (see /api/v1/openapi.json).");

        JsonNode openApi = json(get("/api/v1/openapi.json", null));
        assertThat(openApi.path("openapi").asText()).startsWith("3.");
        assertThat(openApi.path("paths").has("/deployments")).isTrue();
    }

    @Test
    void no_password_or_token_reaches_a_page_an_api_response_or_the_audit_log() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        HttpResponse<String> login = login("admin", DemoConsole.ADMIN_PASSWORD, "");
        String session = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("flotilla_session="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        login("admin", "a-wrong-password-9", "");
        StringBuilder seen = new StringBuilder();
        String drift = form(session, "/drift", "group=&tenants=").headers().firstValue("Location").orElseThrow();
        String verify = form(session, "/verify", "tenants=default").headers().firstValue("Location").orElseThrow();
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
        for (String path : List.of("/", "/tenants", "/tenants/default", "/deployments", "/audit", "/users", "/tokens", "/wizard/files",
                "/drift", drift, "/verify", verify)) {
            HttpResponse<String> response = get(path, null, session);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            seen.append(response.body());
        }
        for (String path : List.of("/api/v1/tenants", "/api/v1/tenants/default", "/api/v1/audit", "/api/v1/deployments", "/api/v1/migrations",
                "/api/v1" + drift, "/api/v1" + verify, "/api/v1/backups", "/api/v1/backups?tenant=default")) {
            seen.append(get(path, token).body());
        }
        demo.fleet.plane().audit().newest(1000).forEach(e -> seen.append(e.toString()));
        assertThat(seen.toString()).contains("maison_atelier").doesNotContain(TENANCY_SECRET).doesNotContain(DemoConsole.ADMIN_PASSWORD)
                .doesNotContain("a-wrong-password-9").doesNotContain(token).doesNotContain("argon2id");
    }

    @Test
    void an_address_that_keeps_sending_refused_tokens_is_throttled_and_cannot_flood_the_audit_log() throws Exception {
        String valid = demo.accounts.createToken("admin", "ci");
        for (int i = 0; i < 20; i++) {
            assertThat(get("/api/v1/tenants", "flt_" + String.format("%064d", i)).statusCode()).as("guess " + i).isEqualTo(401);
        }

        HttpResponse<String> guess = get("/api/v1/tenants", "flt_" + "7".repeat(64));
        HttpResponse<String> meanwhile = get("/api/v1/tenants", valid);

        assertThat(guess.statusCode()).isEqualTo(429);
        assertThat(guess.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(guess).path("detail").asText()).contains("Too many refused API tokens");
        assertThat(meanwhile.statusCode()).as("from the same address, for the rest of the window").isEqualTo(429);
        assertThat(demo.fleet.plane().audit().count(new dev.flotilla.control.AuditLog.Filter(null, "api.token.refused", null)))
                .isEqualTo(20);
    }

    @Test
    void behind_a_trusted_proxy_each_client_is_throttled_and_audited_by_its_own_address_and_nowhere_else() throws Exception {
        assertThat(send(HttpRequest.newBuilder(URI.create(demo.url("/api/v1/tenants"))).header("Authorization", "Bearer flt_x")
                .header("X-Forwarded-For", "203.0.113.7").GET()).statusCode()).isEqualTo(401);
        assertThat(demo.fleet.plane().audit().newest(1).get(0).source()).as("no proxy is trusted: the header is the client's")
                .isEqualTo("127.0.0.1");
        try (DemoConsole proxied = new DemoConsole(folder.resolve("proxied"), java.util.function.UnaryOperator.identity(),
                new WebSettings("127.0.0.1", 0, false, java.util.Set.of("127.0.0.1")))) {
            String valid = proxied.accounts.createToken("admin", "ci");
            java.util.function.BiFunction<String, String, Integer> via = (client, token) -> {
                try {
                    return send(HttpRequest.newBuilder(URI.create(proxied.url("/api/v1/tenants"))).header("Authorization", "Bearer " + token)
                            .header("X-Forwarded-For", "10.9.9.9, " + client).GET()).statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            for (int i = 0; i < 20; i++) {
                assertThat(via.apply("203.0.113.7", "flt_" + String.format("%064d", i))).isEqualTo(401);
            }

            assertThat(via.apply("203.0.113.7", valid)).as("the guesser's address").isEqualTo(429);
            assertThat(via.apply("198.51.100.9", valid)).as("another client behind the same proxy").isEqualTo(200);
            assertThat(proxied.fleet.plane().audit().newest(1).get(0).source()).isEqualTo("203.0.113.7");
        }
    }
}
