package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A deployment's page and a tenant's page in headless Chromium, whose actions' results arrive as the server's events:
 * a running deployment stopped and resumed, a tenant checked for drift and verified.
 */
class LivePagesBrowserIT extends ConsoleInBrowser {
    @Test
    @Tag("held")
    void an_admin_stops_a_running_deployment_from_its_page_once_confirmed_and_resumes_it_there() throws Exception {
        HttpResponse<String> started = deployThroughApi("admin", "{\"versions\": [\"3\"], \"all\": true}");
        String id = ConsoleOverHttp.json(started).path("deployment").asText();
        wait.until(page -> !startedTenants().isEmpty());
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        browser.get(demo.url("/deployments/" + id));
        assertThat(text("deployment-status")).isEqualTo("running");

        // The progress, the button with it, is swapped in again as the server's events arrive (its time, every 400 ms):
        // a click whose mouse-down met the old button and mouse-up the new one clicks nothing, so the wait is for the
        // confirmation page, clicking again until it opens (the button is a link: a second click asks the same page).
        wait.ignoring(StaleElementReferenceException.class).until(page -> {
            if (page.findElements(By.id("confirm-stop")).isEmpty()) {
                page.findElement(By.id("stop")).click();
            }
            return !page.findElements(By.id("confirm-stop")).isEmpty();
        });
        WebElement confirmStop = wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-stop")));
        assertThat(browser.findElement(By.id("deployment-confirm")).getText()).as("asked first, naming what is left out")
                .contains(id).contains("4 tenant(s) not started yet").contains("in flight finish");
        assertThat(demo.fleet.plane().deployments().require(id).stopRequest()).as("nothing asked yet").isNull();
        confirmStop.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stop-requested")));
        assertThat(text("stop-requested")).startsWith("Stop requested by admin at ").endsWith("those in flight finish.");
        assertThat(browser.findElements(By.id("stop"))).as("asked once").isEmpty();
        wait.until(page -> !demo.fleet.plane().audit().ofDeployment(id, List.of("deploy.stopping")).isEmpty());
        Files.createFile(gate().resolve("release"));

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        assertThat(text("deployment-status")).isEqualTo("stopped");
        assertThat(text("count-succeeded")).isEqualTo("1");
        assertThat(text("count-skipped")).isEqualTo("4");
        browser.findElement(By.id("resume")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-resume"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        assertThat(text("deployment-status")).isEqualTo("succeeded");
        assertThat(text("count-succeeded")).isEqualTo("5");
        assertNoContentSecurityPolicyErrors();
    }

    @Test
    void an_operator_checks_a_tenant_for_drift_from_its_page_and_sees_the_result_arrive() throws Exception {
        onTenant("default", "CREATE INDEX added_by_hand ON staff (email)");
        signIn("olivia", DemoConsole.OPERATOR_PASSWORD);
        browser.get(demo.url("/tenants/default"));
        browser.findElement(By.id("drift-tenant")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drift-done")));
        assertThat(text("drift-counts")).startsWith("1 tenant(s): 1 drifted");
        assertThat(browser.findElement(By.id("drift-tenants")).getText()).contains("default").contains("added index added_by_hand");
        browser.get(demo.url("/tenants/default"));
        browser.findElement(By.id("verify-tenant")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("verify-done")));
        assertThat(text("verify-summary")).isEqualTo("All 1 tenant(s) passed");
        assertNoContentSecurityPolicyErrors();
    }
}
