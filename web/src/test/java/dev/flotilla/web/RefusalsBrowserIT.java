package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What the console refuses, seen from headless Chromium: a viewer cannot deploy (no button, and the server and the API
 * say no), and a request without the page's CSRF token is refused.
 */
class RefusalsBrowserIT extends ConsoleInBrowser {
    @Test
    void a_viewer_sees_no_deploy_button_and_is_refused_by_the_server_and_the_api() throws Exception {
        signIn("victor", DemoConsole.VIEWER_PASSWORD);
        openTenantStep();
        browser.findElement(By.id("select-all")).click();
        wait.until(ExpectedConditions.textToBe(By.id("selected-count"), "5"));
        browser.findElement(By.id("tenants-next")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("test-tenant-count")));
        assertThat(browser.findElements(By.id("run-test"))).isEmpty();
        assertThat(browser.findElements(By.id("deploy"))).isEmpty();

        // The server refuses even a well-formed request with the viewer's own session and CSRF token.
        String csrf = browser.findElement(By.name("_csrf")).getAttribute("value");
        HttpResponse<String> forged = post("/wizard/deploy", "_csrf=" + csrf, sessionCookie());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("may not deploy");

        HttpResponse<String> api = deployThroughApi("victor", "{\"versions\": [\"2\"], \"all\": true}");
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(demo.fleet.plane().deployments().newest(10)).as("only the demo's setup").hasSize(1);
        assertThat(demo.fleet.plane().audit().page(new dev.flotilla.control.AuditLog.Filter("victor", "denied", null), 0, 10))
                .hasSize(2);
    }

    @Test
    void a_forged_request_without_the_csrf_token_is_refused() throws Exception {
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        // The browser's own session cookie, as a forging site would make the browser send it (SameSite aside).
        HttpResponse<String> forged = post("/tokens", "label=forged", sessionCookie());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(demo.accounts.store().tokens("admin")).isEmpty();

        // The same request from the page itself carries the token and works.
        browser.get(demo.url("/tokens"));
        browser.findElement(By.name("label")).sendKeys("ci-pipeline");
        browser.findElement(By.id("create-token")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-token"))).getText()).startsWith("flt_");
        assertThat(demo.accounts.store().tokens("admin")).extracting(t -> t.label()).containsExactly("ci-pipeline");
    }
}
