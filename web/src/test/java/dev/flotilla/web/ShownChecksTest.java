package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckTally;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live progress reads the shown tenants' checks only when a task has ended since its last read, not on every poll. */
class ShownChecksTest {
    private final List<List<TenantId>> reads = new ArrayList<>();
    private final ShownChecks checks = new ShownChecks(tenants -> {
        reads.add(tenants);
        return Map.of(tenants.get(0), new CheckTally(reads.size(), reads.size(), 0, 0, List.of()));
    });

    private static TaskRecord task(String tenant, TaskStatus status, Instant finishedAt) {
        return new TaskRecord("d-7", TenantId.of(tenant), 1, 1, status, 1, Instant.EPOCH, finishedAt, List.of(), null, null, null,
                null, null, null, null, java.time.ZoneOffset.UTC);
    }

    @Test
    void polls_with_no_task_ended_since_read_the_checks_once() {
        List<TaskRecord> tasks = List.of(task("a", TaskStatus.RUNNING, null), task("b", TaskStatus.PENDING, null));

        for (int poll = 0; poll < 5; poll++) {
            checks.of(tasks, tasks);
        }

        assertThat(reads).hasSize(1);
    }

    @Test
    void a_task_ending_reads_them_again_and_what_was_read_is_shown_until_then() {
        List<TaskRecord> running = List.of(task("a", TaskStatus.RUNNING, null), task("b", TaskStatus.PENDING, null));
        List<TaskRecord> oneEnded = List.of(task("a", TaskStatus.SUCCEEDED, Instant.ofEpochSecond(10)), task("b", TaskStatus.RUNNING, null));

        Map<TenantId, CheckTally> before = checks.of(running, running);
        Map<TenantId, CheckTally> after = checks.of(oneEnded, oneEnded);
        Map<TenantId, CheckTally> polledAgain = checks.of(oneEnded, oneEnded);

        assertThat(reads).hasSize(2);
        assertThat(before.get(TenantId.of("a")).total()).isEqualTo(1);
        assertThat(after.get(TenantId.of("a")).total()).as("read again once a's task ended").isEqualTo(2);
        assertThat(polledAgain).isSameAs(after);
    }

    @Test
    void a_retried_task_that_ended_again_between_two_polls_reads_them_again_though_as_many_tasks_have_ended() {
        List<TaskRecord> failed = List.of(task("a", TaskStatus.FAILED, Instant.ofEpochSecond(10)));
        List<TaskRecord> retried = List.of(task("a", TaskStatus.SUCCEEDED, Instant.ofEpochSecond(20)));

        checks.of(failed, failed);
        checks.of(retried, retried);

        assertThat(reads).hasSize(2);
    }

    @Test
    void other_tenants_shown_are_read_for_themselves() {
        List<TaskRecord> tasks = List.of(task("a", TaskStatus.RUNNING, null), task("b", TaskStatus.RUNNING, null));

        checks.of(tasks, tasks.subList(0, 1));
        checks.of(tasks, tasks.subList(1, 2));

        assertThat(reads).containsExactly(List.of(TenantId.of("a")), List.of(TenantId.of("b")));
    }
}
