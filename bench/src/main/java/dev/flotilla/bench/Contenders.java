package dev.flotilla.bench;

import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.run.DeployResult;
import dev.flotilla.run.DryRunOptions;
import dev.flotilla.run.FleetDryRun;
import dev.flotilla.run.FleetListener;
import dev.flotilla.run.FleetOptions;
import dev.flotilla.run.FleetPlanner;
import dev.flotilla.run.FleetRunner;
import dev.flotilla.run.Hooks;
import dev.flotilla.run.TenantTarget;
import dev.flotilla.sql.Dialect;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.HistoryTable;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/** The ways to take the migration to every target; each returns the wall time in milliseconds. */
final class Contenders {
    private final Fixture fixture;
    private final Path migrations;
    private final Path home;

    /** @param home a folder of the harness's own: migrations, the control plane, flotilla.yml */
    Contenders(Fixture fixture, Path home) throws Exception {
        this.fixture = fixture;
        this.home = home;
        this.migrations = Files.createDirectories(home.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__packages.sql"), Workload.migrationFile(fixture.postgres));
    }

    /** One session per worker: switch to the target, run the six statements (in a transaction on PostgreSQL). */
    long raw(int concurrency) throws Exception {
        return raw(concurrency, false);
    }

    /**
     * Raw SQL that also keeps a history the way Flotilla does: its history table created and the migration's row
     * written, in the migration's transaction on PostgreSQL, with no other round trip. The least any tool that
     * records what it applied does on a target's first deploy: the floor of a first deploy's ratio to raw SQL.
     */
    long rawWithHistory(int concurrency) throws Exception {
        return raw(concurrency, true);
    }

    private long raw(int concurrency, boolean withHistory) throws Exception {
        Dialect dialect = Dialect.forUrl(fixture.serverUrl());
        return timed(() -> parallel(concurrency, (connection, target) -> {
            try (Statement s = connection.createStatement()) {
                if (fixture.postgres) {
                    s.execute("SET search_path TO " + target);
                    connection.setAutoCommit(false);
                } else {
                    s.execute("USE " + target);
                }
                for (String sql : Workload.migration(fixture.postgres)) {
                    s.execute(sql);
                }
                if (withHistory) {
                    recordInHistory(dialect, connection, target);
                }
                if (fixture.postgres) {
                    connection.commit();
                    connection.setAutoCommit(true);
                }
            }
        }));
    }

    private static void recordInHistory(Dialect dialect, Connection connection, String target) throws Exception {
        HistoryTable history = new HistoryTable(dialect, connection, target, "tenant_migrations");
        history.learnExists(false);
        history.createIfMissing();
        history.append(new AppliedMigration(1, "1", "packages", MigrationKind.VERSIONED, "V1__packages.sql",
                "0".repeat(64), "bench", Instant.now(), 10, true, null, null));
    }

    /** Flyway looped over the targets, in a pool of {@code concurrency} threads (1: the sequential loop). */
    long flyway(int concurrency) throws Exception {
        return timed(() -> {
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (String target : fixture.targets) {
                    work.add(pool.submit(() -> {
                        var config = Flyway.configure().dataSource(fixture.urlOf(target), fixture.user(), "")
                                .locations("filesystem:" + migrations).baselineOnMigrate(true).baselineVersion("0");
                        if (fixture.postgres) {
                            config = config.schemas(target);
                        }
                        config.load().migrate();
                        return null;
                    }));
                }
                for (Future<?> future : work) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
        });
    }

    /** A fresh control plane with every target registered as a tenant. */
    ControlPlane plane(String name, int tenants) throws Exception {
        Path folder = Files.createDirectories(home.resolve(name));
        ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(folder), "sa", null);
        List<Tenant> all = new ArrayList<>();
        for (int i = 0; i < tenants; i++) {
            String id = i < fixture.targets.size() ? fixture.targets.get(i) : String.format("ghost%05d", i);
            all.add(new Tenant(TenantId.of(id), null, null, null, List.of()));
        }
        plane.tenants().addMissing(all);
        return plane;
    }

