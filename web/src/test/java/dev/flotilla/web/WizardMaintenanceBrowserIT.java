package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.run.Hooks;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The wizard's "Without maintenance mode" in headless Chromium, on the demo fleet with the tenant hooks the README's
 * hooks section describes (beforeTenant and afterTenant, shell commands given the tenant): ticked, the deployment runs
 * neither hook on its tenant (as {@code --no-maintenance}); left as it is, both run, around the tenant's migrations.
 */
class WizardMaintenanceBrowserIT extends ConsoleInBrowser {
    @Override
    DemoConsole newDemo(TestInfo test) {
        // Each hook leaves a file named for its event and tenant: ${tenant} put in by Flotilla, $FLOTILLA_EVENT from its environment.
        String hook = "touch '" + folder + "/hook-'\"$FLOTILLA_EVENT\"'-${tenant}'";
        return new DemoConsole(folder.resolve("fleet"), fleet -> new ConsoleFleet(fleet.plane(), fleet.tenancy(), fleet.template(),
                fleet.deploy().withHooks(new Hooks(null, null, hook, hook)), fleet.dryRun()));
    }

    @Test
    void deploying_without_maintenance_mode_calls_neither_tenant_hook_and_the_deployment_says_so() {
        askToDeployToDefault();

        assertThat(text("no-maintenance-label")).contains("Without maintenance mode", "beforeTenant/afterTenant", "--no-maintenance");
        browser.findElement(By.id("no-maintenance")).click();
        browser.findElement(By.id("confirm-deploy")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));

        assertThat(tenant("default").currentVersion()).as("deployed").isEqualTo("2");
        assertThat(hookFiles()).as("no hook was called").isEmpty();
        assertThat(text("deployment-applied")).contains("maintenance=off");
        assertNoContentSecurityPolicyErrors();
    }

    @Test
    void deploying_with_maintenance_mode_as_it_is_calls_both_tenant_hooks_on_the_tenant() {
        askToDeployToDefault();

        assertThat(browser.findElement(By.id("no-maintenance")).isSelected()).as("hooks run unless asked otherwise").isFalse();
        browser.findElement(By.id("confirm-deploy")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));

        assertThat(tenant("default").currentVersion()).as("deployed").isEqualTo("2");
        assertThat(hookFiles()).containsExactlyInAnyOrder("hook-beforeTenant-default", "hook-afterTenant-default");
        assertThat(text("deployment-applied")).doesNotContain("maintenance=off");
        assertNoContentSecurityPolicyErrors();
    }

    /** The files the hooks left, by name. */
    private java.util.List<String> hookFiles() {
        try (var files = Files.list(folder)) {
            return files.map(Path::getFileName).map(Path::toString).filter(name -> name.startsWith("hook-")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
