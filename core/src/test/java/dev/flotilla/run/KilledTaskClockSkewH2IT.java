package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.DeploymentStore;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A killed task's read-back when the hosts that ran two deployments disagree on the time: a deployment started on a host
 * whose clock is ten minutes behind (its task's start recorded ten minutes early, played here by recording it so) does not
 * take as its own what another deployment, killed before it started, applied: that one's rows name it. And a task whose
 * host's clock was stepped back (NTP) after it started, so that its rows are dated before its start, still finds them:
 * they name its deployment.
 */
class KilledTaskClockSkewH2IT extends H2FleetFixture {
    private static final Duration BEHIND = Duration.ofMinutes(10);

    @Test
    void a_look_does_not_give_a_task_started_on_a_host_ten_minutes_behind_what_a_deployment_killed_before_it_applied() {
        killedAfterApplying();
        String behind = killedBeforeTheLock(Instant.now().minus(BEHIND));

        List<TaskRecord> read = new InterruptedTasks(fleet.plane, fleet.tenancy, fleet.template())
                .tasks(fleet.plane.deployments().require(behind));

        assertThat(read).singleElement().satisfies(t -> assertThat(t.applied())
                .as("applied by the other deployment, which a rollback of this one must not undo").isEmpty());
    }

    @Test
    void a_resume_of_a_task_started_on_a_host_ten_minutes_behind_does_not_take_what_a_killed_deployment_applied() {
        killedAfterApplying();
        String behind = killedBeforeTheLock(Instant.now().minus(BEHIND));

        DeployResult resumed = fleet.runner(Fleet.options(1, false)).resume(behind, fleet.targets(), false);

        assertThat(resumed.ok()).isTrue();
        assertThat(fleet.plane.deployments().tasks(behind)).singleElement().satisfies(t -> {
            assertThat(t.applied()).as("applied by the other deployment").isEmpty();
            assertThat(t.log()).doesNotContain("applied by the interrupted attempt");
        });
    }

    @Test
    void a_look_gives_a_killed_task_the_rows_it_wrote_after_its_clock_was_stepped_back_before_its_start() {
        String stepped = killedAfterApplying(Instant.now().plus(BEHIND));

        List<TaskRecord> read = new InterruptedTasks(fleet.plane, fleet.tenancy, fleet.template())
                .tasks(fleet.plane.deployments().require(stepped));

        assertThat(read).singleElement().satisfies(t -> assertThat(t.applied()).containsExactly("1", "2"));
    }

    @Test
    void a_resume_takes_back_what_a_killed_task_wrote_after_its_clock_was_stepped_back_before_its_start() {
        String stepped = killedAfterApplying(Instant.now().plus(BEHIND));

        DeployResult resumed = fleet.runner(Fleet.options(1, false)).resume(stepped, fleet.targets(), false);

        assertThat(resumed.ok()).isTrue();
        assertThat(fleet.plane.deployments().tasks(stepped)).singleElement().satisfies(t -> {
            assertThat(t.applied()).as("a rollback of the deployment must undo them").containsExactly("1", "2");
            assertThat(t.log()).contains("applied by the interrupted attempt (from the history table): 1, 2");
        });
    }

    @Test
    void a_look_does_not_count_twice_what_an_earlier_run_of_the_killed_task_recorded() throws SQLException {
        String killed = killedAfterApplying(Instant.now().plus(BEHIND));
        recordApplied(killed, "1");

        List<TaskRecord> read = new InterruptedTasks(fleet.plane, fleet.tenancy, fleet.template())
                .tasks(fleet.plane.deployments().require(killed));

        assertThat(read).singleElement().satisfies(t -> assertThat(t.applied()).containsExactly("1", "2"));
    }

    @Test
    void an_attempt_that_threw_after_its_clock_was_stepped_back_takes_its_rows_but_those_its_task_recorded_already() {
        String deployment = killedAfterApplying(Instant.now());
        HistoryReadBack readBack = new HistoryReadBack(dev.flotilla.target.ConnectionSource.DIRECT, fleet.template(), false,
                (tenant, since) -> List.of());
        RunProgress progress = new RunProgress(List.of("1"));
        StringBuilder log = new StringBuilder();

        assertThat(readBack.byThrownAttempt(fleet.targets().get(0), deployment, Instant.now().plus(BEHIND), null, progress,
                log, true)).isTrue();

        assertThat(progress.applied).containsExactly("2");
        assertThat(log.toString()).contains("applied by the failed attempt (from the history table): 2\n");
    }

    @Test
    void a_deployment_names_itself_in_the_history_rows_it_writes() throws SQLException {
        DeployResult deployed = fleet.runner(Fleet.options(1, false)).deploy(fleet.targets());

        assertThat(deployed.ok()).isTrue();
        try (TargetSession session = TargetSession.open(fleet.targets().get(0).target(), false)) {
            assertThat(session.history().read()).extracting(AppliedMigration::installedBy).hasSize(2)
                    .allSatisfy(by -> assertThat(by).endsWith(" (deployment " + deployed.deployment() + ")"));
        }
    }

    /** A deployment whose process died in its task once it had applied 1 and 2, its rows marked as its task marks them. */
    private void killedAfterApplying() {
        killedAfterApplying(Instant.now());
    }

    /** As above, the task's start recorded {@code at}, by its host's clock. */
    private String killedAfterApplying(Instant at) {
        TenantTarget target = fleet.targets().get(0);
        String killed = fleet.plane.deployments().create("test", "", List.of(new DeploymentStore.NewTask(target.tenant().id(), 1)));
        fleet.plane.deployments().taskStarted(killed, target.tenant().id(), at);
        var options = fleet.template().forTarget(target.target(), "t000");
        assertThat(new TargetRunner(options.withInstalledBy(DeploymentMark.installedBy(options.installedBy(), killed)),
                fleet.loaded()).migrate().ok()).isTrue();
        orphan(killed);
        return killed;
    }

    /** Records {@code versions} as what an earlier, finished run of the deployment's task applied. */
    private void recordApplied(String deployment, String versions) throws SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(fleet.planeUrl, "sa", "")) {
            dev.flotilla.sql.Jdbc.update(c, "UPDATE deployment_tasks SET applied = ? WHERE deployment_id = ?", versions, deployment);
        }
    }

    /** A deployment whose process died once it had started its task (before the target's lock), by its clock {@code at}. */
    private String killedBeforeTheLock(Instant at) {
        TenantTarget target = fleet.targets().get(0);
        String killed = fleet.plane.deployments().create("test", "", List.of(new DeploymentStore.NewTask(target.tenant().id(), 1)));
        fleet.plane.deployments().taskStarted(killed, target.tenant().id(), at);
        orphan(killed);
        return killed;
    }

    private void orphan(String deployment) {
        try {
            fleet.orphan(deployment);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
