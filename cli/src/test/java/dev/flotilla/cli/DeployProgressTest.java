package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.run.TaskResult;
import dev.flotilla.tenant.TenantId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeployProgressTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Output output = new Output(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    private static TaskResult task(String id, TaskStatus status) {
        return new TaskResult(TenantId.of(id), "db (schema " + id + ")", status, status == TaskStatus.SUCCEEDED ? List.of("1") : List.of(), 12, 1,
                status == TaskStatus.FAILED ? ErrorCode.SQL_ERROR : null, status == TaskStatus.FAILED ? "V1__a.sql failed" : null,
                status == TaskStatus.FAILED ? "1" : null);
    }

    @Test
    void on_a_terminal_one_live_line_counts_done_failures_rate_and_eta_with_failures_printed_above_it() {
        output.configure(false, false, false, true);
        DeployProgress progress = new DeployProgress(output, true, "started");

        progress.deploymentStarted("d1", 3);
        progress.taskFinished(task("a", TaskStatus.SUCCEEDED));
        progress.taskFinished(task("b", TaskStatus.FAILED));
        progress.taskFinished(task("c", TaskStatus.SUCCEEDED));
        output.line("done");

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("Deployment d1 started: 3 tenant(s)\n");
        assertThat(text).contains("\r\u001b[K[1/3] 0 failed, ", "FAILED b: V1__a.sql failed\n", "[3/3] 1 failed, ",
                "tenants/s, ETA 0s");
        assertThat(text).doesNotContain("succeeded a").endsWith("\r\u001b[Kdone\n");
    }

    @Test
    void without_a_terminal_every_tenant_gets_a_plain_line() {
        DeployProgress progress = new DeployProgress(output, false, "resumed");

        progress.deploymentStarted("d2", 2);
        progress.taskFinished(task("a", TaskStatus.SUCCEEDED));
        progress.taskFinished(task("b", TaskStatus.SKIPPED));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Deployment d2 resumed: 2 tenant(s)\n"
                + "  succeeded a (version 1 applied, 12 ms)\n  skipped b: not started after an earlier failure\n");
    }

    @Test
    void a_schema_wide_failure_is_said_in_full_for_the_first_tenant_of_each_shared_schema_only() {
        DeployProgress progress = new DeployProgress(output, false, "started");

        progress.deploymentStarted("d3", 4);
        progress.taskFinished(DeploySummaryTest.failedSchemaWide("acme", "db (schema east)"));
        progress.taskFinished(DeploySummaryTest.failedSchemaWide("globex", "db (schema east)"));
        progress.taskFinished(DeploySummaryTest.failedSchemaWide("initech", "db (schema west)"));
        progress.taskFinished(DeploySummaryTest.failedSchemaWide("umbrella", "db (schema west)"));

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text.split("expected CASCADE", -1)).as("once per schema: " + text).hasSize(3);
        assertThat(text).contains("FAILED globex: Verification failed after the migrations were applied: fk-rules failed:"
                + " the same schema-wide result as above, for the tenants of db (schema east).", "FAILED umbrella: Verification"
                + " failed after the migrations were applied: fk-rules failed: the same schema-wide result as above, for the"
                + " tenants of db (schema west).");
    }

    @Test
    void off_a_terminal_a_live_line_is_left_out_so_logs_carry_no_escape_codes() {
        output.configure(false, false, false, false);

        output.progress("Checking 3 tenant(s)...");
        output.line("3 tenant(s) clean");

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("3 tenant(s) clean\n");
    }

    @Test
    void a_rollback_says_its_deployments_canaries_are_undone_last_and_never_calls_the_rest_canaries() {
        DeployProgress progress = new DeployProgress(output, false, "Rollback", "started");

        progress.deploymentStarted("r1", 3);
        progress.waveStarted(1, List.of(TenantId.of("b"), TenantId.of("c")), 1);
        progress.taskFinished(task("b", TaskStatus.SUCCEEDED));
        progress.taskFinished(task("c", TaskStatus.SUCCEEDED));
        progress.waveStarted(2, List.of(TenantId.of("a")), 0);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("Canar");
        assertThat(text).contains("Rollback r1 started: 3 tenant(s)\nFirst b, c (2 tenants); the deployment's canary"
                + " wave (1 tenant) is undone last.\n", "Now the deployment's canary wave: a (1 tenant).\n");
    }
}
