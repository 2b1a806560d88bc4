package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentStore;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's records taken together by the plane's writer leave what they leave written one by one: the same log (the
 * separator after an earlier run's log once, the lines in order), pending count, state and end. One tenant's records
 * are written one at a time, the other's taken together, and their rows compared.
 */
class TaskProgressTest {
    private static final TenantId ONE_BY_ONE = TenantId.of("t1");
    private static final TenantId TOGETHER = TenantId.of("t2");
    private static final Instant ENDED = Instant.parse("2026-12-06T09:00:00Z");

    @TempDir
    Path home;

    @Test
    void a_resumed_tasks_pending_count_lines_and_end_taken_together_leave_what_they_leave_one_by_one() {
        compare(true, (task, end) -> List.of(TaskProgress.pending(task, 3), TaskProgress.logged(task, "applying 1\n", true),
                TaskProgress.logged(task, "applied 1\n", false), TaskProgress.pending(task, 2), TaskProgress.ended(task, end)));
    }

    @Test
    void lines_after_some_written_in_an_earlier_batch_and_the_end_taken_together_add_to_them_with_no_separator() {
        compare(true, (task, end) -> List.of(TaskProgress.logged(task, "applied 1\n", false), TaskProgress.ended(task, end)));
    }

    @Test
    void a_first_runs_pending_count_and_lines_without_the_end_write_both() {
        compare(false, (task, end) -> List.of(TaskProgress.pending(task, 4), TaskProgress.logged(task, "applying 1\n", true),
                TaskProgress.logged(task, "applied 1\n", false)));
    }

    @Test
    void an_end_alone_after_its_pending_count_sets_the_count_again() {
        compare(false, (task, end) -> List.of(TaskProgress.pending(task, 4), TaskProgress.ended(task, new TaskProgress.End(
                end.outcomes(), end.applied(), end.log(), false, end.at(), end.attempts()))));
    }

    private interface Records {
        List<TaskProgress> of(TaskProgress.Task task, TaskProgress.End end);
    }

    private void compare(boolean earlierRun, Records records) {
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            plane.tenants().addMissing(List.of(new Tenant(ONE_BY_ONE, null, null, null, List.of()),
                    new Tenant(TOGETHER, null, null, null, List.of())));
            String deployment = plane.deployments().create("ops", "test", List.of(new DeploymentStore.NewTask(ONE_BY_ONE, 1),
                    new DeploymentStore.NewTask(TOGETHER, 1)));
            for (TenantId tenant : List.of(ONE_BY_ONE, TOGETHER)) {
                plane.deployments().taskStarted(deployment, tenant, ENDED.minusSeconds(5));
                if (earlierRun) {
                    plane.deployments().taskLogged(deployment, tenant, "the killed run's line\n", true);
                }
            }

            for (TaskProgress record : records.of(task(plane, deployment, ONE_BY_ONE), end(ONE_BY_ONE))) {
                record.write();
            }
            List<TaskProgress> together = records.of(task(plane, deployment, TOGETHER), end(TOGETHER));
            together.stream().reduce(TaskProgress::then).orElseThrow().write();

            List<TaskRecord> tasks = plane.deployments().tasks(deployment);
            assertThat(tasks.get(1)).usingRecursiveComparison().ignoringFields("tenant", "seq").isEqualTo(tasks.get(0));
            TenantRecord oneByOne = plane.tenants().find(ONE_BY_ONE).orElseThrow();
            assertThat(plane.tenants().find(TOGETHER).orElseThrow()).usingRecursiveComparison()
                    .ignoringFields("tenant", "updatedAt").isEqualTo(oneByOne);
        }
    }

    private static TaskProgress.Task task(ControlPlane plane, String deployment, TenantId tenant) {
        return new TaskProgress.Task(plane, deployment, List.of(tenant));
    }

    private static TaskProgress.End end(TenantId tenant) {
        TaskOutcome succeeded = new TaskOutcome(null, TaskStatus.SUCCEEDED, null, List.of(), "up-to-date", "1", true, 0);
        return new TaskProgress.End(Map.of(tenant, succeeded), List.of("1"), "succeeded\n", true, ENDED, 1);
    }
}
