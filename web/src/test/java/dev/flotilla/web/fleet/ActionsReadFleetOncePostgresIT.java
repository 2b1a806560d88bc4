package dev.flotilla.web.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.run.DeployResult;
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
 * The console's actions on chosen tenants (acme, sharing a PostgreSQL schema with globex), its control plane a PostgreSQL
 * database reached through a proxy that counts the reads of every registered tenant: each action (a repair, a drift
 * check, a plan, a restore...) and each page listing the tenants it takes with one reads the fleet once, for the tenants
 * chosen, those sharing their target and their targets alike.
 */
class ActionsReadFleetOncePostgresIT {
    /** The end of the plane's read of every tenant ({@code TenantStore.all}): nothing after the table's name. */
    private static final byte[] EVERY_TENANT = " FROM tenants \0".getBytes(StandardCharsets.UTF_8);
    private static final TenantId ACME = TenantId.of("acme");

    @RegisterExtension
    final PostgresPlaneDatabase planeDatabase = new PostgresPlaneDatabase();

    @TempDir
    Path folder;

    private final String schema = TestDatabases.uniqueName();
    /** One thread: a job started is done once a task submitted after it has run. */
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final Principal admin = new Principal("admin", Role.PLATFORM_SUPER_ADMIN, "session", "csrf", "127.0.0.1");

    @AfterEach
    void dropSchema() {
        background.shutdownNow();
        TestDatabases.drop(TestDatabases.postgres(schema));
    }

    @Test
    void a_repair_of_a_tenant_sharing_its_target_and_the_list_of_those_repaired_with_it_read_every_tenant_once() throws Exception {
        try (PausableProxy proxy = proxy(); ControlPlane plane = plane(proxy)) {
            RepairWork repairs = new FleetActions(failedHalfWay(plane), background).repairs();

            proxy.countRequestsHolding(EVERY_TENANT);
            List<TenantId> repairedWith = repairs.repairedWith(ACME);
            int pageReads = proxy.requestsHolding();
            proxy.countRequestsHolding(EVERY_TENANT);
            RepairWork.Outcome outcome = repairs.repair(admin, ACME, true);

            assertThat(outcome.refused()).as(outcome.toString()).isNull();
            assertThat(outcome.tenants()).extracting(r -> r.tenant().value()).containsExactly("acme", "globex");
            assertThat(proxy.requestsHolding()).as("the repair's reads of every tenant").isEqualTo(1);
            assertThat(repairedWith).containsExactly(TenantId.of("globex"));
            assertThat(pageReads).as("the tenant page's 'repaired with': its reads of every tenant").isEqualTo(1);
        }
    }

    /** The repair leaves their history recording nothing: their plans have no version (PlanRecords reads the fleet then). */
    @Test
    void a_repair_of_a_first_migration_failed_half_way_reads_every_tenant_once() throws Exception {
        try (PausableProxy proxy = proxy(); ControlPlane plane = plane(proxy)) {
            RepairWork repairs = new FleetActions(failedAtFirst(plane), background).repairs();

            proxy.countRequestsHolding(EVERY_TENANT);
            RepairWork.Outcome outcome = repairs.repair(admin, ACME, true);

            assertThat(outcome.refused()).as(outcome.toString()).isNull();
            assertThat(outcome.tenants()).extracting(r -> r.tenant().value()).containsExactly("acme", "globex");
            assertThat(proxy.requestsHolding()).as("the repair's reads of every tenant").isEqualTo(1);
            assertThat(plane.tenants().all()).extracting(TenantRecord::pendingCount).containsExactly(1, 1);
        }
    }

    @Test
    void a_drift_check_its_acceptance_and_the_tenants_accepted_with_one_read_every_tenant_once() throws Exception {
        try (PausableProxy proxy = proxy(); ControlPlane plane = plane(proxy)) {
            ConsoleFleet fleet = deployed(plane).fleet();
            TenantWork work = new FleetActions(fleet, background).tenantWork();

            proxy.countRequestsHolding(EVERY_TENANT);
            FleetJobs.Job<?> drift = work.startDrift(admin, List.of(ACME));
            background.submit(() -> { }).get();
            int driftReads = proxy.requestsHolding();
            proxy.countRequestsHolding(EVERY_TENANT);
            List<TenantId> acceptedWith = work.acceptedWith(ACME);
            int pageReads = proxy.requestsHolding();
            proxy.countRequestsHolding(EVERY_TENANT);
            var accepted = work.accept(admin, List.of(ACME));

            assertThat(drift.error()).isNull();
            assertThat(driftReads).as("the drift check's reads of every tenant").isEqualTo(1);
            assertThat(acceptedWith).containsExactly(TenantId.of("globex"));
            assertThat(pageReads).as("the drift page's 'accepted with': its reads of every tenant").isEqualTo(1);
            assertThat(accepted).extracting(r -> r.tenant().value()).containsExactly("acme", "globex");
            assertThat(proxy.requestsHolding()).as("the acceptance's reads of every tenant").isEqualTo(1);
        }
    }

