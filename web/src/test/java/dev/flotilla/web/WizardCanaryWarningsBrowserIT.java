package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What the wizard's deploy warns of its canaries, as {@code flotilla deploy --canary} warns and the API answers in
 * "warnings" (a canary already up to date, one sharing its target), is said on the deployment's page it leads to.
 */
class WizardCanaryWarningsBrowserIT extends ConsoleInBrowser {
    @Test
    void a_canary_already_up_to_date_is_said_on_the_deployment_s_page_once() throws Exception {
        HttpResponse<String> earlier = deployThroughApi("admin", "{\"versions\": [\"2\"], \"tenants\": [\"default\"]}");
        assertThat(earlier.statusCode()).as(earlier.body()).isEqualTo(202);
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).as("the earlier deploy ended").isTrue();
        askToDeployTo("default", "atelier_nord");

        browser.findElement(By.id("canary")).sendKeys("default");
        browser.findElement(By.id("confirm-deploy")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        String warned = text("deploy-warnings");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));

        assertThat(warned).contains("canary default is already up to date; the other tenants do not wait for it.");
        assertThat(browser.findElements(By.id("deploy-warnings"))).as("said once, not on every view").isEmpty();
        assertNoContentSecurityPolicyErrors();
    }
}
