package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.PostgresPlaneDatabase;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL control plane whose connection the server ended (a restart, a failover, an administrator's
 * pg_terminate_backend): the work cut off fails, told, and the next work connects again, as after a request the server
 * did not answer; a long-lived process (the console) would otherwise fail every request until it is restarted.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ControlPlaneLostPostgresIT {
    @RegisterExtension
    final PostgresPlaneDatabase database = new PostgresPlaneDatabase();
    private ControlPlane plane;

    @BeforeEach
    void open() {
        plane = ControlPlane.open(database.url(), TestDatabases.POSTGRES_USER, null, Heartbeat.DEFAULT_PERIOD, Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        plane.close();
    }

    @Test
    void after_the_server_ends_the_planes_connection_the_next_work_connects_again() throws SQLException {
        plane.tenants().add(new Tenant(TenantId.of("acme"), null, null, null, List.of()));
        terminateThePlanesConnections();

        assertThatThrownBy(() -> plane.tenants().all()).isInstanceOfSatisfying(FlotillaException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED));
        assertThat(plane.tenants().all()).as("the next work connects again").hasSize(1);
    }

    @Test
    void after_a_transaction_cut_off_by_the_server_the_next_work_connects_again() throws SQLException {
        terminateThePlanesConnections();

        assertThatThrownBy(() -> plane.together("adding tenants", () -> plane.tenants().add(
                new Tenant(TenantId.of("acme"), null, null, null, List.of())))).isInstanceOf(FlotillaException.class);
        plane.tenants().add(new Tenant(TenantId.of("globex"), null, null, null, List.of()));
        assertThat(plane.tenants().all()).extracting(t -> t.tenant().id().toString()).containsExactly("globex");
    }

    private void terminateThePlanesConnections() throws SQLException {
        try (Connection admin = TestDatabases.connect(TestDatabases.postgres(null));
                PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
            terminate.setString(1, database.name());
            terminate.executeQuery().close();
        }
    }
}
