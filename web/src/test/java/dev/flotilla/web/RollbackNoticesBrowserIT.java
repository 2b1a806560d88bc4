package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.TargetOptions;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.VerifyOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * In headless Chromium, on a PostgreSQL shared schema whose V2 set up row-level security on orders and whose down file
 * switches it off: the guard does not refuse the rollback, and what it says (the policy no longer keeps the tenants
 * apart) is on the rollback's page the Roll back button leads to, as it was on the confirmation before the press; said
 * once, not again when the page is opened again.
 */
class RollbackNoticesBrowserIT extends ConsoleInBrowser {
    private final String schema = TestDatabases.uniqueName();
    private final TargetSpec target = TestDatabases.postgres(schema);

    @Override
    DemoConsole newDemo(TestInfo test) {
        try {
            return sharedSchemaWithRowSecurity();
        } catch (IOException | java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private DemoConsole sharedSchemaWithRowSecurity() throws IOException, java.sql.SQLException {
        Path migrations = Files.createDirectories(folder.resolve("shared-migrations"));
        TestDatabases.execute(TestDatabases.postgres(null), "CREATE SCHEMA " + schema, "CREATE TABLE " + schema
                + ".orders (item text, tenant_id text NOT NULL)", "CREATE INDEX orders_tenant ON " + schema + ".orders (tenant_id)");
        Files.writeString(migrations.resolve("V2__rls.sql"), "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\n"
                + "CREATE POLICY tenant_isolation ON orders USING (tenant_id = current_setting('app.tenant_id', true));\n");
        Files.writeString(migrations.resolve("U2__rls.sql"), "DROP POLICY tenant_isolation ON orders;\n"
                + "ALTER TABLE orders DISABLE ROW LEVEL SECURITY;\n");
        return new DemoConsole(folder, fleet -> {
            fleet.plane().tenants().all().forEach(t -> fleet.plane().tenants().remove(t.tenant().id()));
            fleet.plane().tenants().add(new Tenant(TenantId.of("acme"), "Acme", null, null, List.of()));
            fleet.plane().tenants().add(new Tenant(TenantId.of("globex"), "Globex", null, null, List.of()));
            return new ConsoleFleet(fleet.plane(), new Tenancy(TenancyModel.SHARED_SCHEMA, TestDatabases.POSTGRES_URL, null,
                    schema, TestDatabases.POSTGRES_USER, null, null, null),
                    new TargetOptions(null, migrations, Map.of(), null, null, null, null, null, "demo"),
                    fleet.deploy().withVerify(VerifyOptions.DEFAULTS.withTenantColumn(new VerifyOptions.TenantColumnRule(
                            "tenant_id", java.util.Set.of(), true)).sharedBy("tenant_id")), fleet.dryRun());
        });
    }

    @AfterEach
    void dropSchema() {
        TestDatabases.drop(target);
    }

    @Test
    void the_guards_notices_are_on_the_page_the_roll_back_button_leads_to() throws InterruptedException {
        var tenants = demo.fleet.plane().tenants().all().stream().map(TenantRecord::tenant).toList();
        var deployed = new FleetRunner(demo.fleet.plane(), demo.fleet.template(), demo.fleet.loadMigrations(),
                FleetOptions.defaults().withVerify(VerifyOptions.DEFAULTS), FleetListener.SILENT).deploy(demo.fleet.targets(tenants));
        assertThat(deployed.ok()).as(deployed.toString()).isTrue();
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        browser.get(demo.url("/deployments/" + deployed.deployment()));
        browser.findElement(By.id("roll-back")).click();
        assertThat(text("confirm-tenant-filters")).contains("switches row-level security off on orders");

        browser.findElement(By.id("confirm-rollback")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains(deployed.deployment())));

        assertThat(text("rollback-notices")).contains("The guard did not refuse this rollback",
                "U2__rls.sql switches row-level security off on orders", "flotilla tenancy rls");
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).as("the rollback ended").isTrue();
        browser.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("started-by")));
        assertThat(browser.findElements(By.id("rollback-notices"))).as("said once").isEmpty();
        assertNoContentSecurityPolicyErrors();
    }
}
