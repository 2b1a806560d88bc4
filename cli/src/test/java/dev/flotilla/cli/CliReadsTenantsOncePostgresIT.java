package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.testing.PausableProxy;
import dev.flotilla.testing.PostgresPlaneDatabase;
import dev.flotilla.testing.TestDatabases;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fleet commands' reads of every registered tenant from their control plane, a PostgreSQL database reached through a
 * proxy that counts them: each command reads the fleet once, for its selection, the tenants sharing a selected one's
 * target and what the plane kept of them (their versions, their baselines), and builds their targets once; a run (deploy,
 * rollback, a retry) reads only its own tenants again, for those the plane last saw at a version and, continuing a
 * deployment, whether a later one took them on.
 */
class CliReadsTenantsOncePostgresIT {
    /** The end of the plane's read of every tenant ({@code TenantStore.all}): nothing after the table's name. */
    private static final byte[] EVERY_TENANT = " FROM tenants \0".getBytes(StandardCharsets.UTF_8);
    /** The same, as a read of one column of every tenant ends (their baselines: {@code SELECT id, baseline_version}). */
    private static final byte[] EVERY_TENANT_COLUMN = " FROM tenants\0".getBytes(StandardCharsets.UTF_8);

    private static PausableProxy proxy;

    @RegisterExtension
    @Order(1)
    final PostgresPlaneDatabase plane = new PostgresPlaneDatabase();

    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("controlPlane:\n  url: jdbc:postgresql://127.0.0.1:" + proxy.port() + "/"
            + plane.name() + "\n  user: " + FleetSetup.USER + "\n");

    @BeforeAll
    static void startProxy() throws Exception {
        URI server = URI.create(TestDatabases.POSTGRES_URL.substring("jdbc:".length()));
        proxy = PausableProxy.to(server.getHost(), server.getPort());
    }

    @AfterAll
    static void stopProxy() throws Exception {
        proxy.close();
    }

    @Test
    void a_deploy_reads_every_tenant_from_the_plane_once() {
        fleet.addTenants(3);

        assertThat(reads("deploy", "--all", "--yes")).as("the plane's reads of every tenant").isEqualTo(1);
    }

    @Test
    void a_deploy_with_nothing_pending_reads_every_tenant_once_and_learns_their_baselines_from_that_read() {
        deployed();

        assertThat(reads("deploy", "--all", "--yes")).as("the plane's reads of every tenant").isEqualTo(1);
    }

    @Test
    void a_plan_of_tenants_never_deployed_reads_every_tenant_once() {
        fleet.addTenants(3);

        assertThat(reads("plan", "--all")).as("the plane's reads of every tenant").isEqualTo(1);
    }

    @Test
    void status_of_the_fleet_reads_every_tenant_once_and_read_live_once_more_after_recording_the_plans() {
        fleet.addTenants(3);

        assertThat(reads("status", "--fleet", "--tenants", "t00")).as("status --fleet's reads of every tenant").isEqualTo(1);
        assertThat(reads("status", "--fleet", "--live")).as("status --fleet --live's reads of every tenant").isEqualTo(2);
    }

    @Test
    void repair_reads_every_tenant_once() {
        deployed();

        assertThat(reads("repair", "--all")).as("the plane's reads of every tenant").isEqualTo(1);
    }

    @Test
    void drift_and_drift_accept_read_every_tenant_once() {
        deployed();

        assertThat(reads("drift", "--all")).as("drift's reads of every tenant").isEqualTo(1);
        assertThat(reads("drift", "--accept", "--all")).as("drift --accept's reads of every tenant").isEqualTo(1);
    }

    @Test
    void backup_and_restore_read_every_tenant_once() {
        deployed();
        String backup = fleet.run("backup", "--all", "--json").json().at("/data/backup").asText();

        assertThat(reads("backup", "--tenants", "t00")).as("backup's reads of every tenant").isEqualTo(1);
        assertThat(reads("restore", "--backup", backup, "--tenants", "t00", "--yes")).as("restore's reads of every tenant")
                .isEqualTo(1);
    }

    @Test
    void a_rollback_of_tenants_reads_every_tenant_once() throws Exception {
        fleet.downFiles();
        deployed();

        assertThat(reads("rollback", "--tenants", "t00", "--steps", "1", "--yes")).as("the plane's reads of every tenant")
                .isEqualTo(1);
    }

    @Test
    void a_rollback_of_a_deployment_reads_every_tenant_once() throws Exception {
        fleet.downFiles();
        String deployment = FleetSetup.deploymentOf(deployed());

        assertThat(reads("rollback", "--deployment", deployment, "--yes")).as("the plane's reads of every tenant")
                .isEqualTo(1);
    }

    @Test
    void a_retry_of_a_deployments_failed_tenant_reads_every_tenant_once() throws Exception {
        fleet.addTenants(3);
        fleet.conflictingTable("t01", "notes");
        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--continue-on-error");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isEqualTo(1);
        fleet.sql("DROP TABLE " + fleet.schema("t01") + ".notes");

        assertThat(reads("deploy", "--retry-failed", FleetSetup.deploymentOf(deploy), "--yes"))
                .as("the plane's reads of every tenant").isEqualTo(1);
    }

    /** Three tenants, deployed: the deploy's run. */
    private CliRun deployed() {
        fleet.addTenants(3);
        CliRun deploy = fleet.run("deploy", "--all", "--yes");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        return deploy;
    }

    /** Runs the command, which is to succeed, and gives its reads of every tenant. */
    private int reads(String... command) {
        proxy.countRequestsHolding(EVERY_TENANT, EVERY_TENANT_COLUMN);
        CliRun run = fleet.run(command);
        assertThat(run.exitCode()).as(String.join(" ", command) + ": " + run.out() + run.err()).isZero();
        return proxy.requestsHolding();
    }
}
