package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TaskRecord;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A task whose migration waited too long for another session's lock and was tried again records what every attempt
 * applied, not the last attempt's alone: its deployment's rollback undoes all of it, and the tenant's version is the
 * newest of them. On PostgreSQL, where the lock timeout rolls the waiting migration back and the ones before it stay.
 */
class RetriedTaskPostgresIT extends PostgresFleetTest {
    MigrationFolder files;
    TenantTarget tenant;

    @BeforeEach
    void deployTheFirstMigration() {
        files = new MigrationFolder(temp.resolve("migrations"));
        files.write("V1__appointments.sql", "CREATE TABLE appointments (id INT PRIMARY KEY, at VARCHAR(20));\n"
                + "INSERT INTO appointments VALUES (1, '09:00');\n");
        fleetOfSchemas(files.path(), 1);
        tenant = fleet.target("t000");
        assertThat(runner(0, FleetListener.SILENT).deploy(List.of(tenant)).ok()).isTrue();
        files.write("V9__audit_notes.sql", "CREATE TABLE audit_notes (id INT PRIMARY KEY, note VARCHAR(100));\n")
                .write("U9__audit_notes.sql", "DROP TABLE audit_notes;\n")
                .write("V11__room.sql", "ALTER TABLE appointments ADD COLUMN room VARCHAR(20);\n")
                .write("U11__room.sql", "ALTER TABLE appointments DROP COLUMN room;\n");
    }

    @Test
    void a_task_that_succeeds_on_its_retry_records_the_migrations_of_both_attempts_and_its_rollback_undoes_them_all()
            throws Exception {
        DeployResult result;
        try (Connection other = lockAppointments()) {
            // The lock is let go as the task pauses before its retry: V9 went through, V11 waited and was rolled back.
            result = runner(1, new FleetListener() {
                @Override
                public void taskRetrying(dev.flotilla.tenant.TenantId id, int failedAttempt, long pauseMillis) {
                    release(other);
                }
            }).deploy(List.of(tenant));
        }

        assertThat(result.ok()).isTrue();
        assertThat(result.tasks()).singleElement().satisfies(t -> {
            assertThat(t.attempts()).isEqualTo(2);
            assertThat(t.applied()).containsExactly("9", "11");
        });
        assertThat(task(result.deployment()).applied()).containsExactly("9", "11");
        assertThat(fleet.plane.tenants().find(tenant.tenant().id()).map(TenantRecord::currentVersion)).contains("11");

        DeployResult rollback = rollBack(result.deployment());

        assertThat(rollback.ok()).isTrue();
        assertThat(appliedVersions()).as("V9 and V11 undone, V1 kept").containsExactly("1");
    }

    @Test
    void a_task_that_fails_on_every_attempt_records_what_its_first_attempt_applied_before_the_failure() throws Exception {
        DeployResult result;
        try (Connection other = lockAppointments()) {
            result = runner(1, FleetListener.SILENT).deploy(List.of(tenant));
            release(other);
        }

        assertThat(result.tasks()).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(t.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(t.attempts()).isEqualTo(2);
            assertThat(t.applied()).as("V9 stays applied: attempt 1 committed it").containsExactly("9");
        });
        assertThat(task(result.deployment()).applied()).containsExactly("9");
        assertThat(fleet.plane.tenants().find(tenant.tenant().id()).map(TenantRecord::currentVersion))
                .as("the version the history is at, not the one before the deployment").contains("9");

        DeployResult rollback = rollBack(result.deployment());

