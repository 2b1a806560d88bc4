package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.AuditLog;
import dev.flotilla.control.DeploymentRecord;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The wizard's confirmation takes the deploy's concurrency, per-server limit and canaries, as
 * {@code deploy --concurrency N --per-server N --canary a,b} does: empty keeps deploy.concurrency, deploy.perServer and
 * no canary; a value the command line refuses is refused in its words. A super
 * admin may tick "Skip the checks", as {@code --skip-checks}.
 */
class WizardDeployWavesBrowserIT extends ConsoleInBrowser {
    @Test
    void the_confirmation_deploys_at_the_concurrency_and_canary_given_without_the_checks_ticked_and_refuses_what_the_cli_refuses() throws Exception {
        askToDeployTo("default", "atelier_nord");
        WebElement concurrency = browser.findElement(By.id("concurrency"));
        assertThat(concurrency.getAttribute("placeholder")).as("the configured one, kept when left empty")
                .isEqualTo(String.valueOf(demo.fleet.deploy().concurrency()));
        assertThat(browser.findElement(By.id("per-server")).getAttribute("placeholder")).as("deploy.perServer, kept when left empty")
                .isEqualTo(String.valueOf(demo.fleet.deploy().perServer()));

        String csrf = browser.findElement(By.name("_csrf")).getAttribute("value");
        HttpResponse<String> refused = post("/wizard/deploy", "_csrf=" + csrf + "&concurrency=0", sessionCookie());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Concurrency must be between 1 and 256, was 0.");
        HttpResponse<String> perServerRefused = post("/wizard/deploy", "_csrf=" + csrf + "&perServer=0", sessionCookie());
        assertThat(perServerRefused.statusCode()).isEqualTo(400);
        assertThat(perServerRefused.body()).contains("Per server must be 1 or more, was 0.");
        assertThat(demo.fleet.plane().deployments().newest(10)).as("only the demo's setup").hasSize(1);

        concurrency.sendKeys("1");
        browser.findElement(By.id("per-server")).sendKeys("1");
        browser.findElement(By.id("canary")).sendKeys("atelier_nord");
        browser.findElement(By.id("skip-checks")).click();
        browser.findElement(By.id("confirm-deploy")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        assertThat(text("count-succeeded")).isEqualTo("2");
        DeploymentRecord deployed = demo.fleet.plane().deployments().newest(1).get(0);
        assertThat(deployed.options()).contains("concurrency=1 ").contains(" perServer=1 ").contains("canary=[atelier_nord]").contains("skipChecks");
        assertThat(demo.fleet.plane().audit().page(new AuditLog.Filter("admin", "deploy.requested", null), 0, 10))
                .extracting(entry -> entry.outcome() + ": " + entry.details()).satisfiesExactly(
                        ok -> assertThat(ok).startsWith("ok: ").endsWith("; skip-checks; concurrency 1; per-server 1; canary atelier_nord"),
                        denied -> assertThat(denied).startsWith("denied: BAD_USAGE (400): Per server must be 1 or more"),
                        denied -> assertThat(denied).startsWith("denied: BAD_USAGE (400): Concurrency must be between 1 and 256"));
        assertNoContentSecurityPolicyErrors();
    }
}
