package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * `restore` from the backups of a deployment still running is refused, as the console refuses it, in the engine's words
 * (exit 2, nothing restored); one recorded running whose process is gone (no heartbeat since) is restored.
 */
class CliRestoreRunningDeploymentIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("backup: { dir: saved }\n");
    private String deployed;

    @BeforeEach
    void deploy_a_destructive_change_with_backups() throws Exception {
        Files.writeString(fleet.config, Files.readString(fleet.config).replace("backup: false", "backup: true"));
        fleet.addTenants(1);
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.migration("V3__drop_body.sql", "ALTER TABLE notes DROP COLUMN body;\n");
        deployed = fleet.run("deploy", "--all", "--yes", "--json").json().at("/data/deployment").asText();
    }

    @Test
    void a_restore_of_a_deployment_whose_process_is_alive_is_refused_and_restores_nothing() throws Exception {
        recordRunning("CURRENT_TIMESTAMP");

        CliRun byDeployment = fleet.run("restore", "--deployment", deployed, "--tenants", "t00", "--yes");
        CliRun byBackup = fleet.run("restore", "--backup", deployed, "--tenants", "t00", "--yes");

        assertThat(byDeployment.exitCode()).as(byDeployment.out() + byDeployment.err()).isEqualTo(2);
        assertThat(byDeployment.err()).contains("Deployment " + deployed + " is still running (its process build-7:11629"
                + " marked it alive ", "restoring its tenants now would race it. Stop it (`flotilla deployments stop "
                + deployed + "`, or “Stop” on its page) or let it end, then restore;", "Nothing was restored.");
        assertThat(byBackup.exitCode()).as("its backup named as a backup too").isEqualTo(2);
        assertThat(byBackup.err()).contains(deployed + " is still running");
        assertThat(fleet.applied("t00")).containsExactly("1", "2", "3");
    }

    @Test
    void a_restore_of_a_deployment_recorded_running_whose_process_is_gone_goes_ahead() throws Exception {
        recordRunning("NULL");

        CliRun restored = fleet.run("restore", "--deployment", deployed, "--tenants", "t00", "--yes");

        assertThat(restored.exitCode()).as(restored.out() + restored.err()).isZero();
        assertThat(fleet.applied("t00")).containsExactly("1", "2");
    }

    /** Records the deployment running on another machine, last marked alive at {@code heartbeat} (NULL: never). */
    private void recordRunning(String heartbeat) throws Exception {
        try (var plane = java.sql.DriverManager.getConnection("jdbc:h2:file:" + fleet.folder.resolve(".flotilla")
                .resolve("control") + ";AUTO_SERVER=TRUE", "sa", ""); var s = plane.createStatement()) {
            s.execute("UPDATE deployments SET status = 'running', finished_at = NULL, runner = 'build-7:11629',"
                    + " heartbeat_at = " + heartbeat + " WHERE id = '" + deployed + "'");
        }
    }
}
