package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.TenantId;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Accepting a drifted tenant's live schema from the Drift page in headless Chromium: the action on the drifted tenant's
 * row, the confirmation saying what it does, and the tenant shown accepted on the check's page; a viewer sees no action.
 */
class DriftAcceptBrowserIT extends ConsoleInBrowser {
    @Test
    void a_super_admin_accepts_a_drifted_tenants_live_schema_after_a_confirmation_and_sees_it_accepted() throws Exception {
        onTenant("default", "CREATE INDEX hotfix ON staff (email)");
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        browser.get(demo.url("/drift"));
        browser.findElement(By.id("run-drift")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drift-done")));
        String check = browser.getCurrentUrl();

        assertThat(text("drift-counts")).startsWith("5 tenant(s): 1 drifted, 4 clean");
        assertThat(browser.findElements(By.cssSelector("[id^='accept-']"))).as("the action on the drifted tenant alone")
                .extracting(e -> e.getAttribute("id")).containsExactly("accept-default");
        browser.findElement(By.id("accept-default")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("accept-confirm")));
        assertThat(text("accept-what")).contains("drift then compares default with this structure", "until its history moves");
        assertThat(text("accept-differs")).contains("added index hotfix");
        assertThat(demo.fleet.plane().acceptances().find(TenantId.of("default"))).as("not before the confirmation").isEmpty();
        browser.findElement(By.id("confirm-accept")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("accepted-default")));

        assertThat(browser.getCurrentUrl()).startsWith(check);
        assertThat(text("accepted-default")).startsWith("Live schema accepted by admin at").contains("drift compares default with it from now on");
        assertThat(browser.findElements(By.id("accept-default"))).isEmpty();
        assertThat(demo.fleet.plane().acceptances().find(TenantId.of("default"))).isPresent();
        assertNoContentSecurityPolicyErrors();

        browser.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of());
        signIn("victor", DemoConsole.VIEWER_PASSWORD);
        browser.get(check);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drift-done")));
        assertThat(browser.findElements(By.cssSelector("[id^='accept-']"))).as("a viewer has no action").isEmpty();
        browser.get(check + "/accept/default");
        assertThat(text("error-detail")).as("a link to it, opened by a viewer, refused for what it asks")
                .isEqualTo("Your role (viewer) may not accept a live schema (platform_super_admin may).");
    }
}
