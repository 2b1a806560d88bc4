package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.VerifyOptions;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console's and the API's rollback on a PostgreSQL shared schema whose server the console cannot reach when the
 * merge guard reads it (it moved, or is down): refused ({@code ROLLBACK_REFUSED}) before anything is recorded, as the
 * command line refuses it, rather than recorded and run later unchecked; its confirmation page says so beforehand.
 */
class ConsoleRollbackUncheckedTargetPostgresIT extends ConsoleOverHttp {
    /** Nothing answers on port 1: the console's tenancy names a server that is not there. */
    private static final String UNREACHABLE_URL = "jdbc:postgresql://127.0.0.1:1/test";
    final String schema = TestDatabases.uniqueName();
    private final TargetSpec target = TestDatabases.postgres(schema);

    @Override
    DemoConsole newDemo() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("shared-migrations"));
        Files.writeString(migrations.resolve("V1__orders.sql"), "CREATE TABLE orders (item text, tenant_id text NOT NULL);\n");
        Files.writeString(migrations.resolve("U1__orders.sql"), "ALTER TABLE orders DROP COLUMN tenant_id;\nDROP TABLE orders;\n");
        return SharedSchemaConsole.on(folder, tenancy(unreachableUrl()), migrations,
                SharedSchemaConsole.TENANT_COLUMN_CHECKS);
    }

    /** The URL of the server the console cannot read. */
    String unreachableUrl() {
        return UNREACHABLE_URL;
    }

    private Tenancy tenancy(String url) {
        return new Tenancy(TenancyModel.SHARED_SCHEMA, url, null, schema, TestDatabases.POSTGRES_USER, null, null, null);
    }

    @AfterEach
    void dropSchema() {
        TestDatabases.drop(target);
    }

    @Test
    void the_api_and_the_console_refuse_a_rollback_the_guard_cannot_check_and_its_confirmation_says_so_first()
            throws Exception {
        String deployment = deployedWhereTheServerWas();
        int deployments = demo.fleet.plane().deployments().count();
        String token = demo.accounts.createToken("admin", "ci");
        String session = adminSession();

        HttpResponse<String> confirmation = get("/deployments/" + deployment + "/rollback", null, session);
        HttpResponse<String> api = post("/api/v1/deployments/" + deployment + "/rollback", token, "");
        HttpResponse<String> console = form(session, "/deployments/" + deployment + "/rollback", "");

        assertThat(api.statusCode()).as(api.body()).isEqualTo(422);
        assertThat(json(api).path("title").asText()).isEqualTo("ROLLBACK_REFUSED");
        assertThat(json(api).path("detail").asText()).contains("could not be checked on 1 target(s)", "(tenants acme, globex)",
                "is not run there unchecked", "Nothing was rolled back.");
        assertThat(console.statusCode()).as(console.body()).isEqualTo(422);
        assertThat(console.body()).contains("could not be checked on 1 target(s)", "Nothing was rolled back.");
        JsonNode audit = json(get("/api/v1/audit?action=rollback.requested", token)).path("entries");
        assertThat(audit.findValuesAsText("outcome")).containsExactly("denied", "denied");
        assertThat(demo.fleet.plane().deployments().count()).as("no rollback recorded").isEqualTo(deployments);
        assertThat(demo.fleet.plane().deployments().rollbackOf(deployment)).isEmpty();
        assertThat(TestDatabases.snapshot(target).table("orders")).as("nothing ran").isPresent();
        assertThat(confirmation.statusCode()).as(confirmation.body()).isEqualTo(200);
        assertThat(confirmation.body()).contains("id=\"confirm-tenant-merge\"", "could not be checked on 1 target(s)",
                "(tenants acme, globex)");
        String unread = confirmation.body().substring(confirmation.body().indexOf("id=\"confirm-unread-targets\""));
        assertThat(unread.substring(0, unread.indexOf("</ul>"))).as("the target not read named apart").contains(
                "<strong class=\"unread-target\">", schema, "(tenants acme, globex)</strong>");
    }

    /** V1 deployed to both tenants while the server answered where the console no longer finds it. */
    String deployedWhereTheServerWas() {
        Tenancy reachable = tenancy(TestDatabases.POSTGRES_URL);
        List<TenantTarget> targets = demo.fleet.plane().tenants().all().stream().map(TenantRecord::tenant)
                .map(t -> TenantTarget.of(t, reachable)).toList();
        var result = new FleetRunner(demo.fleet.plane(), demo.fleet.template(), demo.fleet.loadMigrations(),
                FleetOptions.defaults().withVerify(VerifyOptions.DEFAULTS), FleetListener.SILENT).deploy(targets);
        assertThat(result.ok()).as(result.toString()).isTrue();
        return result.deployment();
    }
}
