package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * In headless Chromium, a console with deploy.requireTested: when a chosen tenant's newest dry run is no longer the
 * wizard's test (one of other files ran after it), the confirmation says the deploy would be refused and offers "Test
 * again" instead of the deploy; the confirmation after that test offers the deploy, which then runs. The demo's fleet: V1
 * applied everywhere, V2 and V3 pending; V3 chosen (default is migrated to it, V2 with it).
 */
class WizardRequireTestedBrowserIT extends ConsoleInBrowser {
    @Test
    void a_confirmation_the_deploy_would_be_refused_after_offers_test_again_and_the_new_test_leads_to_the_deploy()
            throws Exception {
        demo.close();
        demo = new DemoConsole(folder.resolve("required"), fleet -> fleet.requiringTests(true));
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        browser.get(demo.url("/wizard/files"));
        browser.findElement(By.id("file-3")).click();
        browser.findElement(By.id("files-next")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tenant-choices")));
        select("default");
        browser.findElement(By.id("tenants-next")).click();
        runTest();
        HttpResponse<String> other = dryRunThroughApi("{\"versions\": [\"2\"], \"tenants\": [\"default\"]}");
        assertThat(other.statusCode()).as(other.body()).isBetween(200, 299);
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).as("the API's dry run ended").isTrue();

        askToDeploy();
        assertThat(text("confirm-not-tested")).contains("This deploy will be refused (deploy.requireTested)", "Test again");
        assertThat(browser.findElements(By.id("confirm-deploy"))).as("no deploy button").isEmpty();
        var firstResult = browser.findElement(By.id("test-done"));
        browser.findElement(By.id("test-again")).click();
        wait.until(ExpectedConditions.stalenessOf(firstResult));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("test-done")));
        askToDeploy();

        assertThat(browser.findElements(By.id("confirm-not-tested"))).isEmpty();
        browser.findElement(By.id("confirm-deploy")).click();
        wait.until(ExpectedConditions.urlMatches("/deployments/[^/]+$"));
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).isTrue();
        assertThat(tenant("default").currentVersion()).isEqualTo("3");
        assertNoContentSecurityPolicyErrors();
    }

    private HttpResponse<String> dryRunThroughApi(String body) throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(demo.url("/api/v1/dry-runs")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
