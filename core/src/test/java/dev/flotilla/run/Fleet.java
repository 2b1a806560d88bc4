package dev.flotilla.run;

import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/** A test fleet: an in-memory control plane, registered tenants, a tenancy and a migrations folder. */
final class Fleet implements AutoCloseable {
    final String planeUrl = "jdbc:h2:mem:cp_" + TestDatabases.uniqueName() + ";DB_CLOSE_DELAY=-1";
    final ControlPlane plane = ControlPlane.open(planeUrl, "sa", null);
    final Tenancy tenancy;
    final Path migrations;
    final List<Tenant> tenants = new ArrayList<>();

    Fleet(Tenancy tenancy, Path migrations, int count) {
        this.tenancy = tenancy;
        this.migrations = migrations;
        IntStream.range(0, count).forEach(i -> add(String.format("t%03d", i)));
    }

    Tenant add(String id) {
        Tenant tenant = new Tenant(TenantId.of(id), null, null, null, List.of(Integer.parseInt(id.substring(1)) % 2 == 0
                ? "even" : "odd"));
        plane.tenants().add(tenant);
        tenants.add(tenant);
        return tenant;
    }

    List<TenantTarget> targets() {
        return tenants.stream().map(t -> TenantTarget.of(t, tenancy)).toList();
    }

    List<TenantTarget> targets(int from, int to) {
        return targets().subList(from, to);
    }

    TenantTarget target(String id) {
        return targets().stream().filter(t -> t.tenant().id().value().equals(id)).findFirst().orElseThrow();
    }

    LoadedMigrations loaded() {
        return new MigrationLoader(Set.of()).load(migrations);
    }

    TargetOptions template() {
        return new TargetOptions(null, migrations, Map.of(), null, Duration.ofSeconds(60), null, null, null, "test");
    }

    FleetRunner runner(FleetOptions options) {
        return new FleetRunner(plane, template(), loaded(), options, FleetListener.SILENT);
    }

    /** A runner of the migrations in {@code folder} instead of the fleet's. */
    FleetRunner runner(FleetOptions options, Path folder) {
        return new FleetRunner(plane, new TargetOptions(null, folder, Map.of(), null, Duration.ofSeconds(60), null, null, null,
                "test"), new MigrationLoader(Set.of()).load(folder), options, FleetListener.SILENT);
    }

    FleetPlanner planner() {
        return new FleetPlanner(template(), loaded(), 8, 8);
    }

    static FleetOptions options(int concurrency, boolean continueOnError) {
        return new FleetOptions(concurrency, concurrency, List.of(), 0, continueOnError, 1, Duration.ofMillis(50),
                Hooks.NONE, "test");
    }

    /** Makes a deployment look like its process died, as after {@code kill -9}: its heartbeat stopped long ago. */
    void orphan(String deployment) throws java.sql.SQLException {
        update(deployment, "heartbeat_at = TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00'");
    }

    /** Sets columns of a deployment's row in the control plane, as another process would have written them. */
    void update(String deployment, String assignments) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(planeUrl, "sa", "")) {
            dev.flotilla.sql.Jdbc.update(c, "UPDATE deployments SET " + assignments + " WHERE id = ?", deployment);
        }
    }

    void drop() {
        TestDatabases.drop(targets().stream().map(TenantTarget::target).toList());
    }

    @Override
    public void close() {
        plane.close();
    }
}
