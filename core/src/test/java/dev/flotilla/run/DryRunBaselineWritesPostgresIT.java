package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.ControlPlane;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.PausableProxy;
import dev.flotilla.testing.PostgresPlaneDatabase;
import dev.flotilla.testing.TestDatabases;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet dry run keeps each tenant's baseline in the control plane (a PostgreSQL database reached through a proxy that
 * counts the statements writing it) only where it changed: the first run learns it, the next, the baselines as they were,
 * writes none. Two tenants in schemas of an in-memory H2 database, V1 deployed and V2 pending.
 */
class DryRunBaselineWritesPostgresIT {
    private static final byte[] BASELINE_WRITE = "UPDATE tenants SET baseline_version".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    final PostgresPlaneDatabase planeDatabase = new PostgresPlaneDatabase();

    @TempDir
    Path temp;

    @Test
    void a_dry_run_writes_the_baselines_it_learned_and_the_next_one_none_unchanged() throws Exception {
        URI server = URI.create(TestDatabases.POSTGRES_URL.substring("jdbc:".length()));
        try (PausableProxy proxy = PausableProxy.to(server.getHost(), server.getPort());
             ControlPlane plane = ControlPlane.open("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + planeDatabase.name(),
                     TestDatabases.POSTGRES_USER, null)) {
            MigrationFolder files = new MigrationFolder(temp.resolve("migrations")).write("V1__notes.sql", FleetFixture.V1);
            Tenancy tenancy = new Tenancy(TenancyModel.SCHEMA_PER_TENANT, "jdbc:h2:mem:" + TestDatabases.uniqueName()
                    + ";DB_CLOSE_DELAY=-1", null, "s_{tenant}", "sa", null, null);
            List<TenantTarget> targets = List.of("t000", "t001").stream().map(id -> {
                Tenant tenant = new Tenant(TenantId.of(id), null, null, null, List.of());
                plane.tenants().add(tenant);
                return TenantTarget.of(tenant, tenancy);
            }).toList();
            dev.flotilla.TargetOptions template = new dev.flotilla.TargetOptions(null, files.path(), Map.of(), null,
                    Duration.ofSeconds(60), null, null, null, "test");
            var loader = new dev.flotilla.migration.MigrationLoader(Set.of());
            DeployResult deployed = new FleetRunner(plane, template, loader.load(files.path()), Fleet.options(2, false),
                    FleetListener.SILENT).deploy(targets);
            assertThat(deployed.ok()).as(FleetFixture.errors(deployed)).isTrue();
            files.write("V2__tags.sql", FleetFixture.V2);
            var migrations = loader.load(files.path());
            FleetDryRun dryRun = new FleetDryRun(template, migrations, DryRunOptions.DEFAULTS, 2, 2);

            proxy.countRequestsHolding(BASELINE_WRITE);
            DryRunRecords.record(plane, dryRun.run(targets), migrations, plane.tenants().all());
            int firstWrites = proxy.requestsHolding();
            List<String> learned = plane.tenants().all().stream().map(TenantRecord::baselineVersion).toList();
            List<TenantRecord> kept = plane.tenants().all();
            List<TenantDryRun> again = dryRun.run(targets);
            proxy.countRequestsHolding(BASELINE_WRITE);
            DryRunRecords.record(plane, again, migrations, kept);

            assertThat(learned).containsExactly("none", "none");
            assertThat(firstWrites).as("the first dry run's writes of a baseline").isPositive();
            assertThat(proxy.requestsHolding()).as("the second dry run's writes of a baseline").isZero();
            assertThat(plane.tenants().all()).extracting(TenantRecord::baselineVersion).containsExactly("none", "none");
        }
    }
}
