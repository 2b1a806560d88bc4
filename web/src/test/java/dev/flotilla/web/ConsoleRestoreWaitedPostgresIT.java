package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.backup.Backups;
import dev.flotilla.control.DeploymentStore.NewTask;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.control.TaskEnd;
import dev.flotilla.control.TaskError;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TargetLockWaiters;
import dev.flotilla.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A restore through the console that waited for a deployment migrating the tenant says so, as the command line's does
 * ({@code waited} in its JSON and on its line, and in the audit entry): the API's and the page's result said only
 * "restored", though the tenant was restored seconds after whoever asked, past a deployment they had not seen.
 */
class ConsoleRestoreWaitedPostgresIT extends ConsoleOverHttp {
    private static final TenantId ACME = TenantId.of("acme");
    private final String prefix = TestDatabases.uniqueName();

    /** The demo console's control plane and users, its fleet one tenant in a schema of the PostgreSQL test server. */
    @Override
    DemoConsole newDemo() {
        return new DemoConsole(folder, fleet -> {
            fleet.plane().tenants().add(new Tenant(ACME, "Acme", null, null, List.of()));
            return new ConsoleFleet(fleet.plane(), new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.POSTGRES_URL, null,
                    prefix + "_{tenant}", TestDatabases.POSTGRES_USER, null, null, null), fleet.template(), fleet.deploy(),
                    fleet.dryRun());
        });
    }

    @AfterEach
    void dropSchema() throws Exception {
        TestDatabases.execute(TestDatabases.postgres(null), "DROP SCHEMA IF EXISTS " + prefix + "_acme CASCADE");
    }

    @Test
    @Timeout(value = 120)
    void a_restore_that_waited_for_a_deployment_says_whom_it_waited_for_in_the_api_the_page_and_the_audit_log() throws Exception {
        TargetSpec target = demo.fleet.targets(List.of(demo.fleet.plane().tenants().find(ACME).orElseThrow().tenant())).get(0).target();
        assertThat(Flotilla.load(TargetOptions.of(target, new MigrationFolder(folder.resolve("acme-migrations"))
                .write("V1__notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY);\n").path())).migrate().ok()).isTrue();
        new Backups(demo.fleet.plane(), folder.resolve("acme-backups"), Duration.ofSeconds(5), Duration.ofSeconds(30))
                .take(ACME, target, "manual-1").orElseThrow();
        String deployment = demo.fleet.plane().deployments().create("olivia", "", List.of(new NewTask(ACME, 1)));
        demo.fleet.plane().deployments().taskStarted(deployment, ACME, Instant.now());
        String token = demo.accounts.createToken("admin", "ci");

        HttpResponse<String> restore;
        try (TargetSession deploying = TargetSession.open(target, false);
             var held = deploying.lock(target.historyTable(), Duration.ofSeconds(5))) {
            restore = post("/api/v1/restores", token, "{\"backup\": \"manual-1\", \"tenants\": [\"acme\"]}");
            assertThat(restore.statusCode()).as(restore.body()).isEqualTo(202);
            TargetLockWaiters.awaitPollingForTheLock(target, Jdbc.queryString(deploying.connection(), "SELECT pg_backend_pid()"),
                    Duration.ofMillis(1200));
            demo.fleet.plane().deployments().taskFinished(deployment, ACME,
                    TaskEnd.of(TaskStatus.FAILED, List.of(), TaskError.of(ErrorCode.SQL_ERROR, "V2 failed"),
                            "", Instant.now()));
        }
        String location = restore.headers().firstValue("Location").orElseThrow();
        JsonNode restored = afterWork(location, token);
        String page = get(location.replace("/api/v1", "") + "/result", null, adminSession()).body();

        String waited = " for deployment " + deployment + ", which changed nothing of its history meanwhile";
        assertThat(restored.path("tenants").get(0).path("ok").asBoolean()).as(restored.toString()).isTrue();
        assertThat(restored.path("tenants").get(0).path("waited").asText()).as(restored.toString()).startsWith("waited ")
                .endsWith(waited);
        assertThat(page).contains("restored</span> from ", "(it waited ", waited);
        assertThat(demo.fleet.plane().audit().newest(5)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("restore");
            assertThat(entry.details()).endsWith(waited);
        });
    }
}
