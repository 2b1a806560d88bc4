package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.run.DeployResult;
import dev.flotilla.run.TaskResult;
import dev.flotilla.tenant.TenantId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploySummaryTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Output output = new Output(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    private static TaskResult failed(String id, ErrorCode code) {
        return new TaskResult(TenantId.of(id), "db (schema " + id + ")", TaskStatus.FAILED, List.of(), 12, 3, code, "V3__more.sql failed", "3");
    }

    private String summary(TaskResult... tasks) {
        DeploySummary.print(output, new DeployResult("d1", List.of(tasks), 100, null));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tenants_that_only_met_locks_are_not_told_to_fix_anything() {
        String text = summary(failed("t05", ErrorCode.LOCK_TIMEOUT), failed("t06", ErrorCode.DEADLOCK));

        assertThat(text).contains("They met locks held by other sessions, nothing to fix: when those are free, run"
                + " `flotilla deploy --retry-failed d1`").doesNotContain("Fix them");
    }

    @Test
    void a_script_error_among_the_failures_still_asks_for_a_fix() {
        String text = summary(failed("t05", ErrorCode.LOCK_TIMEOUT), failed("t07", ErrorCode.SQL_ERROR));

        assertThat(text).contains("Fix them, then `flotilla deploy --retry-failed d1`");
    }
}