        assertThat(rollback.ok()).isTrue();
        assertThat(appliedVersions()).containsExactly("1");
    }

    @Test
    void an_attempt_that_throws_after_committing_a_migration_keeps_it_in_the_task_when_every_attempt_fails() throws Exception {
        refuseRecordingV11();

        DeployResult result = runner(1, FleetListener.SILENT).deploy(List.of(tenant));

        assertThat(result.tasks()).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(t.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(t.attempts()).isEqualTo(2);
            assertThat(t.applied()).as("V9 committed in the attempt that then threw recording V11").containsExactly("9");
        });
        assertThat(task(result.deployment()).applied()).containsExactly("9");
        assertThat(task(result.deployment()).log()).contains("applied by the failed attempt (from the history table): 9");
        assertThat(fleet.plane.tenants().find(tenant.tenant().id()).map(TenantRecord::currentVersion)).contains("9");

        allowRecordingV11();
        DeployResult rollback = rollBack(result.deployment());

        assertThat(rollback.ok()).isTrue();
        assertThat(appliedVersions()).as("V9 undone by the deployment's rollback").containsExactly("1");
    }

    @Test
    void an_attempt_that_throws_after_committing_a_migration_keeps_it_in_the_task_when_the_retry_succeeds() throws Exception {
        refuseRecordingV11();

        DeployResult result = runner(1, new FleetListener() {
            @Override
            public void taskRetrying(dev.flotilla.tenant.TenantId id, int failedAttempt, long pauseMillis) {
                allowRecordingV11();
            }
        }).deploy(List.of(tenant));

        assertThat(result.ok()).isTrue();
        assertThat(result.tasks()).singleElement().satisfies(t -> {
            assertThat(t.attempts()).isEqualTo(2);
            assertThat(t.applied()).containsExactly("9", "11");
        });
        assertThat(task(result.deployment()).applied()).containsExactly("9", "11");

        DeployResult rollback = rollBack(result.deployment());

        assertThat(rollback.ok()).isTrue();
        assertThat(appliedVersions()).containsExactly("1");
    }

    @Test
    void a_rollback_attempt_that_throws_after_undoing_a_migration_keeps_it_in_the_rollbacks_task() throws Exception {
        DeployResult deploy = runner(0, FleetListener.SILENT).deploy(List.of(tenant));
        assertThat(deploy.ok()).isTrue();
        refuseRecording("NEW.kind = 'UNDO' AND NEW.version = '9'");

        DeployResult rollback = rollBack(deploy.deployment());

        assertThat(rollback.ok()).isFalse();
        assertThat(rollback.tasks()).singleElement().satisfies(t -> {
            assertThat(t.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(t.applied()).as("U11 committed before recording U9 threw").containsExactly("11");
        });
        assertThat(task(rollback.deployment()).applied()).containsExactly("11");
        assertThat(task(rollback.deployment()).log()).contains("undone by the failed attempt (from the history table): 11");
        assertThat(appliedVersions()).containsExactly("9", "1");
    }

    /**
     * Makes recording V11 in the history table fail as a lock timeout would (SQLSTATE 55P03), after its statements ran
     * and V9 committed: the attempt throws, rather than reporting a failed migration.
     */
    private void refuseRecordingV11() throws SQLException {
        refuseRecording("NEW.version = '11'");
    }

    /** Makes inserting a history row that meets {@code condition} fail as a lock timeout would, while the gate is closed. */
    private void refuseRecording(String condition) throws SQLException {
        String schema = "\"" + tenant.target().schema() + "\"";
        try (Connection c = TestDatabases.connect(tenant.target())) {
            Jdbc.execute(c, "CREATE TABLE " + schema + ".history_gate (closed BOOLEAN NOT NULL)");
            Jdbc.execute(c, "INSERT INTO " + schema + ".history_gate VALUES (true)");
            Jdbc.execute(c, "CREATE FUNCTION " + schema + ".refuse_recording() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF " + condition + " AND (SELECT closed FROM " + schema + ".history_gate) THEN"
                    + " RAISE EXCEPTION 'history table locked' USING ERRCODE = '55P03'; END IF; RETURN NEW; END $$");
            Jdbc.execute(c, "CREATE TRIGGER refuse_recording BEFORE INSERT ON " + schema + ".tenant_migrations"
                    + " FOR EACH ROW EXECUTE FUNCTION " + schema + ".refuse_recording()");
        }
    }

    private void allowRecordingV11() {
        try (Connection c = TestDatabases.connect(tenant.target())) {
            Jdbc.execute(c, "UPDATE \"" + tenant.target().schema() + "\".history_gate SET closed = false");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A runner with a 300 ms lock timeout, trying a task {@code retries} more times after a transient failure. */
    private FleetRunner runner(int retries, FleetListener listener) {
        FleetOptions options = new FleetOptions(1, 1, List.of(), 0, false, retries, Duration.ofMillis(100), Hooks.NONE, "test");
        return new FleetRunner(fleet.plane, fleet.template().withLockTimeout(Duration.ofMillis(300)), fleet.loaded(), options,
                listener);
    }

    private DeployResult rollBack(String deployment) {
        FleetOptions options = new FleetOptions(1, 1, List.of(), 0, false, 0, Duration.ofMillis(100), Hooks.NONE, "test");
        return new FleetRollback(fleet.plane, fleet.template(), fleet.loaded(), options, FleetListener.SILENT)
                .deployment(deployment, fleet.targets());
    }

    /** Another session's open transaction holding a row of appointments, as an application's would. */
    private Connection lockAppointments() throws SQLException {
        Connection other = TestDatabases.connect(tenant.target());
        other.setAutoCommit(false);
        Jdbc.execute(other, "UPDATE \"" + tenant.target().schema() + "\".appointments SET at = '10:00' WHERE id = 1");
        return other;
    }

    private static void release(Connection other) {
        try {
            other.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private TaskRecord task(String deployment) {
        return fleet.plane.deployments().tasks(deployment).get(0);
    }

    /** The versions in effect on the tenant, newest first, as its history says. */
    private List<String> appliedVersions() {
        return new TargetRunner(fleet.template().forTarget(tenant.target(), "t000"), fleet.loaded()).plan()
                .appliedLastInstalledFirst().stream().map(dev.flotilla.plan.MigrationStatus::version).toList();
    }
}
