package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.Runner;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.OtherProcesses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console's list of fleet dry runs in headless Chromium: the wizard's test and a {@code flotilla dry-run} killed while
 * the console runs (ended as interrupted when the list is read, as {@code flotilla dry-runs} ends it), newest first, each
 * with its status, who ran it and from where, its versions and tenants; a run's page gives each tenant's outcome and time.
 * {@code GET /api/v1/dry-runs} lists the same.
 */
class DryRunsBrowserIT extends ConsoleInBrowser {
    @Test
    void the_dry_runs_page_lists_the_wizards_test_and_an_interrupted_command_line_run_and_a_runs_page_each_tenants_outcome()
            throws Exception {
        testedWithAtelierFailing();
        String tested = demo.fleet.plane().dryRuns().newest(1).get(0);
        try (OtherProcesses processes = new OtherProcesses()) {
            killedCommandLineRun(processes.ended());
        }

        browser.findElement(By.linkText("Dry runs")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dry-run-list")));
        assertThat(browser.findElements(By.cssSelector("#dry-run-list tbody tr")).stream()
                .map(row -> row.getAttribute("data-dry-run")).toList()).containsExactly("ci-killed", tested);
        assertThat(row("ci-killed")).contains("interrupted", "ci", "cli", "3", "0 0 1");
        assertThat(row(tested)).contains("failed", "admin", "console", "2", "1 1 2");

        browser.findElement(By.linkText(tested)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dry-run-tenants")));
        assertThat(text("dry-run-status")).isEqualTo("failed");
        assertThat(tenantRow("maison_atelier")).containsPattern("maison_atelier error \\d+ ms \\S+: .*serial_quarantine");
        assertThat(tenantRow("default")).containsPattern("default (success|warning) \\d+ ms");

        browser.get(demo.url("/dry-runs/ci-killed"));
        assertThat(text("dry-run-status")).isEqualTo("interrupted");
        assertThat(text("dry-run-error")).startsWith("Interrupted: its process");
        assertThat(tenantRow("default")).contains("not tested (interrupted)");
        assertNoContentSecurityPolicyErrors();

        String token = demo.accounts.createToken("victor", "ci");
        HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(demo.url("/api/v1/dry-runs")))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        var json = ConsoleOverHttp.json(list);
        assertThat(json.path("total").asInt()).isEqualTo(2);
        assertThat(json.path("dryRuns").get(0).path("status").asText()).isEqualTo("interrupted");
        assertThat(json.path("dryRuns").get(0).path("startedFrom").asText()).isEqualTo("cli");
        assertThat(json.path("dryRuns").get(1).path("id").asText()).isEqualTo(tested);
        assertThat(json.path("dryRuns").get(1).path("passed").asInt()).isEqualTo(1);
    }

    /** A {@code flotilla dry-run} of version 3 on default, recorded as running by a process that is gone (killed). */
    private void killedCommandLineRun(long pid) throws Exception {
        ControlPlane plane = demo.fleet.plane();
        plane.dryRuns().startedFromCommandLine("ci-killed", "ci", List.of("3"), Map.of(), false, List.of(TenantId.of("default")));
        String runner = Runner.current().replaceFirst(":\\d+ pidns ", ":" + pid + " pidns ");
        try (var connection = java.sql.DriverManager.getConnection(ControlPlane.embeddedUrl(folder), ControlPlane.EMBEDDED_USER, "");
             var update = connection.prepareStatement("UPDATE fleet_dry_runs SET runner = ? WHERE id = 'ci-killed'")) {
            update.setString(1, runner);
            assertThat(update.executeUpdate()).isOne();
        }
    }

    private String row(String dryRun) {
        return browser.findElement(By.cssSelector("#dry-run-list tr[data-dry-run='" + dryRun + "']")).getText();
    }

    private String tenantRow(String tenant) {
        return browser.findElement(By.cssSelector("#dry-run-tenants tr[data-tenant='" + tenant + "']")).getText();
    }
}
