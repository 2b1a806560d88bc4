package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's deployment page groups a finished deployment's changes once, not on each refresh. */
class FinishedChangesTest {
    private static final Instant END = Instant.parse("2026-03-01T10:00:00Z");

    private static DeploymentRecord deployment(DeploymentStatus status, Instant finishedAt, String kind) {
        return new DeploymentRecord("d-7", status, Instant.EPOCH, finishedAt, "admin", "host", "", 1, 1, 0, 0, 0, kind,
                null, null, null, null);
    }

    private static List<TaskRecord> tasks(String table) {
        return List.of(task("acme", TaskStatus.SUCCEEDED, END, table));
    }

    private static TaskRecord task(String tenant, TaskStatus status, Instant finishedAt, String table) {
        return new TaskRecord("d-7", TenantId.of(tenant), 1, 1, status, 1, Instant.EPOCH, finishedAt, List.of("3"), null,
                null, "V3__a.sql: applied in 1 ms\n  tables created: " + table + "\n", null, null, null, null, null);
    }

    @Test
    void a_running_deployments_finished_tasks_logs_are_read_once_and_its_running_tasks_on_each_look() {
        FinishedChanges changes = new FinishedChanges();
        DeploymentRecord running = deployment(DeploymentStatus.RUNNING, null, "deploy");

        assertThat(changes.of(running, List.of(task("acme", TaskStatus.SUCCEEDED, END, "outbox"),
                task("globex", TaskStatus.RUNNING, null, "log"))))
                .containsExactly("Tables created: outbox, log on 1 tenant(s)");
        assertThat(changes.of(running, List.of(task("acme", TaskStatus.SUCCEEDED, END, "other"),
                task("globex", TaskStatus.RUNNING, null, "log2")))).as("the finished task's kept, the running one's read again")
                .containsExactly("Tables created: outbox, log2 on 1 tenant(s)");
        assertThat(changes.of(running, List.of(task("acme", TaskStatus.SUCCEEDED, END.plusSeconds(5), "other"))))
                .as("retried and finished again: read again").containsExactly("Tables created: other on 1 tenant(s)");
    }

    @Test
    void a_finished_deployments_changes_are_read_from_its_logs_once_and_again_when_it_ran_again_or_runs() {
        FinishedChanges changes = new FinishedChanges();
        DeploymentRecord finished = deployment(DeploymentStatus.SUCCEEDED, END, "deploy");

        assertThat(changes.of(finished, tasks("outbox"))).containsExactly("Tables created: outbox on 1 tenant(s)");
        assertThat(changes.of(finished, tasks("other"))).as("kept: its logs not read again")
                .containsExactly("Tables created: outbox on 1 tenant(s)");
        assertThat(changes.of(deployment(DeploymentStatus.SUCCEEDED, END.plusSeconds(60), "deploy"), tasks("other")))
                .as("resumed and finished again").containsExactly("Tables created: other on 1 tenant(s)");
        assertThat(changes.of(deployment(DeploymentStatus.RUNNING, null, "deploy"), tasks("running")))
                .containsExactly("Tables created: running on 1 tenant(s)");
        assertThat(changes.size()).as("a running one is not kept").isEqualTo(2);
        assertThat(new FinishedChanges().of(deployment(DeploymentStatus.SUCCEEDED, END, "rollback"), tasks("outbox")))
                .containsExactly("Tables restored: outbox on 1 tenant(s)");
    }
}
