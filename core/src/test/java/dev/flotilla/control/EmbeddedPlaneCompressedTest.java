package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded control plane writes its pages compressed: every commit is written at once (WRITE_DELAY=0), each task's
 * start and end a commit, and what a commit writes (the touched pages of every index of the task's row, H2's list of
 * chunks, the logs) is text that compresses to less than half (bench/HISTORY.md, round 30).
 */
class EmbeddedPlaneCompressedTest {
    @TempDir
    Path home;

    @Test
    void a_tasks_end_with_a_long_log_writes_a_fraction_of_the_logs_size() {
        TenantId tenant = TenantId.of("t01");
        StringBuilder log = new StringBuilder();
        for (int i = 1; log.length() < 100_000; i++) {
            log.append("  #").append(i).append(" line ").append(i).append(": 12 ms, 0 row(s)\n");
        }
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null)) {
            plane.tenants().add(new Tenant(tenant, null, null, null, List.of()));
            String deployment = plane.deployments().create("tester", "{}", List.of(new DeploymentStore.NewTask(tenant, 0)));
            plane.deployments().taskStarted(deployment, tenant, Instant.now());

            long before = bytesWritten(plane);
            plane.deployments().taskFinished(deployment, tenant,
                    TaskEnd.of(TaskStatus.SUCCEEDED, List.of("1"), TaskError.NONE, log.toString(), Instant.now()));
            long written = bytesWritten(plane) - before;

            assertThat(plane.deployments().tasks(deployment).get(0).log()).isEqualTo(log.toString());
            assertThat(written).as("bytes the end's commit wrote, for a log of %d characters", log.length())
                    .isLessThan(log.length() / 2);
        }
    }

    private static long bytesWritten(ControlPlane plane) {
        return plane.with("reading what H2 wrote", c -> Long.parseLong(Jdbc.queryString(c,
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.FILE_WRITE_BYTES'")));
    }
}
