package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.DeploymentStore.NewTask;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A tenant acme at V1 (a table notes with one row), backed up as manual-1, and a deployment recorded as working on it:
 * where a restore during a deployment starts. Closing it closes the control plane.
 */
final class RestoreDuringDeploy implements AutoCloseable {
    static final TenantId ACME = TenantId.of("acme");

    final ControlPlane plane = ControlPlane.open("jdbc:h2:mem:cp_" + TestDatabases.uniqueName() + ";DB_CLOSE_DELAY=-1", "sa", null);
    final Backups backups;
    final BackupRecord backup;
    final String deployment;

    RestoreDuringDeploy(TargetSpec target, Path temp) {
        MigrationFolder files = new MigrationFolder(temp.resolve("migrations"))
                .write("V1__notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY);\nINSERT INTO notes (id) VALUES (1);\n");
        assertThat(Flotilla.load(TargetOptions.of(target, files.path())).migrate().ok()).isTrue();
        backups = new Backups(plane, temp.resolve("backups"), Duration.ofSeconds(5), Duration.ofSeconds(30));
        backup = backups.take(ACME, target, "manual-1").orElseThrow();
        deployment = plane.deployments().create("alice", "", List.of(new NewTask(ACME, 1)));
        plane.deployments().taskStarted(deployment, ACME, Instant.now());
    }

    @Override
    public void close() {
        plane.close();
    }
}
