package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A deployment's backups in headless Chromium: the wizard's confirmation deploying without one when the super admin
 * ticks "Skip the backup" (as {@code deploy --skip-backup}), and every tenant of a deployment restored from the backups
 * taken before it from the deployment's page (as {@code restore --deployment ID}).
 */
class DeploymentBackupsBrowserIT extends ConsoleInBrowser {
    @Test
    void the_confirmation_deploys_without_a_backup_when_skip_the_backup_is_ticked_and_the_page_names_who() {
        askToDeployToDefault();

        assertThat(text("skip-backup-label")).contains("Skip the backup", "--skip-backup", "audit log");
        assertThat(browser.findElements(By.id("no-maintenance"))).as("no beforeTenant or afterTenant hook to leave out").isEmpty();
        browser.findElement(By.id("skip-backup")).click();
        browser.findElement(By.id("confirm-deploy")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));

        assertThat(text("deployment-backups")).isEqualTo("Backups kept from before it: none: skipped with --skip-backup by"
                + " admin (audited).");
        assertThat(text("deployment-applied")).contains("backup=off");
        assertThat(browser.findElements(By.id("restore-deployment"))).as("nothing to restore from").isEmpty();
        assertNoContentSecurityPolicyErrors();
    }

    @Test
    void a_super_admin_restores_every_tenant_of_a_deployment_from_its_page_after_its_confirmation() throws Exception {
        String id = ConsoleOverHttp.json(deployThroughApi("admin", "{\"versions\": [\"2\"], \"tenants\": [\"default\","
                + " \"atelier_nord\"]}")).path("deployment").asText();
        assertThat(demo.console.awaitIdle(Duration.ofSeconds(60))).isTrue();
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        browser.get(demo.url("/deployments/" + id));

        browser.findElement(By.id("restore-deployment")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("deployment-restore-confirm")));
        assertThat(text("deployment-restore-question")).isEqualTo("Replace 2 tenant(s) with the backups taken before " + id
                + "; everything changed since is lost?");
        assertThat(tenant("default").currentVersion()).as("only asked").isEqualTo("2");
        browser.findElement(By.id("confirm-restore-deployment")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("restore-done")));

        assertThat(browser.findElements(By.cssSelector("#restore-done tr[data-tenant]")).stream()
                .map(row -> row.getAttribute("data-tenant"))).containsExactlyInAnyOrder("default", "atelier_nord");
        assertThat(text("restore-done")).contains("restored from").doesNotContain("failed");
        assertThat(List.of(tenant("default").currentVersion(), tenant("atelier_nord").currentVersion())).containsOnly("1");
        assertNoContentSecurityPolicyErrors();
    }
}
