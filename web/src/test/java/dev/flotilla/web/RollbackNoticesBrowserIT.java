package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.TenantRecord;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.VerifyOptions;
import java.io.IOException;
import java.time.Duration;
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
            return SharedSchemaConsole.withRowSecurity(folder, schema);
        } catch (IOException | java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
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
