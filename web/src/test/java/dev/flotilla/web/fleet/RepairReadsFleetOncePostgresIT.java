package dev.flotilla.web.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.run.DryRunOptions;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.PausableProxy;
import dev.flotilla.testing.PostgresPlaneDatabase;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.web.ConsoleFleet;
import dev.flotilla.web.auth.Principal;
import dev.flotilla.web.auth.Role;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's repair of a tenant (acme, sharing a PostgreSQL schema with globex) left failed half-way by a deploy, its
 * control plane a PostgreSQL database reached through a proxy that counts the reads of every registered tenant: the
 * repair reads the fleet once, for the tenant, those sharing its target and their targets; so does the tenant page's list
 * of the tenants repaired with it.
 */
class RepairReadsFleetOncePostgresIT {
    /** The end of the plane's read of every tenant ({@code TenantStore.all}): nothing after the table's name. */
    private static final byte[] EVERY_TENANT = " FROM tenants \0".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    final PostgresPlaneDatabase planeDatabase = new PostgresPlaneDatabase();

    @TempDir
    Path folder;

    private final String schema = TestDatabases.uniqueName();
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @AfterEach
    void dropSchema() {
        background.shutdownNow();
        TestDatabases.drop(TestDatabases.postgres(schema));
    }

    @Test
    void a_repair_of_a_tenant_sharing_its_target_and_the_list_of_those_repaired_with_it_read_every_tenant_once() throws Exception {
        URI server = URI.create(TestDatabases.POSTGRES_URL.substring("jdbc:".length()));
        try (PausableProxy proxy = PausableProxy.to(server.getHost(), server.getPort());
             ControlPlane plane = ControlPlane.open("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + planeDatabase.name(),
                     TestDatabases.POSTGRES_USER, null)) {
            ConsoleFleet fleet = failedHalfWay(plane);
            Principal admin = new Principal("admin", Role.PLATFORM_SUPER_ADMIN, "session", "csrf", "127.0.0.1");

            RepairWork repairs = new FleetActions(fleet, background).repairs();
            proxy.countRequestsHolding(EVERY_TENANT);
            List<TenantId> repairedWith = repairs.repairedWith(TenantId.of("acme"));
            int pageReads = proxy.requestsHolding();
            proxy.countRequestsHolding(EVERY_TENANT);
            RepairWork.Outcome outcome = repairs.repair(admin, TenantId.of("acme"), true);

            assertThat(outcome.refused()).as(outcome.toString()).isNull();
            assertThat(outcome.tenants()).extracting(r -> r.tenant().value()).containsExactly("acme", "globex");
            assertThat(proxy.requestsHolding()).as("the repair's reads of every tenant").isEqualTo(1);
            assertThat(repairedWith).containsExactly(TenantId.of("globex"));
            assertThat(pageReads).as("the tenant page's 'repaired with': its reads of every tenant").isEqualTo(1);
        }
    }

    /**
     * acme and globex on one schema, deployed: V2 ran outside a transaction (CREATE INDEX CONCURRENTLY) and failed at its
     * second statement, its failed record left in their one history table.
     */
    private ConsoleFleet failedHalfWay(ControlPlane plane) throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__orders.sql"), "CREATE TABLE orders (item text, tenant_id text NOT NULL);\n"
                + "CREATE INDEX orders_tenant ON orders (tenant_id);\n");
        Files.writeString(migrations.resolve("V2__orders_item.sql"), "CREATE INDEX CONCURRENTLY orders_item ON orders (item);\n"
                + "ALTER TABLE orders ADD COLUMN quantity int CHECK (quantity > 'many');\n");
        plane.tenants().add(new Tenant(TenantId.of("acme"), "Acme", null, null, List.of()));
        plane.tenants().add(new Tenant(TenantId.of("globex"), "Globex", null, null, List.of()));
        ConsoleFleet fleet = new ConsoleFleet(plane, new Tenancy(TenancyModel.SHARED_SCHEMA, TestDatabases.POSTGRES_URL, null,
                schema, TestDatabases.POSTGRES_USER, null, null, null),
                new TargetOptions(null, migrations, Map.of(), null, null, null, null, null, "demo"), FleetOptions.defaults(),
                DryRunOptions.DEFAULTS);
        var result = new FleetRunner(plane, fleet.template(), fleet.loadMigrations(), FleetOptions.defaults(),
                FleetListener.SILENT).deploy(fleet.targets(plane.tenants().all().stream().map(TenantRecord::tenant).toList()));
        assertThat(result.ok()).as(result.toString()).isFalse();
        return fleet;
    }
}
