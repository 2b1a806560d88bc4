package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.VerifyOptions;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console's and the API's rollback of a deployment on a PostgreSQL shared schema (two tenants' rows in one schema,
 * told apart by tenant_id): its hand-written down file drops tenant_id from a table holding two tenants' rows,
 * which would merge them for good, so the rollback is refused before anything is recorded, backed up or run, and the
 * refusal is in the audit log, as the command line refuses it; its confirmation page says so before the button is pressed.
 */
class ConsoleRollbackMergingTenantsPostgresIT extends ConsoleOverHttp {
    private final String schema = TestDatabases.uniqueName();
    private final TargetSpec target = TestDatabases.postgres(schema);

    @Override
    DemoConsole newDemo() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("shared-migrations"));
        Files.writeString(migrations.resolve("V1__orders.sql"), "CREATE TABLE orders (item text, quantity int);\n");
        Files.writeString(migrations.resolve("U1__orders.sql"), "DROP TABLE orders;\n");
        Files.writeString(migrations.resolve("V2__tenant_id.sql"), "ALTER TABLE orders ADD COLUMN tenant_id text NOT NULL"
                + " DEFAULT 'acme';\nCREATE INDEX orders_tenant ON orders (tenant_id);\n");
        Files.writeString(migrations.resolve("U2__tenant_id.sql"), "ALTER TABLE orders DROP COLUMN tenant_id;\n");
        return SharedSchemaConsole.on(folder, schema, migrations, SharedSchemaConsole.TENANT_COLUMN_CHECKS);
    }

    @AfterEach
    void dropSchema() {
        TestDatabases.drop(target);
    }

    @Test
    void the_api_and_the_console_refuse_a_rollback_that_would_merge_two_tenants_rows_and_audit_it_its_confirmation_warning_first()
            throws Exception {
        String deployment = deployedWithoutChecks();
        TestDatabases.execute(target, "INSERT INTO " + schema + ".orders VALUES ('bolt', 1, 'acme'), ('bolt', 1, 'globex')");
        int deployments = demo.fleet.plane().deployments().count();
        List<Path> backupsBefore = backupFiles();
        String token = demo.accounts.createToken("admin", "ci");

        HttpResponse<String> confirmation = get("/deployments/" + deployment + "/rollback", null, adminSession());
        HttpResponse<String> api = post("/api/v1/deployments/" + deployment + "/rollback", token, "");
        HttpResponse<String> console = form(adminSession(), "/deployments/" + deployment + "/rollback", "");

        assertThat(confirmation.statusCode()).as(confirmation.body()).isEqualTo(200);
        assertThat(confirmation.body()).as("the admin sees it before pressing the button").contains(
                "id=\"confirm-tenant-merge\"", "drop the tenant column tenant_id from 1 table(s)", "orders (2 tenants)");
        assertThat(api.statusCode()).as(api.body()).isEqualTo(422);
        assertThat(json(api).path("detail").asText()).contains("drop the tenant column tenant_id from 1 table(s)",
                "orders (2 tenants)", "Nothing was rolled back.");
        assertThat(console.statusCode()).as(console.body()).isEqualTo(422);
        assertThat(console.body()).contains("orders (2 tenants)", "Nothing was rolled back.");
        JsonNode audit = json(get("/api/v1/audit?action=rollback.requested", token)).path("entries");
        assertThat(audit.findValuesAsText("outcome")).containsExactly("denied", "denied");
        assertThat(audit.findValuesAsText("details")).allSatisfy(d -> assertThat(d).contains("orders (2 tenants)"));
        assertThat(demo.fleet.plane().deployments().count()).as("no rollback recorded").isEqualTo(deployments);
        assertThat(demo.fleet.plane().deployments().rollbackOf(deployment)).isEmpty();
        assertThat(demo.fleet.plane().deployments().tasks(deployment)).allSatisfy(t ->
                assertThat(demo.fleet.plane().backups().forDeployment(deployment, t.tenant())).isEmpty());
        assertThat(backupFiles()).as("nothing backed up").isEqualTo(backupsBefore);
        assertThat(TestDatabases.snapshot(target).table("orders").orElseThrow().columns())
                .as("nothing ran").anyMatch(c -> c.name().equals("tenant_id"));
        assertThat(TestDatabases.rowCounts(target).byTable()).containsEntry("orders", 2L);
    }

    /** The files in the demo's backup folder (the deploy options' backups), to see that none was added. */
    private List<Path> backupFiles() throws java.io.IOException {
        Path backups = folder.resolve("backups");
        if (!Files.isDirectory(backups)) {
            return List.of();
        }
        try (var files = Files.walk(backups)) {
            return files.sorted().toList();
        }
    }

    /** V1 and V2 deployed to both tenants (one shared schema), as the command line deploys them, without checks. */
    private String deployedWithoutChecks() throws Exception {
        FleetOptions options = FleetOptions.defaults().withVerify(VerifyOptions.DEFAULTS);
        var tenants = demo.fleet.plane().tenants().all().stream().map(TenantRecord::tenant).toList();
        var result = new FleetRunner(demo.fleet.plane(), demo.fleet.template(), demo.fleet.loadMigrations(), options,
                FleetListener.SILENT).deploy(demo.fleet.targets(tenants));
        assertThat(result.ok()).as(result.toString()).isTrue();
        return result.deployment();
    }
}
