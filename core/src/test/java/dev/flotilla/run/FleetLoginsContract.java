package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.testing.PausableProxy;
import dev.flotilla.verify.VerifyOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How many times a fleet command logs in to the server of its tenants, which share one (schemas behind one URL,
 * databases on one server): at concurrency 1, once for all of them, however many they are; counted by a proxy their URL
 * goes through. The tenants are deployed first (their logins are not counted).
 */
abstract class FleetLoginsContract extends FleetFixture {
    final PausableProxy proxy = proxyTo(serverUrl());

    /** The test server's URL, as TestDatabases has it. */
    abstract String serverUrl();

    /** The fleet's tenancy, its URL to {@code server} (the proxy's host and port). */
    abstract Tenancy tenancyAt(String server, String prefix);

    @Override
    Tenancy tenancy(String prefix) {
        return tenancyAt("127.0.0.1:" + proxy.port(), prefix);
    }

    @Override
    int fleetSize() {
        return 4;
    }

    @Override
    void writeMigrations(dev.flotilla.testing.MigrationFolder files) {
        files.write("V1__notes.sql", V1).write("U1__notes.sql", "DROP TABLE notes;\n").write("V2__tags.sql", V2)
                .write("U2__tags.sql", "ALTER TABLE notes DROP COLUMN tag;\n");
    }

    /** Drops the tenants' schemas or databases on the server itself, not through the proxy. */
    abstract void dropOnServer() throws SQLException;

    @Override
    void dropTargets() throws SQLException {
        try {
            dropOnServer();
        } finally {
            closeProxy();
        }
    }

    private void closeProxy() {
        try {
            proxy.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void fleet_verify_logs_in_once_for_every_tenant() {
        deployed();
        int before = proxy.connections();

        List<TenantVerification> verified = new FleetVerify(fleet.template(), fleet.loaded(), VerifyOptions.DEFAULTS, null, 1, 1)
                .run(fleet.targets());

        assertThat(verified).hasSize(fleetSize()).allSatisfy(v -> assertThat(v.error()).as(v.tenant().value()).isNull());
        assertThat(proxy.connections() - before).as("logins").isEqualTo(1);
    }

    @Test
    void a_rollback_by_steps_reads_every_tenants_history_through_one_login_and_rolls_them_back_through_another() {
        deployed();
        int before = proxy.connections();

        DeployResult rolledBack = new FleetRollback(fleet.plane, fleet.template(), fleet.loaded(), Fleet.options(1, false),
                FleetListener.SILENT).tenants(fleet.targets(), fleet.targets(), RollbackRequest.steps(1));

        assertThat(rolledBack.ok()).as(errors(rolledBack)).isTrue();
        assertThat(proxy.connections() - before).as("logins: the histories read, then the rollback").isEqualTo(2);
    }

    @Test
    void a_deployments_rollback_reads_every_tenants_history_through_one_login_and_rolls_them_back_through_another() {
        DeployResult deployed = deployed();
        int before = proxy.connections();

        DeployResult rolledBack = new FleetRollback(fleet.plane, fleet.template(), fleet.loaded(), Fleet.options(1, false),
                FleetListener.SILENT).deployment(deployed.deployment(), fleet.targets());

        assertThat(rolledBack.ok()).as(errors(rolledBack)).isTrue();
        assertThat(proxy.connections() - before).as("logins: the histories read, then the rollback").isEqualTo(2);
    }

    private DeployResult deployed() {
        DeployResult deployed = fleet.runner(Fleet.options(1, false)).deploy(fleet.targets());
        assertThat(deployed.ok()).as(errors(deployed)).isTrue();
        return deployed;
    }

    private static PausableProxy proxyTo(String url) {
        URI server = URI.create(url.substring("jdbc:".length()));
        try {
            return PausableProxy.to(server.getHost(), server.getPort() != -1 ? server.getPort()
                    : url.startsWith("jdbc:postgresql:") ? 5432 : 3306);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
