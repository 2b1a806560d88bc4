package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.DeploymentStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Why a rollback backed up no tenant is said from what it recorded (its audited --skip-backup, its options' backup=off),
 * in words that fit the command line as well as the console: no reader is told "the console" took no backup.
 */
class RollbackWithoutBackupH2IT extends H2FleetFixture {
    @Test
    void a_rollback_run_with_skip_backup_names_who_skipped_it() {
        String id = rollback("rollback of d-1");
        fleet.plane.audit().record("carol", "rollback.backup-skipped", null, id, "rolled back without a backup (--skip-backup)");

        String why = FleetRestore.rollbackWithoutBackup(fleet.plane, id);

        assertThat(why).contains(id + " is a rollback that backed up no tenant", "skipped with --skip-backup by carol")
                .doesNotContain("console", "deploy.backup was off");
    }

    @Test
    void a_rollback_recorded_with_backups_off_says_so() {
        String id = rollback("rollback of d-1 backup=off");

        String why = FleetRestore.rollbackWithoutBackup(fleet.plane, id);

        assertThat(why).contains("backups were off when it ran").doesNotContain("console", "--skip-backup by");
    }

    @Test
    void a_rollback_that_recorded_no_reason_names_both_older_reasons_without_blaming_the_reader_s_tool() {
        String id = rollback("rollback of d-1");

        String why = FleetRestore.rollbackWithoutBackup(fleet.plane, id);

        assertThat(why).contains("older Flotilla", "deploy.backup", "console", "REST API")
                .doesNotContain("which took no backup before this version", "--skip-backup by");
    }

    @Test
    void a_deployment_or_a_rollback_that_backed_up_is_told_nothing() {
        String deploy = fleet.plane.deployments().create("test", "", List.of(task()));

        assertThat(FleetRestore.rollbackWithoutBackup(fleet.plane, deploy)).isNull();
    }

    private String rollback(String options) {
        return fleet.plane.deployments().create("rollback", "d-1", "test", options, List.of(task()));
    }

    private DeploymentStore.NewTask task() {
        TenantTarget target = fleet.targets().get(0);
        return new DeploymentStore.NewTask(target.tenant().id(), 1, RollbackRequest.versions(List.of(
                dev.flotilla.migration.MigrationVersion.parse("1"))).text());
    }
}
