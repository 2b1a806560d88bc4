package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.DeploymentRecord;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Clicks through the migration wizard in headless Chromium on the demo fleet: sign in, choose a file and tenants,
 * test, deploy, watch progress, see results, roll back; the confirmation after a test run out of order, after a test
 * that failed on a tenant, with its timeouts. With -Dflotilla.screenshots=DIR it saves the README's screenshots.
 */
class WizardBrowserIT extends ConsoleInBrowser {
    @Test
    @Tag("held")
    void an_admin_tests_deploys_watches_and_rolls_back_a_migration_through_the_wizard() throws IOException {
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        assertThat(text("tenant-total")).isEqualTo("5");
        screenshot("dashboard");

        browser.get(demo.url("/wizard/files"));
        WebElement serialFile = browser.findElement(By.cssSelector("tr[data-file='V2__serial_system_integration.sql']"));
        assertThat(serialFile.getText()).contains("valid").contains("0 tenant(s)");
        browser.findElement(By.id("file-2")).click();
        screenshot("wizard-1-files");
        browser.findElement(By.id("files-next")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tenant-choices")));
        assertThat(text("chosen-files")).isEqualTo("V2__serial_system_integration.sql");
        select("maison_atelier", "default");
        screenshot("wizard-2-tenants");
        browser.findElement(By.id("tenants-next")).click();

        runTest();
        assertThat(text("test-summary")).isEqualTo("Success on all 2 tenant(s)");
        assertThat(text("test-out-of-order")).isEqualTo("Out of order: no");
        assertThat(browser.findElement(By.id("test-tenants")).getText()).contains("maison_atelier").contains("serial_link_outbox");
        screenshot("wizard-3-test");
        assertThat(tenant("maison_atelier").currentVersion()).as("the test changed nothing").isEqualTo("1");

        WebElement dialog = askToDeploy();
        assertThat(dialog.getText()).contains("V2__serial_system_integration.sql").contains("maison_atelier, default")
                .contains("Backup before each tenant: yes");
        assertThat(text("confirm-files")).as("both tenants have the earlier file, and the later one is not chosen")
                .doesNotContain("V1__").doesNotContain("V3__");
        screenshot("wizard-4-confirm");
        browser.findElement(By.id("confirm-deploy")).click();

        // Live: the page opens on the running deployment and the server's events replace the progress with the results.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("live")));
        assertThat(text("deployment-status")).isEqualTo("running");
        screenshot("wizard-5-progress");
        Files.createFile(gate().resolve("release"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        assertThat(browser.findElements(By.id("live"))).as("the event stream is closed").isEmpty();
        assertThat(text("count-succeeded")).isEqualTo("2");
        assertThat(text("count-failed")).isEqualTo("0");
        assertThat(browser.findElements(By.cssSelector("#tasks .task-status")).stream().map(WebElement::getText))
                .containsExactly("succeeded", "succeeded");
        screenshot("wizard-6-results");
        String deployed = browser.getCurrentUrl().replaceAll(".*/deployments/", "");
        assertThat(tenant("maison_atelier").currentVersion()).isEqualTo("2");
        assertThat(tenant("atelier_nord").currentVersion()).as("not chosen").isEqualTo("1");

        browser.findElement(By.id("roll-back")).click();
        WebElement confirmRollback = wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-rollback")));
        assertThat(browser.findElement(By.id("deployment-confirm")).getText()).as("asked first, naming what it undoes where")
                .contains(deployed).contains("maison_atelier").contains("default").contains("backed up first");
        assertThat(demo.fleet.plane().deployments().rollbackOf(deployed)).as("nothing rolled back yet").isEmpty();
        confirmRollback.click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains(deployed)));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        assertThat(text("count-succeeded")).isEqualTo("2");
        DeploymentRecord rollback = demo.fleet.plane().deployments().newest(1).get(0);
        assertThat(rollback.rollback()).isTrue();
        assertThat(rollback.rollsBack()).isEqualTo(deployed);
        assertThat(tenant("maison_atelier").currentVersion()).isEqualTo("1");
        assertThat(tenant("default").currentVersion()).isEqualTo("1");

        browser.get(demo.url("/audit?actor=admin"));
        assertThat(browser.findElement(By.id("audit")).getText()).contains("deploy.requested").contains("rollback.requested")
                .contains("127.0.0.1");
        screenshot("audit-log");
    }

    @Test
    void a_test_run_out_of_order_says_so_and_the_confirmation_deploys_as_that_test_ran() {
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        openTenantStep();
        select("default");
        browser.findElement(By.id("tenants-next")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("out-of-order"))).click();
        runTest();
        askToDeploy();

        assertThat(text("test-out-of-order")).startsWith("Out of order: yes, pending migrations older than");
        assertThat(text("confirm-dialog")).contains("out of order: pending migrations older than a tenant's newest applied one"
                + " are applied too, as the test (dry run ");
        assertNoContentSecurityPolicyErrors();
    }

