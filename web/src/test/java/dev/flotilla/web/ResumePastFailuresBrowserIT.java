package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.TenantId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * "Resume past failures" on the page of a deployment whose canary failed, in headless Chromium: offered to a super admin
 * only; its confirmation names the command it runs as and the tenants; confirming it runs them all, a tenant that fails
 * not stopping the others, and the deployment's page then shows each one's outcome.
 */
class ResumePastFailuresBrowserIT extends ConsoleInBrowser {
    private static final List<String> HELD_BACK = List.of("default", "atelier_nord", "atelier_sud", "bistro_lumiere");

    @Test
    void a_super_admin_resumes_past_a_failed_canary_from_the_page_and_sees_every_tenant_run() throws Exception {
        onTenant("maison_atelier", "CREATE TABLE serial_quarantine (id INTEGER)");
        String id = demo.deployedOneByOne(List.of(TenantId.of("maison_atelier")));
        onTenant("atelier_nord", "CREATE TABLE serial_quarantine (id INTEGER)");
        assertThat(offeredTo("olivia", DemoConsole.OPERATOR_PASSWORD, id)).as("an operator").isEmpty();
        assertThat(offeredTo("victor", DemoConsole.VIEWER_PASSWORD, id)).as("a viewer").isEmpty();

        List<WebElement> offered = offeredTo("admin", DemoConsole.ADMIN_PASSWORD, id);
        assertThat(offered).singleElement().extracting(WebElement::getText).isEqualTo("Resume past failures…");
        offered.get(0).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("deployment-confirm")));
        assertThat(text("confirm-what")).contains("flotilla deploy --resume " + id + " --continue-on-error",
                "on its 4 tenant(s) not done yet", "past the failed canary maison_atelier",
                "a tenant that fails does not stop the others");
        assertThat(browser.findElements(By.cssSelector("#confirm-tenants tr[data-tenant]")))
                .extracting(row -> row.getAttribute("data-tenant")).containsExactlyInAnyOrderElementsOf(HELD_BACK);

        browser.findElement(By.id("confirm-resume-continue-on-error")).click();
        wait.until(ExpectedConditions.urlToBe(demo.url("/deployments/" + id)));
        wait.until(page -> text("count-skipped").equals("0") && !text("deployment-status").equals("running"));
        browser.navigate().refresh(); // what the page shows once it ended, not what was pushed to it on the way
        Map<String, String> expected = Map.of("maison_atelier", "failed", "atelier_nord", "failed", "default", "succeeded",
                "atelier_sud", "succeeded", "bistro_lumiere", "succeeded");
        for (var tenant : expected.entrySet()) {
            assertThat(browser.findElement(By.cssSelector("#tasks tr[data-tenant='" + tenant.getKey() + "'] .task-status"))
                    .getText()).as(tenant.getKey()).isEqualTo(tenant.getValue());
        }
        assertThat(text("count-succeeded")).isEqualTo("3");
        assertThat(text("count-failed")).isEqualTo("2");
        assertThat(browser.findElements(By.id("resume-continue-on-error"))).as("nothing left to resume").isEmpty();
        assertNoContentSecurityPolicyErrors();
    }

    /** The "Resume past failures" buttons on the deployment's page, as this user, signed in afresh, sees it. */
    private List<WebElement> offeredTo(String user, String password, String id) {
        browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        signIn(user, password);
        browser.get(demo.url("/deployments/" + id));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tasks")));
        return browser.findElements(By.id("resume-continue-on-error"));
    }
}
