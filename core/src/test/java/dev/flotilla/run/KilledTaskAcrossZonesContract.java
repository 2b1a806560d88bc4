package dev.flotilla.run;

import static dev.flotilla.testing.TimeZones.inZone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.DeploymentStore;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a killed task applied, read back from its target's history by a process in another time zone than the killed
 * one's: a resume and a look at the deployment in UTC read exactly the rows the killed task wrote, in New York (five
 * hours behind: read in UTC's wall clock they would seem written before the task started) or in Berlin (an hour ahead:
 * another deployment's rows would seem written after that one had finished, so not its own). Each process is played by
 * running it with the JVM's default zone set to its zone, which is the zone the drivers bind and read history times in.
 */
abstract class KilledTaskAcrossZonesContract extends FleetFixture {
    @Override
    int fleetSize() {
        return 2;
    }

    @Test
    void a_look_in_utc_shows_what_a_task_killed_in_new_york_applied() {
        String killed = inZone("America/New_York", this::killedAfterApplying);

        List<TaskRecord> read = inZone("UTC", () -> new InterruptedTasks(fleet.plane, fleet.tenancy, fleet.template())
                .tasks(fleet.plane.deployments().require(killed)));

        assertThat(read).filteredOn(t -> t.tenant().value().equals("t000")).singleElement()
                .satisfies(t -> assertThat(t.applied()).as("applied by the killed task in New York").containsExactly("1", "2"));
    }

    @Test
    void a_resume_in_utc_records_what_a_task_killed_in_new_york_applied() {
        String killed = inZone("America/New_York", this::killedAfterApplying);

        DeployResult resumed = inZone("UTC", () -> fleet.runner(Fleet.options(2, false)).resume(killed, fleet.targets(), false));

        assertThat(resumed.ok()).isTrue();
        assertThat(fleet.plane.deployments().tasks(killed)).filteredOn(t -> t.tenant().value().equals("t000")).singleElement()
                .satisfies(t -> {
                    assertThat(t.applied()).as("applied by the killed task, for a rollback to undo").containsExactly("1", "2");
                    assertThat(t.log()).contains("applied by the interrupted attempt (from the history table): 1, 2");
                });
    }

    @Test
    void a_look_in_utc_does_not_give_a_task_killed_in_berlin_what_another_deployment_in_berlin_applied() {
        String killed = inZone("Europe/Berlin", this::killedWhileAnotherDeploymentApplied);

        List<TaskRecord> read = inZone("UTC", () -> new InterruptedTasks(fleet.plane, fleet.tenancy, fleet.template())
                .tasks(fleet.plane.deployments().require(killed)));

        assertThat(read).hasSize(2).allSatisfy(t -> assertThat(t.applied())
                .as("applied by the other deployment, which a rollback of this one must not undo").isEmpty());
    }

    @Test
    void a_resume_in_utc_does_not_give_a_task_killed_in_berlin_what_another_deployment_in_berlin_applied() {
        String killed = inZone("Europe/Berlin", this::killedWhileAnotherDeploymentApplied);

        DeployResult resumed = inZone("UTC", () -> fleet.runner(Fleet.options(2, false)).resume(killed, fleet.targets(), false));

        assertThat(resumed.ok()).isTrue();
        assertThat(fleet.plane.deployments().tasks(killed)).hasSize(2).allSatisfy(t -> assertThat(t.applied())
                .as("applied by the other deployment, which a rollback of this one must not undo").isEmpty());
    }

    /**
     * An attempt that threw (a lock timeout, say) after waiting while another deployment held the target's lock and applied
     * 1 and 2 there: the history's rows since the attempt started are that deployment's, not the attempt's.
     */
    @Test
    void an_attempt_that_threw_does_not_take_what_another_deployment_applied_while_it_waited() {
        TenantTarget target = fleet.targets().get(0);
        Instant attemptStarted = Instant.now();
        applyInOtherDeployment(List.of(target));
        HistoryReadBack readBack = new HistoryReadBack(dev.flotilla.target.ConnectionSource.DIRECT, fleet.template(), false,
                (tenant, since) -> fleet.plane.deployments().othersOnTenantSince(tenant, "d-this", false, since));
        RunProgress progress = new RunProgress();
        StringBuilder log = new StringBuilder();

        assertThat(readBack.byThrownAttempt(target, attemptStarted, null, progress, log, true)).isTrue();

        assertThat(progress.applied).as("applied by the other deployment").isEmpty();
        assertThat(log.toString()).doesNotContain("applied by the failed attempt");
    }

    /** A deployment whose process died in t000's task once it had applied 1 and 2 there; t001's task not started. */
    private String killedAfterApplying() {
        List<TenantTarget> targets = fleet.targets();
        String killed = fleet.plane.deployments().create("test", "", targets.stream()
                .map(t -> new DeploymentStore.NewTask(t.tenant().id(), 1)).toList());
        fleet.plane.deployments().taskStarted(killed, targets.get(0).tenant().id(), Instant.now());
        assertThat(new TargetRunner(fleet.template().forTarget(targets.get(0).target(), "t000"), fleet.loaded()).migrate().ok())
                .isTrue();
        orphan(killed);
        return killed;
    }

    /**
     * A deployment whose process died once it had started both tasks (before their targets' locks), another deployment
     * applying 1 and 2 on both targets after.
     */
    private String killedWhileAnotherDeploymentApplied() {
        List<TenantTarget> targets = fleet.targets();
        String killed = fleet.plane.deployments().create("test", "", targets.stream()
                .map(t -> new DeploymentStore.NewTask(t.tenant().id(), 1)).toList());
        for (TenantTarget target : targets) {
            fleet.plane.deployments().taskStarted(killed, target.tenant().id(), Instant.now());
        }
        orphan(killed);
        applyInOtherDeployment(targets);
        return killed;
    }

    private void applyInOtherDeployment(List<TenantTarget> targets) {
        String other = fleet.plane.deployments().create("test", "", targets.stream()
                .map(t -> new DeploymentStore.NewTask(t.tenant().id(), 1)).toList());
        for (TenantTarget target : targets) {
            fleet.plane.deployments().taskStarted(other, target.tenant().id(), Instant.now());
            assertThat(new TargetRunner(fleet.template().forTarget(target.target(), target.tenant().id().value()),
                    fleet.loaded()).migrate().ok()).isTrue();
            fleet.plane.deployments().taskFinished(other, target.tenant().id(), TaskStatus.SUCCEEDED, List.of("1", "2"), null,
                    null, "", Instant.now());
        }
    }

    private void orphan(String deployment) {
        try {
            fleet.orphan(deployment);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