    @Test
    void the_confirmation_leaves_out_a_tenant_whose_test_failed_and_its_override_needs_the_box_ticked() throws Exception {
        testedWithAtelierFailing();
        askToDeploy();

        assertThat(text("confirm-left-out")).contains("maison_atelier").contains("serial_quarantine");
        assertThat(text("confirm-deploy")).isEqualTo("Deploy to the 1 tenant(s) whose test passed");
        browser.findElement(By.cssSelector("#override-failed-test summary")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("override-box")));
        screenshot("wizard-4-confirm-failed-test");
        browser.findElement(By.id("confirm-deploy-override")).click();
        assertThat(browser.findElement(By.id("override-box")).getAttribute("validationMessage")).as("the box must be ticked")
                .isNotEmpty();
        assertThat(demo.fleet.plane().deployments().newest(10)).as("only the demo's setup").hasSize(1);
        browser.findElement(By.id("confirm-deploy")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        assertThat(browser.findElements(By.cssSelector("#tasks .task-status")).stream().map(WebElement::getText))
                .containsExactly("succeeded");
        assertThat(tenant("default").currentVersion()).isEqualTo("2");
        assertThat(tenant("maison_atelier").currentVersion()).as("left out").isEqualTo("1");
        assertNoContentSecurityPolicyErrors();
    }

    @Test
    void the_confirmation_takes_lock_and_statement_timeouts_as_the_cli_does_and_refuses_one_it_cannot_read() throws Exception {
        askToDeployToDefault();
        WebElement lockTimeout = browser.findElement(By.id("lock-timeout"));
        Duration configured = demo.fleet.template().lockTimeout();
        assertThat(lockTimeout.getAttribute("placeholder")).as("the configured one, kept when left empty")
                .isEqualTo(configured == null ? "not set" : dev.flotilla.Durations.said(configured));

        // The form as the page sends it, with a timeout the command line would refuse too: refused, nothing deployed.
        String csrf = browser.findElement(By.name("_csrf")).getAttribute("value");
        HttpResponse<String> unreadable = post("/wizard/deploy", "_csrf=" + csrf + "&lockTimeout=5+minutes", sessionCookie());
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(unreadable.body()).contains("Lock timeout: '5 minutes' is not a duration", "500ms, 5s, 10m or 1h");
        assertThat(demo.fleet.plane().deployments().newest(10)).as("only the demo's setup").hasSize(1);

        lockTimeout.sendKeys("2s");
        browser.findElement(By.id("statement-timeout")).sendKeys("1h");
        browser.findElement(By.id("confirm-deploy")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        assertThat(text("count-succeeded")).isEqualTo("1");
        assertThat(demo.fleet.plane().audit().page(new dev.flotilla.control.AuditLog.Filter("admin", "deploy.requested", null),
                0, 10)).extracting(entry -> entry.outcome() + ": " + entry.details()).satisfiesExactly(
                        deployed -> assertThat(deployed).startsWith("ok: ").contains("lock timeout 2s; statement timeout 1h"),
                        refused -> assertThat(refused).as("the refusal is audited too")
                                .startsWith("denied: BAD_USAGE (400): Lock timeout: '5 minutes' is not a duration"));
        assertNoContentSecurityPolicyErrors();
    }

    @Test
    void the_wizard_steps_break_no_rule_of_the_content_security_policy() {
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        openTenantStep();
        browser.findElement(By.id("search")).sendKeys("atelier");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("select-all"), "Select all 3 matching"));
        browser.findElement(By.id("select-all")).click();
        wait.until(ExpectedConditions.textToBe(By.id("selected-count"), "3"));
        browser.findElement(By.id("tenant-atelier_sud")).click();
        wait.until(ExpectedConditions.textToBe(By.id("selected-count"), "2"));
        new Select(browser.findElement(By.id("group"))).selectByValue("pilot");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("select-all"), "Select all 0 matching"));
        browser.findElement(By.id("tenants-next")).click();
        runTest();
        askToDeploy();

        assertNoContentSecurityPolicyErrors();
    }

    private void screenshot(String name) throws IOException {
        String folder = System.getProperty("flotilla.screenshots");
        if (folder != null) {
            // A relative folder is the repository's, where the README runs the build (the tests themselves run in web/).
            Path target = Path.of("").toAbsolutePath().getParent().resolve(folder).resolve(name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        }
    }
}
