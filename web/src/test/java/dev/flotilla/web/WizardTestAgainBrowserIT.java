package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * In headless Chromium: when a tenant changed since the wizard's test started, the confirmation offers no deploy (which
 * would be refused) but "Test again", which tests the same files on the same tenants as they are now; the confirmation
 * after that test offers the deploy, which then runs. The demo's fleet: V1 applied everywhere, V2 and V3 pending; V3
 * chosen, and V2 deployed to default after the test (a tenant the deploy would still migrate, to V3).
 */
class WizardTestAgainBrowserIT extends ConsoleInBrowser {
    @Test
    void a_confirmation_after_a_tenant_changed_offers_test_again_not_deploy_and_the_new_test_leads_to_the_deploy()
            throws Exception {
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        browser.get(demo.url("/wizard/files"));
        browser.findElement(By.id("file-3")).click();
        browser.findElement(By.id("files-next")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tenant-choices")));
        select("default", "bistro_lumiere");
        browser.findElement(By.id("tenants-next")).click();
        runTest();
        String firstTest = demo.fleet.plane().dryRuns().newest(1).get(0);
        var deployed = deployThroughApi("admin", "{\"versions\": [\"2\"], \"tenants\": [\"default\"]}");
        assertThat(deployed.statusCode()).as(deployed.body()).isBetween(200, 299);
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).as("the API's deploy ended").isTrue();

        askToDeploy();
        assertThat(text("confirm-changed-since-test")).contains("This test no longer holds: 1 tenant(s) changed", "default");
        assertThat(browser.findElements(By.id("confirm-deploy"))).as("no deploy button").isEmpty();
        var firstResult = browser.findElement(By.id("test-done"));
        browser.findElement(By.id("test-again")).click();
        wait.until(ExpectedConditions.stalenessOf(firstResult));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("test-done")));
        String secondTest = demo.fleet.plane().dryRuns().newest(1).get(0);

        assertThat(secondTest).isNotEqualTo(firstTest);
        assertThat(demo.fleet.plane().dryRuns().fleetRun(secondTest).orElseThrow().tenants().keySet())
                .extracting(t -> t.value()).containsExactlyInAnyOrder("default", "bistro_lumiere");
        askToDeploy();
        assertThat(browser.findElements(By.id("confirm-changed-since-test"))).isEmpty();
        browser.findElement(By.id("confirm-deploy")).click();
        wait.until(ExpectedConditions.urlMatches("/deployments/[^/]+$"));
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).isTrue();
        assertThat(tenant("bistro_lumiere").currentVersion()).isEqualTo("3");
        assertNoContentSecurityPolicyErrors();
    }
}
