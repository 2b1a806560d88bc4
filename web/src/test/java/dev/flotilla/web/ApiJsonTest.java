package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiJsonTest {
    private static TaskRecord failed(String error) {
        return new TaskRecord("d-12", TenantId.of("m07"), 1, 1, TaskStatus.FAILED, 1, Instant.EPOCH, Instant.EPOCH,
                List.of("1"), ErrorCode.SQL_ERROR, error, "", null, null, "2", null, null);
    }

    @Test
    void a_failed_task_gives_the_commands_its_recorded_error_names_as_they_run_and_none_when_it_names_none() {
        Map<String, Object> named = task(failed("V2__tags.sql failed at statement 2: undo it by hand and run"
                + " `flotilla repair --tenants m07 --rerun-from-start`; then `flotilla deploy --retry-failed d-12`."));
        Map<String, Object> none = task(failed("V2__tags.sql failed: fix the script and run again."));

        assertThat(named.get("commands")).isEqualTo(List.of("flotilla repair --tenants m07 --rerun-from-start",
                "flotilla deploy --retry-failed d-12"));
        assertThat(none).doesNotContainKey("commands").containsEntry("errorCode", "SQL_ERROR");
        assertThat(named).as("the API leaves the log out").doesNotContainKey("log");
    }

    private static Map<String, Object> task(TaskRecord task) {
        return ApiJson.tasks(List.of(task), Map.of(), false).get(0);
    }
}
