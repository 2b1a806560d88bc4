package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console's layout in headless Chromium on a laptop's 1280 px screen: the menu leads to every page in one row, and
 * the files step gives its lint findings room to read, and no wizard step is wider than the window.
 */
class PageLayoutBrowserIT extends ConsoleInBrowser {
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

    @Test
    void the_files_step_gives_lint_findings_room_not_a_narrow_column() throws Exception {
        Files.writeString(demo.fleet.template().migrations().resolve("V4__drop_staff_email.sql"),
                "ALTER TABLE staff DROP COLUMN email;\n");
        browser.manage().window().setSize(new Dimension(1280, 800));
        try {
            signIn("admin", DemoConsole.ADMIN_PASSWORD);
            browser.get(demo.url("/wizard/files"));
            WebElement lint = browser.findElement(By.cssSelector("tr[data-file='V4__drop_staff_email.sql'] td:nth-child(5)"));
            int table = browser.findElement(By.id("files")).getRect().getWidth();

            assertThat(lint.getText()).contains("drop-column", "drops column staff.email");
            assertThat(lint.getRect().getWidth()).as("the lint cell's width in a table %s px wide", table).isGreaterThan(table * 3 / 10);
        } finally {
            browser.manage().window().setSize(new Dimension(1400, 1100));
        }
    }

    @Test
    @Tag("held")
    void no_wizard_step_is_wider_than_a_1280_pixel_window() throws Exception {
        // A file with a lint finding, as the seed's wizard lists them: its findings widen the files step the most.
        Files.writeString(demo.fleet.template().migrations().resolve("V4__drop_staff_email.sql"),
                "ALTER TABLE staff DROP COLUMN email;\n");
        browser.manage().window().setSize(new Dimension(1280, 800));
        try {
            signIn("admin", DemoConsole.ADMIN_PASSWORD);
            browser.get(demo.url("/wizard/files"));
            assertFitsTheWindow("1 files");
            browser.findElement(By.id("file-2")).click();
            browser.findElement(By.id("files-next")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tenant-choices")));
            assertFitsTheWindow("2 tenants");
            select("maison_atelier", "default");
            browser.findElement(By.id("tenants-next")).click();
            runTest();
            assertFitsTheWindow("3 test");
            askToDeploy();
            assertFitsTheWindow("4 confirm");
            browser.findElement(By.id("confirm-deploy")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("live")));
            assertFitsTheWindow("5 progress");
            Files.createFile(gate().resolve("release"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
            assertFitsTheWindow("6 results");
        } finally {
            browser.manage().window().setSize(new Dimension(1400, 1100));
        }
    }

    /** The page scrolls only down: the document is no wider than the window's width for it. */
    private void assertFitsTheWindow(String step) {
        Object widths = browser.executeScript("const d = document.documentElement; return [d.scrollWidth, d.clientWidth];");
        List<?> both = (List<?>) widths;
        long scroll = ((Number) both.get(0)).longValue();
        long client = ((Number) both.get(1)).longValue();
        Object wide = scroll <= client ? "" : browser.executeScript("const w = document.documentElement.clientWidth;"
                + " return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w)"
                + ".slice(0, 8).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' '"
                + " + Math.round(e.getBoundingClientRect().left) + '-' + Math.round(e.getBoundingClientRect().right)).join('; ');");
        assertThat(scroll).as("step %s: the document's scroll width over its client width (%s px); sticking out: %s", step,
                client, wide).isLessThanOrEqualTo(client);
    }
}
