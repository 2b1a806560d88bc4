package dev.flotilla.run;

import static dev.flotilla.testing.TimeZones.inZone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.DeploymentStore;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.control.TaskEnd;
import dev.flotilla.control.TaskError;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.ConnectionSource;
import dev.flotilla.target.HistoryTable;
import dev.flotilla.target.TargetSession;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a killed task applied, read back from its target's history by a process in another time zone than the killed
 * one's: a resume and a look at the deployment in UTC read exactly the rows the killed task wrote, in New York (five
 * hours behind: read in UTC's wall clock they would seem written before the task started) or in Berlin (an hour ahead:
 * another deployment's rows would seem written after that one had finished, so not its own). Each process is played by
 * running it with the JVM's default zone set to its zone, which is the zone the drivers bind and read zone-less times in
 * (a tenant URL may name another: the subclasses with such settings show they change nothing).
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
        RunProgress progress = new RunProgress(List.of());
        StringBuilder log = new StringBuilder();

        assertThat(readBack.byThrownAttempt(target, "d-this", attemptStarted, null, progress, log, true)).isTrue();

        assertThat(progress.applied).as("applied by the other deployment").isEmpty();
        assertThat(log.toString()).doesNotContain("applied by the failed attempt");
    }

    @Test
    void a_read_back_in_utc_finds_exactly_what_a_task_in_new_york_applied_while_it_ran() {
        TenantTarget target = fleet.targets().get(0);
        Instant[] ran = inZone("America/New_York", () -> {
            Instant started = Instant.now();
            assertThat(new TargetRunner(fleet.template().forTarget(target.target(), "t000"), fleet.loaded()).migrate().ok())
                    .isTrue();
            return new Instant[] {started, Instant.now()};
        });
        ZoneId newYork = ZoneId.of("America/New_York");

        List<AppliedMigration> during = inZone("UTC", () -> readBack().since(target, "d-this", List.of(), ran[0], ran[1].plusMillis(1), newYork));
        List<AppliedMigration> after = inZone("UTC", () -> readBack().since(target, "d-this", List.of(), ran[1].plusMillis(2), null, newYork));

        assertThat(during).as("written while the task ran").extracting(AppliedMigration::version).containsExactly("1", "2");
        assertThat(after).as("written after it ended").isEmpty();
    }

    /**
     * 02:30 on the night of 29 March 2026 is a time UTC's clock shows and Berlin's skips (02:00 to 03:00): a reader in
     * Berlin whose driver puts the zone-less time in its own zone gets 03:30 there, an hour late.
     */
    @Test
    void a_row_written_in_utc_in_the_hour_berlin_skips_is_read_back_in_berlin_at_its_time() {
        TenantTarget target = fleet.targets().get(0);
        Instant skipped = Instant.parse("2026-03-29T02:30:00Z");
        inZone("UTC", () -> appendRow(target, skipped));

        List<AppliedMigration> read = inZone("Europe/Berlin",
                () -> readBack().since(target, "d-this", List.of(), skipped.minusSeconds(60), skipped.plusSeconds(60), ZoneId.of("UTC")));

        assertThat(read).extracting(AppliedMigration::version).containsExactly("1");
    }

    /**
     * 02:30 on the night of 25 October 2026 is a time Berlin's clock shows twice (03:00 goes back to 02:00): a row a task
     * in Berlin wrote the second time, after it started, is its own, not one written an hour before it.
     */
    @Test
    void a_row_written_in_berlin_the_second_time_its_clock_shows_it_is_read_back_as_written_while_the_task_ran() {
        TenantTarget target = fleet.targets().get(0);
        Instant second = Instant.parse("2026-10-25T01:30:00Z"); // 02:30 CET, an hour after 02:30 CEST
        inZone("Europe/Berlin", () -> appendRow(target, second));

        List<AppliedMigration> read = inZone("UTC",
                () -> readBack().since(target, "d-this", List.of(), second.minusSeconds(60), second.plusSeconds(60), ZoneId.of("Europe/Berlin")));

        assertThat(read).extracting(AppliedMigration::version).containsExactly("1");
    }

    private HistoryReadBack readBack() {
        return new HistoryReadBack(ConnectionSource.DIRECT, fleet.template(), false, (tenant, since) -> List.of());
    }

    private static Void appendRow(TenantTarget target, Instant installedOn) {
        try (TargetSession session = TargetSession.open(target.target(), true)) {
            HistoryTable history = session.history();
            history.createIfMissing();
            history.append(new AppliedMigration(0, "1", "notes", MigrationKind.VERSIONED, "V1__notes.sql", "c1", "test",
                    installedOn, 3, true, null, null));
            if (!session.connection().getAutoCommit()) {
                session.connection().commit();
            }
            return null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
            fleet.plane.deployments().taskFinished(other, target.tenant().id(),
                    TaskEnd.of(TaskStatus.SUCCEEDED, List.of("1", "2"), TaskError.NONE, "", Instant.now()));
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
