package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The wizard's confirmation says what `flotilla plan` notices of the tenants it deploys to, in headless Chromium:
 * three tenants whose databases hold tables but no history table, alike, in one line with one baseline and one adopt
 * for all three (commands only the command line has); a tenant whose database does not exist yet, its deploy said as
 * the console's way to deploy; a gap in the folder's numbering.
 */
class WizardPlanNoticesBrowserIT extends ConsoleInBrowser {
    @Test
    void the_confirmation_shows_the_plans_notices_alike_targets_in_one_line_and_commands_as_the_consoles_buttons()
            throws Exception {
        ConsolePlanNoticesIT.registerNoticedTenants(demo, folder);
        Files.writeString(demo.fleet.template().migrations().resolve("V5__later.sql"), "CREATE TABLE later_notes (id INT);\n");
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        openTenantStep();
        select("legacy_a", "legacy_b", "legacy_c", "newcomer");
        browser.findElement(By.id("tenants-next")).click();
        runTest();
        askToDeploy();

        List<WebElement> notices = browser.findElements(By.cssSelector("#confirm-notices p"));
        assertThat(notices).hasSize(3);
        assertThat(notices.get(0).getText()).startsWith("Notice for legacy_a, legacy_b, legacy_c, alike (3 tenant(s); as"
                + " legacy_a's reads): ").contains("has 1 table(s) but no history table tenant_migrations yet",
                "`flotilla baseline --tenants legacy_a,legacy_b,legacy_c --version V`",
                "`flotilla adopt --tenants legacy_a,legacy_b,legacy_c --from laravel|table:NAME`");
        assertThat(notices.get(1).getText()).startsWith("Notice for newcomer: ").contains("does not exist yet",
                "a deploy from the migration wizard (on the command line: `flotilla deploy --tenants newcomer`)",
                "remove the tenant (`flotilla tenants remove newcomer`)");
        assertThat(notices.get(2).getText()).as("the folder's gaps, as the files step says them")
                .isEqualTo("Notice: 4 is missing between 3 and 5");
        assertNoContentSecurityPolicyErrors();
    }
}
