package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Results whose errors are long (a SQL error with its target's URL, a log naming backup paths) as a new administrator
 * reads them in a small laptop's window: every column in sight, nothing pushed off the page's right edge; and the Drift page's counts
 * say the check that just ran on it.
 */
class LongResultsBrowserIT extends ConsoleInBrowser {
    /** A small laptop's window: the pages are read there too. */
    @BeforeEach
    void smallWindow() {
        browser.manage().window().setSize(new Dimension(1024, 900));
    }

    @Test
    void a_failed_test_shows_which_tenants_each_outcome_group_holds_within_the_window() throws Exception {
        testedWithAtelierFailing();

        assertThat(text("test-summary")).isEqualTo("1 of 2 tenant(s) failed");
        WebElement failedGroup = browser.findElement(By.xpath("//table[@id='test-groups']//td[contains(., 'maison_atelier')]"));
        assertWithinWindow(failedGroup, "the failed group's tenants");
        assertThat(browser.findElement(By.cssSelector("#test-groups td.ok")).getText()).as("a test that passed reads as good news")
                .isEqualTo("success");
        assertThat(browser.findElement(By.cssSelector("#test-tenants tr[data-tenant='default']")).getText())
                .as("its changes in words, not the JSON's keys").contains("Tables created: serial").doesNotContain("tablesCreated");
        assertNothingPastTheRightEdge();
    }

    @Test
    void a_deployment_that_failed_on_a_tenant_shows_its_error_and_log_within_the_window() throws Exception {
        testedWithAtelierFailing();
        askToDeploy();
        browser.findElement(By.cssSelector("#override-failed-test summary")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("override-box"))).click();
        browser.findElement(By.id("confirm-deploy-override")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));

        assertThat(text("count-failed")).isEqualTo("1");
        assertWithinWindow(browser.findElement(By.cssSelector("tr[data-tenant='maison_atelier'] span.bad")), "the failed tenant's error");
        assertNothingPastTheRightEdge();
    }

    @Test
    void the_drift_pages_counts_include_the_check_just_run_there_and_its_groups_stay_in_sight() throws Exception {
        onTenant("default", "CREATE INDEX added_by_hand ON staff (email)");
        onTenant("maison_atelier", "CREATE INDEX added_by_hand_too ON staff (email)");
        signIn("olivia", DemoConsole.OPERATOR_PASSWORD);
        browser.get(demo.url("/drift"));
        assertThat(text("drift-summary")).isEqualTo("No tenant checked yet.");
        browser.findElement(By.id("run-drift")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drift-done")));

        assertThat(text("drift-counts")).startsWith("5 tenant(s): 2 drifted, 3 clean");
        assertThat(text("drift-summary")).as("the counts above the form, once the check has ended")
                .isEqualTo("By each tenant's last check: 3 clean 2 drifted");
        assertWithinWindow(browser.findElement(By.xpath("//table[@id='drift-groups']//td[contains(., 'maison_atelier')]")),
                "the drifted group's tenants");
        assertNothingPastTheRightEdge();
        assertNoContentSecurityPolicyErrors();
    }

    private void assertWithinWindow(WebElement element, String what) {
        Object right = browser.executeScript("return arguments[0].getBoundingClientRect().right", element);
        Object width = browser.executeScript("return document.documentElement.clientWidth");
        assertThat(((Number) right).doubleValue()).as(what + " ends inside the window (%s px wide)", width)
                .isLessThanOrEqualTo(((Number) width).doubleValue());
    }

    private void assertNothingPastTheRightEdge() {
        Object scrollWidth = browser.executeScript("return document.documentElement.scrollWidth");
        Object width = browser.executeScript("return document.documentElement.clientWidth");
        assertThat(((Number) scrollWidth).longValue()).as("the page's width: no sideways scrolling")
                .isLessThanOrEqualTo(((Number) width).longValue());
    }
}