    @Test
    void a_plan_before_a_deploy_and_a_restore_refused_for_a_missing_backup_read_every_tenant_once() throws Exception {
        try (PausableProxy proxy = proxy(); ControlPlane plane = plane(proxy)) {
            ConsoleFleet fleet = deployed(plane).fleet();
            FleetActions actions = new FleetActions(fleet, background);

            proxy.countRequestsHolding(EVERY_TENANT);
            var plans = TestsBeforeDeploy.plan(fleet, actions, "admin", fleet.loadMigrations(), List.of(ACME), false);
            int planReads = proxy.requestsHolding();
            proxy.countRequestsHolding(EVERY_TENANT);

            TenantWork work = actions.tenantWork();
            assertThatThrownBy(() -> work.startRestore(admin, "no-such-backup", List.of(ACME, TenantId.of("globex"))))
                    .isInstanceOf(FlotillaException.class).hasMessageContaining("No backup no-such-backup of tenant acme");
            assertThat(proxy.requestsHolding()).as("the refused restore's reads of every tenant").isEqualTo(1);
            assertThat(plans).extracting(p -> p.tenant().value()).containsExactly("acme", "globex");
            assertThat(planReads).as("the plan's reads of every tenant").isEqualTo(1);
        }
    }

    @Test
    void the_tenants_a_restore_of_a_deployment_puts_back_are_found_reading_every_tenant_once() throws Exception {
        try (PausableProxy proxy = proxy(); ControlPlane plane = plane(proxy)) {
            Deployed deployed = deployed(plane);
            for (String tenant : List.of("acme", "globex")) {
                plane.backups().record("b1", deployed.deployment(), TenantId.of(tenant), folder.resolve("b1.sql"), 1, "00", 1,
                        "f");
            }
            TenantWork work = new FleetActions(deployed.fleet(), background).tenantWork();

            proxy.countRequestsHolding(EVERY_TENANT);
            var restorable = work.restorableFrom(deployed.deployment());

            assertThat(restorable).extracting(t -> t.tenant().id().value()).containsExactly("acme", "globex");
            assertThat(proxy.requestsHolding()).as("its reads of every tenant").isEqualTo(1);
        }
    }

    @Test
    void the_tenant_pages_restore_of_a_tenant_sharing_its_target_and_its_confirmation_read_every_tenant_once() throws Exception {
        try (PausableProxy proxy = proxy(); ControlPlane plane = plane(proxy)) {
            Deployed deployed = deployed(plane);
            for (String tenant : List.of("acme", "globex")) {
                plane.backups().record("b2", null, TenantId.of(tenant), folder.resolve("b2.sql"), 1, "00", 1, "f");
            }
            TenantWork work = new FleetActions(deployed.fleet(), background).tenantWork();

            proxy.countRequestsHolding(EVERY_TENANT);
            List<TenantId> together = work.restoredTogether(ACME);
            int pageReads = proxy.requestsHolding();
            proxy.countRequestsHolding(EVERY_TENANT);
            FleetJobs.Job<?> restore = work.startRestoreSharing(admin, "b2", ACME);
            background.submit(() -> { }).get();

            assertThat(together).containsExactly(ACME, TenantId.of("globex"));
            assertThat(pageReads).as("the confirmation's reads of every tenant").isEqualTo(1);
            assertThat(restore.tenants()).containsExactly(ACME, TenantId.of("globex"));
            assertThat(proxy.requestsHolding()).as("the restore's reads of every tenant").isEqualTo(1);
        }
    }

