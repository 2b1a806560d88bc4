package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.TargetOptions;
import dev.flotilla.backup.BackupPolicy;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A failed restore's error passes the control plane's scrub, its process-wide masks too (the tenancy's password, a secret
 * placeholder's value), as it reaches the console's and the API's results: not only its target's secrets.
 */
class FleetRestoreScrubH2IT extends OneTenantH2Fleet {
    /** A stand-in for a secret only the process knows: the failure quotes the backup file's path, which holds it. */
    private static final String SECRET = "Pw-S3cretXyz";

    @Test
    void a_failed_restores_error_is_masked_of_what_the_plane_masks_for_the_process() throws Exception {
        BackupPolicy policy = new BackupPolicy(temp.resolve("backups-" + SECRET), 5);
        assertThat(fleet.runner(Fleet.options(1, false)).deploy(fleet.targets()).ok()).isTrue();
        Files.writeString(fleet.migrations.resolve("V9__extra.sql"), "CREATE TABLE extra (id INT);\n");
        DeployResult deployed = fleet.runner(Fleet.options(1, false).withBackup(policy)).deploy(fleet.targets());
        assertThat(deployed.ok()).as(FleetFixture.errors(deployed)).isTrue();
        var backup = fleet.plane.backups().forDeployment(deployed.deployment(), fleet.targets().get(0).tenant().id())
                .orElseThrow();
        Files.delete(backup.path());
        fleet.plane.maskAlso(text -> text.replace(SECRET, "****"));

        List<TenantRestore> restored = new FleetRestore(fleet.plane, policy.dir(), TargetOptions.DEFAULT_LOCK_TIMEOUT, 1, 1,
                "test").restore(deployed.deployment(), fleet.targets());

        assertThat(restored).singleElement().satisfies(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.error()).as("the restore's error").contains("is gone", "backups-****").doesNotContain(SECRET);
        });
    }
}
