package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckTally;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A task as {@code deployments show --json} and the API's deployment give it: one shape, the log left to the caller. */
class TaskRecordTest {
    private static final Instant STARTED = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void a_failed_tasks_map_names_where_it_failed_its_checks_and_the_commands_its_error_tells_to_run_without_its_log() {
        TaskRecord failed = task(TaskStatus.FAILED, ErrorCode.CHECK_FAILED,
                "Check row-counts failed. Then `flotilla deploy --retry-failed d-12`.", "3", "row-counts");

        Map<String, Object> map = failed.asMap(new CheckTally(2, 1, 1, 0, List.of("row-counts")), false);

        assertThat(map).containsOnlyKeys("id", "wave", "status", "attempts", "startedAt", "finishedAt", "timeMs", "applied",
                "schemaChanges", "errorCode", "error", "migration", "check", "checks", "commands");
        assertThat(map.keySet()).startsWith("id", "wave", "status").endsWith("checks", "commands");
        assertThat(map).containsEntry("id", "acme").containsEntry("wave", 1).containsEntry("status", "failed")
                .containsEntry("attempts", 2).containsEntry("startedAt", "2026-03-01T10:00:00Z")
                .containsEntry("finishedAt", "2026-03-01T10:00:01.500Z").containsEntry("timeMs", 1500L)
                .containsEntry("applied", List.of("3")).containsEntry("errorCode", "CHECK_FAILED")
                .containsEntry("migration", "3").containsEntry("check", "row-counts")
                .containsEntry("commands", List.of("flotilla deploy --retry-failed d-12"));
        assertThat(map.get("checks")).isEqualTo(Map.of("total", 2, "passed", 1, "failed", 1, "skipped", 0,
                "failedIds", List.of("row-counts")));
    }

    @Test
    void a_rollbacks_task_says_its_checks_were_not_run_beside_its_null_checks() {
        Map<String, Object> map = task(TaskStatus.SUCCEEDED, null, null, null, null).asMap(null, true);

        assertThat(map).containsEntry("checks", null).containsEntry("checksNotRun", "not run for a rollback");
        assertThat(map.keySet()).endsWith("checks", "checksNotRun");
    }

    @Test
    void a_succeeded_tasks_map_has_no_commands_and_null_checks_when_none_ran() {
        Map<String, Object> map = task(TaskStatus.SUCCEEDED, null, null, null, null).asMap(null, false);

        assertThat(map).doesNotContainKey("commands").doesNotContainKey("checksNotRun").containsEntry("checks", null).containsEntry("errorCode", null)
                .containsEntry("error", null);
    }

    private static TaskRecord task(TaskStatus status, ErrorCode code, String error, String migration, String check) {
        return new TaskRecord("d-12", TenantId.of("acme"), 1, 1, status, 2, STARTED, STARTED.plusMillis(1500), List.of("3"),
                code, error, "statement 1 ok", null, null, migration, check, null);
    }
}