    @Test
    void a_read_of_the_tenants_never_read_reads_every_tenant_once() throws Exception {
        try (PausableProxy proxy = proxy(); ControlPlane plane = plane(proxy)) {
            ConsoleFleet fleet = registered(plane);
            FleetActions actions = new FleetActions(fleet, background);

            proxy.countRequestsHolding(EVERY_TENANT);
            FleetJobs.Job<List<dev.flotilla.plan.TenantPlan>> read = actions.fleetReads().startReadingUnknown(admin);
            background.submit(() -> { }).get();

            assertThat(read.error()).isNull();
            assertThat(read.result()).extracting(p -> p.tenant().value()).containsExactly("acme", "globex");
            assertThat(read.readSoFar() + " of " + read.reading()).as("its progress, as its page shows it").isEqualTo("2 of 2");
            assertThat(proxy.requestsHolding()).as("its reads of every tenant").isEqualTo(1);
        }
    }

    private static PausableProxy proxy() throws Exception {
        URI server = URI.create(TestDatabases.POSTGRES_URL.substring("jdbc:".length()));
        return PausableProxy.to(server.getHost(), server.getPort());
    }

    private ControlPlane plane(PausableProxy proxy) {
        return ControlPlane.open("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + planeDatabase.name(),
                TestDatabases.POSTGRES_USER, null);
    }

    private record Deployed(ConsoleFleet fleet, String deployment) {
    }

    /** acme and globex on one schema, deployed V1. */
    private Deployed deployed(ControlPlane plane) throws Exception {
        ConsoleFleet fleet = registered(plane);
        DeployResult result = deployEveryTenant(plane, fleet);
        assertThat(result.ok()).as(result.toString()).isTrue();
        return new Deployed(fleet, result.deployment());
    }

    /**
     * acme and globex deployed: V2 ran outside a transaction (CREATE INDEX CONCURRENTLY) and failed at its second
     * statement, its failed record left in their one history table.
     */
    private ConsoleFleet failedHalfWay(ControlPlane plane) throws Exception {
        return failedDeploying(plane, "V2__orders_item.sql", "CREATE INDEX CONCURRENTLY orders_item ON orders (item);\n"
                + "ALTER TABLE orders ADD COLUMN quantity int CHECK (quantity > 'many');\n");
    }

    /** acme and globex deployed: V1 ran outside a transaction (as V2 of {@link #failedHalfWay}) and failed at its third statement. */
    private ConsoleFleet failedAtFirst(ControlPlane plane) throws Exception {
        return failedDeploying(plane, "V1__orders.sql", "CREATE TABLE orders (item text);\n"
                + "CREATE INDEX CONCURRENTLY orders_item ON orders (item);\nALTER TABLE orders ADD COLUMN q int CHECK (q > 'many');\n");
    }

    /** acme and globex registered, {@code file} written with {@code sql}, and a deploy to them that failed. */
    private ConsoleFleet failedDeploying(ControlPlane plane, String file, String sql) throws Exception {
        ConsoleFleet fleet = registered(plane);
        Files.writeString(folder.resolve("migrations").resolve(file), sql);
        DeployResult result = deployEveryTenant(plane, fleet);
        assertThat(result.ok()).as(result.toString()).isFalse();
        return fleet;
    }

    private static DeployResult deployEveryTenant(ControlPlane plane, ConsoleFleet fleet) {
        return new FleetRunner(plane, fleet.template(), fleet.loadMigrations(), FleetOptions.defaults(), FleetListener.SILENT)
                .deploy(fleet.targets(plane.tenants().all().stream().map(TenantRecord::tenant).toList()));
    }

    /** acme and globex registered on one schema, with V1 to deploy; never read. */
    private ConsoleFleet registered(ControlPlane plane) throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__orders.sql"), "CREATE TABLE orders (item text, tenant_id text NOT NULL);\n"
                + "CREATE INDEX orders_tenant ON orders (tenant_id);\n");
        plane.tenants().add(new Tenant(ACME, "Acme", null, null, List.of()));
        plane.tenants().add(new Tenant(TenantId.of("globex"), "Globex", null, null, List.of()));
        return new ConsoleFleet(plane, new Tenancy(TenancyModel.SHARED_SCHEMA, TestDatabases.POSTGRES_URL, null,
                schema, TestDatabases.POSTGRES_USER, null, null, null),
                new TargetOptions(null, migrations, Map.of(), null, null, null, null, null, "demo"), FleetOptions.defaults(),
                DryRunOptions.DEFAULTS);
    }
}
