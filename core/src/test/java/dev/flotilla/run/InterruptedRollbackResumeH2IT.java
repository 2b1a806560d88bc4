package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.DeploymentStatus;
import dev.flotilla.control.DeploymentStore;
import dev.flotilla.control.TaskRecord;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A killed rollback's task whose target's history is not read (it cannot be, or another look is reading it) names the
 * command that continues a rollback, {@code flotilla rollback --resume ID}, not a deploy's.
 */
class InterruptedRollbackResumeH2IT extends H2FleetFixture {
    @Test
    void a_killed_rollback_whose_target_cannot_be_read_is_told_rollback_resume() throws SQLException {
        String id = killedRollback();
        fleet.orphan(id);
        DeploymentRecord rollback = fleet.plane.deployments().require(id);

        String error = new InterruptedTasks(fleet.plane, fleet.tenancy, fleet.template()).unread(rollback,
                fleet.plane.deployments().tasks(id).get(0), "stopped", "(CONNECTION_FAILED: refused)");

        assertThat(error).contains("could not be read now").contains("`flotilla rollback --resume " + id + "` reads it back")
                .doesNotContain("deploy --resume");
    }

    @Test
    void a_killed_rollback_whose_target_another_look_reads_is_told_rollback_resume() {
        DeploymentRecord rollback = new DeploymentRecord("d42", DeploymentStatus.INTERRUPTED, Instant.now(), null, "test",
                "host:1", "", 1, 0, 0, 0, 1, "rollback", "d41", null, null, null);

        String error = InterruptedTasks.stillBeingRead(rollback, "stopped", Duration.ofSeconds(5));

        assertThat(error).contains("`flotilla rollback --resume d42` reads it back").doesNotContain("deploy --resume");
    }

    private String killedRollback() {
        TenantTarget target = fleet.targets().get(0);
        String text = RollbackRequest.versions(List.of(dev.flotilla.migration.MigrationVersion.parse("1"))).text();
        String id = fleet.plane.deployments().create("rollback", null, "test", "rollback of selected tenants",
                List.of(new DeploymentStore.NewTask(target.tenant().id(), 1, text)));
        fleet.plane.deployments().taskStarted(id, target.tenant().id(), Instant.now());
        return id;
    }
}
