package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.control.TaskStatus;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test of a fleet of MariaDB databases it makes in {@link #fleet}: dropped, with the fleet closed, after each test. */
abstract class MariaDbFleetTest {
    @TempDir
    Path temp;
    Fleet fleet;

    @AfterEach
    void drop() throws Exception {
        if (fleet != null) {
            MariaDbTenants.drop(fleet.targets());
            fleet.close();
        }
    }

    /** Runs each of {@code statements} on {@code tenant}'s database: MariaDB refuses each with errno 150. */
    static void assertEachRefusedWithErrno150(TenantTarget tenant, List<String> statements) throws SQLException {
        try (Connection c = TestDatabases.connect(tenant.target())) {
            for (String statement : statements) {
                assertThatThrownBy(() -> Jdbc.execute(c, statement)).as(statement).isInstanceOf(SQLException.class)
                        .hasMessageContaining("errno: 150");
            }
        }
    }

    /** {@code tenant}'s plan of {@link #fleet}'s migrations has no problem, and their deploy succeeds on it. */
    void assertPlannedWithoutProblemsAndDeployed(TenantTarget tenant) {
        assertThat(fleet.planner().plan(List.of(tenant)).get(0).problems()).isEmpty();
        DeployResult deploy = fleet.runner(Fleet.options(1, true)).deploy(List.of(tenant));
        assertThat(deploy.tasks()).extracting(TaskResult::status).as(deploy.tasks().toString())
                .containsExactly(TaskStatus.SUCCEEDED);
    }
}
