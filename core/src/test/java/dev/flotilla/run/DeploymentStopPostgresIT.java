package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.AuditLog;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.DeploymentStore;
import dev.flotilla.control.StopRequest;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stop asked for in the control plane while a deployment runs on PostgreSQL: the tenant in the middle of its migration
 * (held there by an advisory lock the test holds) finishes, no other starts, and a resume continues the rest.
 */
class DeploymentStopPostgresIT extends PostgresFleetTest {
    /** The advisory lock the migration waits for: unique, as other runs of this test may share the server. */
    final long key = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);

    @BeforeEach
    void createFleet() {
        MigrationFolder files = new MigrationFolder(temp.resolve("migrations"));
        files.write("V1__notes.sql", "SELECT pg_advisory_xact_lock(" + key + ");\n" + FleetRunnerContract.V1);
        fleet = new Fleet(new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.POSTGRES_URL, null,
                "stop_" + TestDatabases.uniqueName() + "_{tenant}", TestDatabases.POSTGRES_USER, null, null), files.path(), 3);
    }

    @Test
    void a_stop_asked_for_while_a_tenant_migrates_lets_it_finish_starts_no_other_and_a_resume_continues() throws Exception {
        CountDownLatch stopHeard = new CountDownLatch(1);
        FleetListener listener = new FleetListener() {
            @Override
            public void stopRequested(StopRequest stop) {
                stopHeard.countDown();
            }
        };
        String id;
        try (Connection holder = TestDatabases.connect(fleet.targets().get(0).target());
             ControlPlane beatingOften = ControlPlane.open(fleet.planeUrl, "sa", null, Duration.ofMillis(50))) {
            Jdbc.queryString(holder, "SELECT pg_advisory_lock(" + key + ")::text");
            FleetRunner runner = new FleetRunner(beatingOften, fleet.template(), fleet.loaded(), Fleet.options(1, false), listener);
            CompletableFuture<DeployResult> deploy = CompletableFuture.supplyAsync(() -> runner.deploy(fleet.targets()));
            awaitMigrationWaiting(holder);
            id = fleet.plane.deployments().running().get(0).id();

            assertThat(fleet.plane.stopRequests().request(id, "alice", null).stopRequest().by()).isEqualTo("alice");
            assertThat(stopHeard.await(30, TimeUnit.SECONDS)).as("the runner read the stop with its heartbeat").isTrue();
            Jdbc.queryString(holder, "SELECT pg_advisory_unlock(" + key + ")::text");
            DeployResult result = deploy.get(60, TimeUnit.SECONDS);

            assertThat(result.ok()).isFalse();
            assertThat(result.stopped().by()).isEqualTo("alice");
            assertThat(result.count(TaskStatus.SUCCEEDED)).as("the tenant in flight finished its migration").isEqualTo(1);
            assertThat(result.count(TaskStatus.SKIPPED)).as("no other tenant started").isEqualTo(2);
        }
        DeploymentStore deployments = fleet.plane.deployments();
        assertThat(deployments.require(id).status()).isEqualTo(DeploymentStatus.STOPPED);
        List<TaskRecord> tasks = deployments.tasks(id);
        assertThat(tasks).filteredOn(t -> t.status() == TaskStatus.SUCCEEDED).singleElement()
                .satisfies(t -> assertThat(t.applied()).containsExactly("1"));
        assertThat(tasks).filteredOn(t -> t.status() == TaskStatus.SKIPPED).hasSize(2)
                .allSatisfy(t -> assertThat(t.log()).isEqualTo("skipped: stop requested by alice"));
        List<AuditLog.Entry> audit = fleet.plane.audit().ofDeployment(id, List.of("deploy.stop-requested", "deploy.stopping",
                "deploy.finished"));
        assertThat(audit).anySatisfy(e -> assertThat(e.actor() + " " + e.action()).isEqualTo("alice deploy.stop-requested"));
        assertThat(audit).as("when it took effect").anySatisfy(e -> assertThat(e.actor() + " " + e.action() + " " + e.details())
                .startsWith("alice deploy.stopping the stop asked ").contains(" with 0 of 3 tenant(s) done"));
        assertThat(audit).anySatisfy(e -> assertThat(e.action() + " " + e.outcome() + " " + e.details())
                .startsWith("deploy.finished stopped 1 succeeded, 0 failed, 2 skipped; stopped at the request of alice (asked "));

        DeployResult resumed = fleet.runner(Fleet.options(1, false)).resume(id, fleet.targets(), false);

        assertThat(resumed.ok()).isTrue();
        assertThat(resumed.count(TaskStatus.SUCCEEDED)).isEqualTo(2);
        assertThat(deployments.require(id).status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(deployments.require(id).stopRequest()).as("a resume clears the stop").isNull();
    }

    @Test
    void a_stop_asked_for_in_the_process_running_the_deployment_is_in_force_when_asked_not_at_its_next_heartbeat()
            throws Exception {
        CountDownLatch stopHeard = new CountDownLatch(1);
        FleetListener listener = new FleetListener() {
            @Override
            public void stopRequested(StopRequest stop) {
                stopHeard.countDown();
            }
        };
        try (Connection holder = TestDatabases.connect(fleet.targets().get(0).target());
             ControlPlane beatingRarely = ControlPlane.open(fleet.planeUrl, "sa", null, Duration.ofMinutes(10))) {
            Jdbc.queryString(holder, "SELECT pg_advisory_lock(" + key + ")::text");
            FleetRunner runner = new FleetRunner(beatingRarely, fleet.template(), fleet.loaded(), Fleet.options(1, false),
                    listener);
            CompletableFuture<DeployResult> deploy = CompletableFuture.supplyAsync(() -> runner.deploy(fleet.targets()));
            awaitMigrationWaiting(holder);
            String id = beatingRarely.deployments().running().get(0).id();

            beatingRarely.stopRequests().request(id, "alice (SIGINT)", null);

            assertThat(stopHeard.getCount()).as("the runner heard the stop before the stop request returned").isZero();
            Jdbc.queryString(holder, "SELECT pg_advisory_unlock(" + key + ")::text");
            DeployResult result = deploy.get(60, TimeUnit.SECONDS);
            assertThat(result.stopped().by()).isEqualTo("alice (SIGINT)");
            assertThat(result.count(TaskStatus.SUCCEEDED)).isEqualTo(1);
            assertThat(result.count(TaskStatus.SKIPPED)).isEqualTo(2);
            assertThat(beatingRarely.deployments().require(id).status()).isEqualTo(DeploymentStatus.STOPPED);
        }
    }

    @Test
    void stopping_a_deployment_that_is_not_running_is_refused_saying_what_to_do_instead() throws Exception {
        String done = fleet.runner(Fleet.options(2, false)).deploy(fleet.targets()).deployment();
        assertThatThrownBy(() -> fleet.plane.stopRequests().request(done, "alice", null))
                .isInstanceOf(FlotillaException.class)
                .satisfies(e -> assertThat(((FlotillaException) e).code()).isEqualTo(ErrorCode.BAD_USAGE))
                .hasMessage("Cannot stop deployment " + done + ": it is not running, it ended succeeded; there is nothing to"
                        + " stop. See `flotilla deployments show " + done + "`.");

        String orphaned = fleet.plane.deployments().create("test", "", List.of(new DeploymentStore.NewTask(
                fleet.targets().get(0).tenant().id(), 1)));
        fleet.orphan(orphaned);
        assertThatThrownBy(() -> fleet.plane.stopRequests().request(orphaned, "alice", null))
                .hasMessageContaining("is gone (interrupted): nothing runs to stop. `flotilla deploy --resume " + orphaned
                        + "` continues it.");
        assertThat(fleet.plane.audit().ofDeployment(done, List.of("deploy.stop-requested"))).isEmpty();
    }

    /** Polls until a session waits for the test's advisory lock: a tenant is in the middle of its migration. */
    private void awaitMigrationWaiting(Connection holder) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String waiting = "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                + " AND ((classid::bigint << 32) | objid::bigint) = " + key;
        while (!"1".equals(Jdbc.queryString(holder, waiting))) {
            assertThat(System.nanoTime()).as("a tenant's migration waits for the lock").isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
