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
 * A deploy's reads of every registered tenant from its control plane, a PostgreSQL database reached through a proxy that
 * counts them: the command reads the fleet once, for the selection and for the tenants sharing a selected one's target,
 * and builds their targets once; the run reads it once more, for the tenants the plane last saw at a version.
 */
class CliDeployReadsTenantsOncePostgresIT {
    /** The end of the plane's read of every tenant ({@code TenantStore.all}): nothing after the table's name. */
    private static final byte[] EVERY_TENANT = " FROM tenants \0".getBytes(StandardCharsets.UTF_8);

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
    void a_deploy_reads_every_tenant_from_the_plane_once_before_it_runs_and_once_as_it_runs() {
        fleet.addTenants(3);
        proxy.countRequestsHolding(EVERY_TENANT);

        CliRun deploy = fleet.run("deploy", "--all", "--yes");

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(proxy.requestsHolding()).as("the plane's reads of every tenant").isEqualTo(2);
    }
}
