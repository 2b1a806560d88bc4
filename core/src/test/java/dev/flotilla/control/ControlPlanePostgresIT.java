package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.PostgresPlaneDatabase;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The control plane for teams: a PostgreSQL database of its own, its schema migrated by Flotilla itself. */
class ControlPlanePostgresIT {
    @RegisterExtension
    final PostgresPlaneDatabase database = new PostgresPlaneDatabase();
    private final String url = database.url();

    @Test
    void tenants_deployments_tasks_and_audit_survive_a_reopen() throws Exception {
        String id;
        try (ControlPlane plane = ControlPlane.open(url, TestDatabases.POSTGRES_USER, null)) {
            plane.tenants().add(new Tenant(TenantId.of("acme"), "Acme", null, null, List.of("eu")));
            id = plane.deployments().create("ops", "concurrency=1", List.of(new DeploymentStore.NewTask(TenantId.of("acme"), 1)));
            plane.deployments().taskStarted(id, TenantId.of("acme"), java.time.Instant.now());
            plane.deployments().taskFinished(id, TenantId.of("acme"),
                    TaskEnd.of(TaskStatus.SUCCEEDED, List.of("1", "2"), TaskError.NONE,
                            "log", java.time.Instant.now()));
            plane.deployments().finish(id, DeploymentStatus.SUCCEEDED);
            plane.audit().record("ops", "deploy.finished", null, id, "1 succeeded");
            plane.dryRuns().started("dry-1", "ops", List.of("2"), java.util.Map.of("V2__a.sql", "11"), true,
                    List.of(TenantId.of("acme")));
            plane.dryRuns().finished("dry-1", 7, null, java.util.Map.of(TenantId.of("acme"), new FleetDryRunRecord.Outcome("error", "boom")));
        }

        try (ControlPlane plane = ControlPlane.open(url, TestDatabases.POSTGRES_USER, null)) {
            assertThat(plane.tenants().all()).singleElement().satisfies(t -> {
                assertThat(t.tenant().name()).isEqualTo("Acme");
                assertThat(t.tenant().groups()).containsExactly("eu");
            });
            assertThat(plane.dryRuns().fleetRun("dry-1")).hasValueSatisfying(run -> {
                assertThat(run.done()).isTrue();
                assertThat(run.millis()).isEqualTo(7L);
                assertThat(run.files()).containsExactly(java.util.Map.entry("V2__a.sql", "11"));
                assertThat(run.failedTenants()).containsExactly(java.util.Map.entry(TenantId.of("acme"), "boom"));
                assertThat(run.outOfOrder()).as("PostgreSQL's boolean read back").isTrue();
            });
            DeploymentRecord deployment = plane.deployments().require(id);
            assertThat(deployment.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
            assertThat(deployment.succeeded()).isEqualTo(1);
            assertThat(plane.deployments().tasks(id)).singleElement().satisfies(t -> {
                assertThat(t.applied()).containsExactly("1", "2");
                assertThat(t.attempts()).isEqualTo(1);
            });
            assertThat(plane.audit().newest(5)).extracting(AuditLog.Entry::action).containsExactly("deploy.finished");
            assertThatThrownBy(() -> plane.tenants().add(new Tenant(TenantId.of("acme"), null, null, null, List.of())))
                    .hasMessageContaining("already registered");
        }
        try (Connection c = TestDatabases.connect(database.spec())) {
            assertThat(Jdbc.queryString(c, "SELECT COUNT(*) FROM flotilla_schema_history WHERE success")).as("one per control-plane migration")
                    .isEqualTo(String.valueOf(ControlPlaneSchema.OWN_MIGRATIONS.size()));
        }
    }

    @Test
    void the_kinds_of_url_tenants_have_are_read_once_each_in_the_order_of_their_first_tenant() {
        try (ControlPlane plane = ControlPlane.open(url, TestDatabases.POSTGRES_USER, null)) {
            assertThat(TenantStoreTest.urlStartsOfAMixedFleet(plane)).containsExactly(null, "jdbc:mariadb:", "jdbc:h2:");
        }
    }

    @Test
    void a_running_deployment_is_interrupted_once_its_heartbeat_is_three_periods_old_by_the_planes_clock() throws Exception {
        try (ControlPlane plane = ControlPlane.open(url, TestDatabases.POSTGRES_USER, null, java.time.Duration.ofSeconds(2))) {
            String id = plane.deployments().create("ops", "", List.of(new DeploymentStore.NewTask(TenantId.of("acme"), 1)));
            DeploymentRecord fresh = plane.deployments().require(id);
            try (Connection c = TestDatabases.connect(database.spec())) {
                Jdbc.update(c, "UPDATE deployments SET heartbeat_at = CURRENT_TIMESTAMP - INTERVAL '7' SECOND WHERE id = ?", id);
            }

            DeploymentRecord stale = plane.deployments().require(id);

            assertThat(fresh.status()).isEqualTo(DeploymentStatus.RUNNING);
            assertThat(fresh.lastSeen()).isLessThan(java.time.Duration.ofSeconds(2));
            assertThat(fresh.staleAfter()).isEqualTo(java.time.Duration.ofSeconds(6));
            assertThat(stale.status()).isEqualTo(DeploymentStatus.INTERRUPTED);
            assertThat(stale.lastSeen()).isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(7));
        }
    }
}
