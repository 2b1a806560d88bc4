package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.TargetOptions;
import dev.flotilla.control.AuditLog;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.VerifyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Repairing a tenant a deploy left failed, from its page in headless Chromium: the form where the failure is shown,
 * saying what it does and does not do, the result naming what was removed, and the tenant's page without the failure.
 * The tenant is a PostgreSQL schema whose V2 (CREATE INDEX CONCURRENTLY, outside a transaction) failed at its first
 * statement: recorded failed, nothing of it applied, so the plain repair goes through.
 */
class RepairBrowserIT extends ConsoleInBrowser {
    private final String prefix = TestDatabases.uniqueName();

    @AfterEach
    void dropSchema() throws Exception {
        TestDatabases.execute(TestDatabases.postgres(null), "DROP SCHEMA IF EXISTS " + prefix + "_acme CASCADE");
    }

    @Test
    void a_super_admin_repairs_a_failed_tenant_from_its_page_and_the_failure_is_gone() throws Exception {
        failedAcme();
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        browser.get(demo.url("/tenants/acme"));

        assertThat(text("repair-failed")).contains("version 2", "as failed at statement 1");
        assertThat(text("repair-what")).contains("removes the failed record", "undoes no statement", "REPAIR_REFUSED");
        assertThat(browser.findElements(By.id("repair-shared"))).as("a schema of its own").isEmpty();
        browser.findElement(By.id("repair-tenant")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("repair-done")));

        assertThat(text("repair-done")).contains("acme", "Removed the failed record of version 2");
        browser.findElement(By.id("repair-back")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("history")));
        assertThat(browser.findElements(By.id("tenant-repair"))).as("nothing left to repair").isEmpty();
        assertThat(text("tenant-status")).isEqualTo("pending");
        assertThat(demo.fleet.plane().audit().page(new AuditLog.Filter(null, "repair", "acme"), 0, 5))
                .extracting(e -> e.action() + " " + e.actor() + " " + e.outcome())
                .containsExactlyInAnyOrder("repair admin ok", "repair.finished admin ok");
        assertNoContentSecurityPolicyErrors();
    }

    /** The demo console's users, its fleet one PostgreSQL schema, acme, that V2 left failed. */
    private void failedAcme() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("acme-migrations"));
        Files.writeString(migrations.resolve("V1__orders.sql"), "CREATE TABLE orders (item text);\n");
        Files.writeString(migrations.resolve("V2__orders_item.sql"), "CREATE INDEX CONCURRENTLY orders_item ON orders (missing);\n");
        demo.close();
        demo = new DemoConsole(folder.resolve("postgres"), fleet -> {
            fleet.plane().tenants().all().forEach(t -> fleet.plane().tenants().remove(t.tenant().id()));
            fleet.plane().tenants().add(new Tenant(TenantId.of("acme"), "Acme", null, null, List.of()));
            return new ConsoleFleet(fleet.plane(), new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.POSTGRES_URL, null,
                    prefix + "_{tenant}", TestDatabases.POSTGRES_USER, null, null, null),
                    new TargetOptions(null, migrations, Map.of(), null, null, null, null, null, "demo"),
                    fleet.deploy().withVerify(VerifyOptions.DEFAULTS), fleet.dryRun());
        });
        var tenants = demo.fleet.plane().tenants().all().stream().map(TenantRecord::tenant).toList();
        var result = new FleetRunner(demo.fleet.plane(), demo.fleet.template(), demo.fleet.loadMigrations(),
                FleetOptions.defaults().withVerify(VerifyOptions.DEFAULTS), FleetListener.SILENT).deploy(demo.fleet.targets(tenants));
        assertThat(result.ok()).as(result.toString()).isFalse();
    }
}
