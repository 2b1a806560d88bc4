package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.control.Runner;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.OtherProcesses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The page of a tenant whose deployment's or dry run's process was killed (kill -9) while it was at work on it says so,
 * and what to do next: not blank, nor what an earlier run left there.
 */
class InterruptedTenantPagesIT extends ConsoleOverHttp {
    private static final TenantId DEFAULT = TenantId.of("default");

    @Test
    void the_page_of_a_tenant_whose_deployment_died_mid_task_gives_its_tasks_error_as_the_deployment_does() throws Exception {
        demo.fleet.plane().tenants().updateState(DEFAULT, "failed", "1", 1, null, "V2 failed at statement 1: an earlier run");
        String id = interruptedDeployment("root", "default");
        String token = demo.accounts.createToken("admin", "ci");
        String session = adminSession();

        String before = get("/tenants/default", null, session).body();
        // Showing the deployment reads the task's target back, and records what it found.
        JsonNode task = json(get("/api/v1/deployments/" + id, token)).path("tasks").get(0);
        String after = get("/tenants/default", null, session).body();
        JsonNode tenant = json(get("/api/v1/tenants/default", token));

        assertThat(before).contains(">interrupted<", "The process running this task (", "what the task applied is not known yet")
                .doesNotContain("an earlier run");
        assertThat(task.path("error").asText()).as(task.toString()).contains("history shows");
        assertThat(tenant.path("status").asText()).isEqualTo("interrupted");
        assertThat(tenant.path("lastError").asText()).as("the API's, as the task's").isEqualTo(task.path("error").asText());
        assertThat(after).contains(">interrupted<", "The process running this task (", "history shows")
                .doesNotContain("an earlier run", "not known yet");
    }

    @Test
    void the_page_of_a_tenant_whose_newest_dry_run_was_interrupted_says_so_not_the_older_pass() throws Exception {
        var dryRuns = demo.fleet.plane().dryRuns();
        dryRuns.started("run-1", "admin", List.of("2"), Map.of(), List.of(DEFAULT));
        dryRuns.finished("run-1", 10, null, Map.of(DEFAULT, new FleetDryRunRecord.Outcome("success", null)));
        dryRuns.started("run-2", "admin", List.of("3"), Map.of(), List.of(DEFAULT));
        try (OtherProcesses processes = new OtherProcesses()) {
            String killed = Runner.current().replaceFirst(":\\d+ pidns ", ":" + processes.ended() + " pidns ");
            onControlPlane("UPDATE fleet_dry_runs SET runner = '" + killed + "' WHERE id = 'run-2'");
        }
        assertThat(dryRuns.endInterrupted()).hasSize(1);

        String page = get("/tenants/default", null, adminSession()).body();
        int section = page.indexOf("<h2>Last dry run</h2>");
        String lastDryRun = page.substring(section, page.indexOf("</section>", section));

        assertThat(lastDryRun).contains("<span class=\"bad\">interrupted</span>", "Interrupted: its process ",
                "ended before the dry run finished (killed?); dry-run again.", "href=\"/dry-runs/run-2\"")
                .doesNotContain("versions 2", ">success<", ">passed<");
    }
}
