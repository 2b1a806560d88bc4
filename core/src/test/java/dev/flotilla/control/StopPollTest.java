package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop asked for from another process is read by the running deployment within about a second, not a heartbeat. */
class StopPollTest {
    @TempDir
    Path home;

    @Test
    void a_stop_asked_for_through_another_connection_is_heard_within_three_seconds_though_the_heartbeat_is_five() throws Exception {
        String url = ControlPlane.embeddedUrl(home);
        try (ControlPlane running = ControlPlane.open(url, "sa", null); ControlPlane other = ControlPlane.open(url, "sa", null)) {
            running.tenants().add(new Tenant(TenantId.of("acme"), null, null, null, List.of()));
            String id = running.deployments().create("ops", "concurrency=1",
                    List.of(new DeploymentStore.NewTask(TenantId.of("acme"), 1)));
            CountDownLatch heard = new CountDownLatch(1);
            try (Heartbeat alive = running.stopRequests().beating(id, stop -> heard.countDown())) {
                other.stopRequests().request(id, "alice", null);

                assertThat(heard.await(3, TimeUnit.SECONDS)).as("heard within 3 s of the request, not at the 5 s heartbeat")
                        .isTrue();
            }
        }
    }
}
