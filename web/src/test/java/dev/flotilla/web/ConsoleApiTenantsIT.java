package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the REST API does to tenants besides deploying, over real HTTP: their backups listed and restored (a rollback's
 * too), their drift and checks, and new tenants provisioned on sign-up; each with the role it needs.
 */
class ConsoleApiTenantsIT extends ConsoleOverHttp {
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
                "backups were off when it ran").doesNotContain("never taken", "console");
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
        assertThat(json(viewerDrift).path("detail").asText()).as("named for what was asked, not as a verification")
                .isEqualTo("Your role (viewer) may not check drift (operator, platform_super_admin may).");
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
}
