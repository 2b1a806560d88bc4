package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The console's menu in headless Chromium: every page reachable from it, in one row on a laptop's 1280 px screen. */
class MenuBrowserIT extends ConsoleInBrowser {
    @Test
    void the_menu_leads_to_verify_and_fits_one_row_at_1280_pixels() {
        browser.manage().window().setSize(new Dimension(1280, 800));
        try {
            signIn("admin", DemoConsole.ADMIN_PASSWORD);
            List<WebElement> entries = browser.findElements(By.cssSelector("header nav li"));
            List<Integer> tops = entries.stream().map(e -> e.getRect().getY() + e.getRect().getHeight() / 2).distinct().toList();
            int highest = tops.stream().min(Integer::compare).orElseThrow();
            int lowest = tops.stream().max(Integer::compare).orElseThrow();

            assertThat(lowest - highest).as("the menu's entries' middles (one row): %s", tops).isLessThan(12);
            browser.findElement(By.linkText("Verify")).click();
            wait.until(ExpectedConditions.urlToBe(demo.url("/verify")));
            assertThat(browser.findElement(By.cssSelector("header nav a[aria-current=page]")).getText()).isEqualTo("Verify");
        } finally {
            browser.manage().window().setSize(new Dimension(1400, 1100));
        }
    }
}
