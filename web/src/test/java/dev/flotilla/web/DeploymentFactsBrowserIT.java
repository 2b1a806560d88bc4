package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A running deployment's page in headless Chromium: what it applied and backed up is told as it happens, not at load only. */
class DeploymentFactsBrowserIT extends ConsoleInBrowser {
    @Test
    @Tag("held")
    void a_running_deployments_page_tells_the_versions_applied_and_the_backups_kept_as_its_tenants_finish() throws Exception {
        String id = ConsoleOverHttp.json(deployThroughApi("admin", "{\"versions\": [\"3\"], \"all\": true}"))
                .path("deployment").asText();
        wait.until(page -> startedTenants().size() == 1);
        String first = startedTenants().iterator().next();
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        browser.get(demo.url("/deployments/" + id));
        browser.executeScript("window.openedOnce = true");
        assertThat(text("deployment-applied")).startsWith("Applied so far: none");
        assertThat(text("deployment-backups")).isEqualTo("Backups kept from before it: none: 5 tenant(s) have not got to"
                + " their backup yet.");

        Files.createFile(gate().resolve("release-" + first));
        wait.until(page -> startedTenants().size() == 2);
        wait.until(page -> text("deployment-applied").startsWith("Applied so far: version 2 on 1 tenant(s), version 3 on 1 tenant(s)"));
        assertThat(text("deployment-backups")).as("the first tenant's backup, told while the others run")
                .startsWith("Backups kept from before it: 1 tenant(s) in 1 file(s), each listed on its tenant's page to restore;"
                        + " none of the others: 4 tenant(s) have not got to their backup yet: ").doesNotContain(first);
        assertThat(text("deployment-status")).isEqualTo("running");
        assertThat(text("deployment-asked")).startsWith("Asked for by admin: ");

        Files.createFile(gate().resolve("release"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        assertThat(text("deployment-status")).isEqualTo("succeeded");
        assertThat(text("deployment-applied")).startsWith("Applied: version 2 on 5 tenant(s), version 3 on 5 tenant(s) · options ");
        assertThat(text("deployment-backups")).startsWith("Backups kept from before it: 5 tenant(s) in 5 file(s)");
        assertThat(browser.findElements(By.id("deployment-facts"))).as("the facts once, not the load's beside the end's").hasSize(1);
        assertThat(browser.executeScript("return window.openedOnce === true")).as("told without a reload").isEqualTo(true);
        assertNoContentSecurityPolicyErrors();
    }
}
