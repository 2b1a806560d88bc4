package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.FlotillaException;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.RefusedTaskStart;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A task's start is committed in the control plane before anything reaches its target (PostgreSQL schemas), a
 * deployment's and a rollback's alike. A start the plane never commits (refused here by a trigger, as a process killed
 * before its writer commits it leaves it) leaves the target untouched: were the target migrated first, the task would
 * read as never started with migrations applied, which {@code deployments show} does not read back.
 */
class TaskStartPostgresIT extends PostgresFleetTest {
    @BeforeEach
    void createFleet() {
        fleet = FleetFixture.ofSchemas(temp, TestDatabases.POSTGRES_URL, "start_" + TestDatabases.uniqueName() + "_{tenant}",
                TestDatabases.POSTGRES_USER, 2);
        new MigrationFolder(fleet.migrations).write("U1__notes.sql", "DROP TABLE notes;\n");
    }

    @Test
    void a_deploy_whose_task_start_is_not_committed_leaves_the_target_untouched_and_a_resume_runs_it() throws Exception {
        refuseTaskStarts(true);

        assertThatThrownBy(() -> fleet.runner(Fleet.options(2, false)).deploy(fleet.targets()))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("refuses to record a task running");

        String id = fleet.plane.deployments().newest(1).get(0).id();
        assertThat(fleet.plane.deployments().tasks(id)).hasSize(2).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TaskStatus.PENDING);
            assertThat(t.startedAt()).isNull();
        });
        for (TenantTarget target : fleet.targets()) {
            assertThat(schemaExists(target)).as(target.tenant().id() + "'s schema: nothing reached it").isFalse();
        }
        refuseTaskStarts(false);
        fleet.orphan(id);
        DeployResult resumed = fleet.runner(Fleet.options(2, false)).resume(id, fleet.targets(), false);
        assertThat(resumed.ok()).as(resumed.tasks().toString()).isTrue();
        assertThat(resumed.tasks()).allSatisfy(t -> assertThat(t.applied()).containsExactly("1"));
    }

    @Test
    void a_first_deploy_to_schemas_there_already_creates_nothing_in_them_when_its_task_start_is_not_committed()
            throws Exception {
        for (TenantTarget target : fleet.targets()) {
            try (TargetSession session = TargetSession.open(target.target(), true)) {
                session.createSchemaIfMissing();
            }
        }
        refuseTaskStarts(true);

        // The worker connects, locks and reads each schema while the start is committed: it waits for that commit
        // before the history table's creation, the first thing that would reach the schema.
        assertThatThrownBy(() -> fleet.runner(Fleet.options(2, false)).deploy(fleet.targets()))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("refuses to record a task running");

        for (TenantTarget target : fleet.targets()) {
            assertThat(tables(target)).as(target.tenant().id() + "'s schema: nothing created in it").isZero();
        }
    }

    @Test
    void a_rollback_whose_task_start_is_not_committed_undoes_nothing() throws Exception {
        DeployResult deployed = fleet.runner(Fleet.options(2, false)).deploy(fleet.targets());
        assertThat(deployed.ok()).as(deployed.tasks().toString()).isTrue();
        refuseTaskStarts(true);

        assertThatThrownBy(() -> new FleetRollback(fleet.plane, fleet.template(), fleet.loaded(), Fleet.options(2, false),
                FleetListener.SILENT).deployment(deployed.deployment(), fleet.targets()))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("refuses to record a task running");

        for (TenantTarget target : fleet.targets()) {
            assertThat(FleetFixture.applied(target)).as(target.tenant().id() + ": no down file ran").containsExactly("1");
        }
    }

    /** Makes the control plane refuse (or take again) every write recording a task running. */
    private void refuseTaskStarts(boolean refuse) throws SQLException {
        try (Connection c = DriverManager.getConnection(fleet.planeUrl, "sa", "")) {
            Jdbc.execute(c, refuse ? "CREATE TRIGGER refused_start BEFORE UPDATE ON deployment_tasks FOR EACH ROW CALL '"
                    + RefusedTaskStart.class.getName() + "'" : "DROP TRIGGER refused_start");
        }
    }

    private static boolean schemaExists(TenantTarget target) throws SQLException {
        try (TargetSession session = TargetSession.open(target.target(), false)) {
            return session.schemaExists();
        }
    }

    private static int tables(TenantTarget target) throws SQLException {
        try (TargetSession session = TargetSession.open(target.target(), false)) {
            return Integer.parseInt(Jdbc.queryString(session.connection(),
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?", session.schema()));
        }
    }
}
