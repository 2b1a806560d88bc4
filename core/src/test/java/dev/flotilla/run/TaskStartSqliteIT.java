package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.RefusedTaskStart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new tenant's SQLite file is the first thing a deploy would put on its target: it is created only once the task's
 * start is committed in the control plane (see {@link TaskStartPostgresIT} for schemas).
 */
class TaskStartSqliteIT {
    @TempDir
    Path temp;
    Fleet fleet;

    @BeforeEach
    void createFleet() {
        MigrationFolder files = new MigrationFolder(temp.resolve("migrations"));
        files.write("V1__notes.sql", FleetRunnerContract.V1);
        fleet = new Fleet(new Tenancy(TenancyModel.DATABASE_PER_TENANT, null,
                "jdbc:sqlite:" + temp.resolve("tenants") + "/{tenant}.db", null, null, null, null), files.path(), 2);
    }

    @AfterEach
    void closeFleet() {
        fleet.close();
    }

    @Test
    void a_new_tenants_database_file_is_not_created_when_its_task_start_is_not_committed() throws Exception {
        try (Connection c = DriverManager.getConnection(fleet.planeUrl, "sa", "")) {
            Jdbc.execute(c, "CREATE TRIGGER refused_start BEFORE UPDATE ON deployment_tasks FOR EACH ROW CALL '"
                    + RefusedTaskStart.class.getName() + "'");
        }

        assertThatThrownBy(() -> fleet.runner(Fleet.options(1, false)).deploy(fleet.targets()))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("refuses to record a task running");

        assertThat(temp.resolve("tenants/t000.db")).doesNotExist();
        assertThat(temp.resolve("tenants/t001.db")).doesNotExist();
    }

    @Test
    void with_the_start_committed_the_file_is_created_and_migrated() throws SQLException {
        DeployResult deployed = fleet.runner(Fleet.options(1, false)).deploy(fleet.targets());

        assertThat(deployed.ok()).as(deployed.tasks().toString()).isTrue();
        assertThat(Files.exists(temp.resolve("tenants/t000.db"))).isTrue();
        assertThat(deployed.tasks()).allSatisfy(t -> assertThat(t.applied()).containsExactly("1"));
    }
}
