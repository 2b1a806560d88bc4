package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.FlotillaException;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.DeploymentStore;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a deployment still runs is told by its heartbeat in the control plane (H2), whoever looks. */
class DeploymentHeartbeatIT {
    @TempDir
    Path temp;
    Fleet fleet;

    @BeforeEach
    void createFleet() {
        fleet = FleetFixture.inH2(temp, 2);
    }

    @AfterEach
    void closeFleet() {
        fleet.close();
    }

    private String created() {
        return fleet.plane.deployments().create("test", "", fleet.targets().stream()
                .map(t -> new DeploymentStore.NewTask(t.tenant().id(), 1)).toList());
    }

    @Test
    void a_deployment_is_interrupted_when_its_heartbeat_stops_not_when_its_host_and_pid_look_dead() throws Exception {
        String id = created();
        fleet.plane.deployments().taskStarted(id, TenantId.of("t000"), java.time.Instant.now());
        assertThat(fleet.plane.deployments().tasks(id).get(0).status()).isEqualTo(dev.flotilla.control.TaskStatus.RUNNING);
        // Another container, with this one's host name and a pid that is not alive here, still beats.
        fleet.update(id, "runner = REGEXP_REPLACE(runner, ':[0-9]+( pidns [0-9]+)?$', ':2147483647 pidns 1')");
        assertThat(fleet.plane.deployments().require(id).status()).isEqualTo(DeploymentStatus.RUNNING);
        fleet.update(id, "runner = REGEXP_REPLACE(runner, ':[0-9]+ pidns 1$', ':2147483647')");
        assertThat(fleet.plane.deployments().require(id).status()).isEqualTo(DeploymentStatus.RUNNING);
        fleet.update(id, "runner = 'build-7:11629'");
        assertThatThrownBy(() -> fleet.runner(Fleet.options(2, false)).resume(id, fleet.targets(), false))
                .isInstanceOf(FlotillaException.class)
                .satisfies(e -> assertThat(((FlotillaException) e).code()).isEqualTo(dev.flotilla.ErrorCode.LOCK_TIMEOUT))
                .hasMessageContaining("still running: its process build-7:11629 marked it alive")
                .hasMessageContaining(" s ago").hasMessageContaining("once it has not been seen for 15.0 s");
        assertThatThrownBy(() -> new FleetRollback(fleet.plane, fleet.template(), fleet.loaded(), Fleet.options(2, false),
                FleetListener.SILENT).deployment(id, fleet.targets()))
                .as("a rollback of it is refused alike: busy, not wrong, and no 'stop it' without saying what to stop")
                .isInstanceOf(FlotillaException.class)
                .satisfies(e -> assertThat(((FlotillaException) e).code()).isEqualTo(dev.flotilla.ErrorCode.LOCK_TIMEOUT))
                .hasMessageContaining("still running: its process build-7:11629 marked it alive")
                .hasMessageContaining("counts as interrupted and can be rolled back");

        // Killed on another machine: no heartbeat since.
        fleet.orphan(id);

        assertThat(fleet.plane.deployments().require(id).status()).isEqualTo(DeploymentStatus.INTERRUPTED);
        assertThat(fleet.plane.deployments().running()).noneMatch(d -> d.id().equals(id));
        assertThat(fleet.plane.deployments().tasks(id)).extracting(t -> t.status().word())
                .as("its task that was running is interrupted too").containsExactly("interrupted", "pending");
        DeployResult resumed = fleet.runner(Fleet.options(2, false)).resume(id, fleet.targets(), false);
        assertThat(resumed.ok()).isTrue();
        assertThat(fleet.plane.deployments().require(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void a_deployment_whose_process_is_gone_from_this_machine_is_interrupted_at_once_and_resumes() throws Exception {
        String id = created();
        fleet.plane.deployments().taskStarted(id, TenantId.of("t000"), java.time.Instant.now());
        Process ended = new ProcessBuilder("true").start();
        assertThat(ended.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // Its process, on this host and in this pid namespace, was killed a moment after its last beat.
        fleet.update(id, "runner = REGEXP_REPLACE(runner, ':[0-9]+ pidns', ':" + ended.pid() + " pidns')");

        DeploymentRecord record = fleet.plane.deployments().require(id);

        assertThat(record.runner()).as("a Linux runner names its pid namespace").contains(":" + ended.pid() + " pidns ");
        assertThat(record.lastSeen()).isLessThan(record.staleAfter());
        assertThat(record.status()).isEqualTo(DeploymentStatus.INTERRUPTED);
        assertThat(fleet.runner(Fleet.options(2, false)).resume(id, fleet.targets(), false).ok()).isTrue();
    }

    @Test
    void a_running_deployment_beats_so_that_it_is_not_taken_for_interrupted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        FleetListener held = new FleetListener() {
            @Override
            public void taskStarted(TenantId tenant) {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (ControlPlane beating = ControlPlane.open(fleet.planeUrl, "sa", null, Duration.ofMillis(500))) {
            FleetRunner runner = new FleetRunner(beating, fleet.template(), fleet.loaded(), Fleet.options(1, false), held);
            CompletableFuture<DeployResult> deploy = CompletableFuture.supplyAsync(() -> runner.deploy(fleet.targets(0, 1)));
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            DeploymentRecord first = fleet.plane.deployments().newest(1).get(0);
            assertThat(first.staleAfter()).isEqualTo(Duration.ofMillis(1500));

            // Read it again and again for twice the bound, so the beat written when it started would be stale by the end.
            long until = System.nanoTime() + first.staleAfter().multipliedBy(2).toNanos();
            do {
                DeploymentRecord later = fleet.plane.deployments().require(first.id());
                assertThat(later.status()).as("seen %s ago, started at %s", later.lastSeen(), later.startedAt())
                        .isEqualTo(DeploymentStatus.RUNNING);
            } while (System.nanoTime() < until);
            release.countDown();
            assertThat(deploy.get(30, TimeUnit.SECONDS).ok()).isTrue();
        }
    }
}