    Tenancy tenancy() {
        return fixture.postgres
                ? new Tenancy(TenancyModel.SCHEMA_PER_TENANT, fixture.serverUrl(), null, "{tenant}", "postgres", null, null)
                : new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, Fixture.MARIADB_SERVER + "{tenant}", null, "root", null, null);
    }

    List<TenantTarget> targets(ControlPlane plane) {
        Tenancy tenancy = tenancy();
        return plane.tenants().all().stream().map(r -> TenantTarget.of(r.tenant(), tenancy)).toList();
    }

    LoadedMigrations loaded() {
        return new MigrationLoader(Set.of()).load(migrations);
    }

    TargetOptions template() {
        return new TargetOptions(null, migrations, Map.of(), null, Duration.ofSeconds(60), null, null, null, "bench");
    }

    /** Flotilla's fleet deploy through the Java API: no backup, no checks, like the other contenders. */
    long flotilla(ControlPlane plane, int concurrency) throws Exception {
        FleetOptions options = new FleetOptions(concurrency, concurrency, List.of(), 0, false, 0, null, Hooks.NONE, "bench");
        List<TenantTarget> targets = targets(plane);
        long[] millis = {0};
        long start = System.nanoTime();
        DeployResult result = new FleetRunner(plane, template(), loaded(), options, FleetListener.SILENT).deploy(targets);
        millis[0] = (System.nanoTime() - start) / 1_000_000;
        if (!result.ok()) {
            throw new IllegalStateException("Flotilla's deploy failed: " + result.tasks().stream()
                    .filter(t -> t.error() != null).findFirst().map(t -> t.error()).orElse("?"));
        }
        return millis[0];
    }

    /** Flotilla's planner over every tenant: what `deploy` does first, and all a no-op run does. */
    long plan(ControlPlane plane, int concurrency) {
        List<TenantTarget> targets = targets(plane);
        long start = System.nanoTime();
        new FleetPlanner(template(), loaded(), concurrency, concurrency).plan(targets);
        return (System.nanoTime() - start) / 1_000_000;
    }

    long dryRun(ControlPlane plane, int concurrency) {
        List<TenantTarget> targets = targets(plane);
        long start = System.nanoTime();
        var results = new FleetDryRun(template(), loaded(), DryRunOptions.DEFAULTS, concurrency, concurrency).run(targets);
        long millis = (System.nanoTime() - start) / 1_000_000;
        results.stream().filter(r -> !"success".equals(r.status()) && !"warning".equals(r.status())).findFirst()
                .ifPresent(r -> {
                    throw new IllegalStateException("Flotilla's dry run failed on " + r.tenant() + ": " + r.firstError());
                });
        return millis;
    }

    /**
     * The flotilla.yml the CLI contender reads, in {@code <home>/<name>}, whose embedded control plane is the
     * one {@link #plane(String, int)} fills for the same name: this fixture's tenancy, no backups.
     */
    Path config(String name) throws Exception {
        Path file = Files.createDirectories(home.resolve(name)).resolve("flotilla.yml");
        Files.writeString(file, """
                migrations: %s
                tenancy:
                  model: %s
                  %s
                  user: %s
                deploy:
                  backup: false
                """.formatted(migrations, fixture.postgres ? "schema-per-tenant" : "database-per-tenant",
                fixture.postgres ? "url: " + fixture.serverUrl() + "\n  schemaTemplate: \"{tenant}\""
                        : "urlTemplate: " + Fixture.MARIADB_SERVER + "{tenant}", fixture.user()));
        return file;
    }

    interface Work {
        void on(Connection connection, String target) throws Exception;
    }

    private void parallel(int threads, Work work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    try (Connection c = DriverManager.getConnection(fixture.serverUrl(), fixture.user(), "")) {
                        for (int i = next.getAndIncrement(); i < fixture.targets.size(); i = next.getAndIncrement()) {
                            work.on(c, fixture.targets.get(i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    interface Timed {
        void run() throws Exception;
    }

    static long timed(Timed work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
