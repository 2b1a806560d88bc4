package dev.flotilla.bench;

import dev.flotilla.control.ControlPlane;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark: builds the fixtures from nothing, then per dialect and concurrency, per run, times raw SQL,
 * Flyway, and Flotilla (API and CLI) taking the same migration to every target from the same starting state;
 * then Flotilla's no-op re-run, status, dry run, and peak heap. Writes Markdown and JSON to bench/results.
 *
 * <pre>bench/run.sh [--schemas N] [--databases M] [--runs R] [--concurrency 1,2,4] [--quick]</pre>
 */
public final class Bench {
    private int schemas = 1000;
    private int databases = 200;
    private int runs = 3;
    private List<Integer> concurrency = List.of(1, 2, 4);
    private int registered = 10_000;
    private Path jar = Path.of("cli/target/flotilla.jar");
    private Path out = Path.of("bench/results");
    private final Results results = new Results();

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench();
        bench.parse(args);
        bench.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--schemas" -> schemas = Integer.parseInt(args[++i]);
                case "--databases" -> databases = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--registered" -> registered = Integer.parseInt(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> {
                    schemas = 100;
                    databases = 20;
                    concurrency = List.of(1, 4);
                    registered = 2000;
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; options: --schemas N --databases M --runs R --concurrency 1,2,4 --registered N --quick --jar F --out DIR");
            }
        }
        results.settings.put("schemas", schemas);
        results.settings.put("databases", databases);
        results.settings.put("runs", runs);
        results.settings.put("concurrency", concurrency);
        results.settings.put("registered", registered);
        results.settings.put("cores", Runtime.getRuntime().availableProcessors());
        results.settings.put("java", System.getProperty("java.version"));
    }

    private void run() throws Exception {
        Path home = Files.createTempDirectory("flotilla-bench");
        for (Fixture fixture : List.of(new Fixture(true, schemas), new Fixture(false, databases))) {
            System.out.println("Building " + fixture.name() + "...");
            fixture.build();
            try {
                contenders(fixture, Files.createDirectories(home.resolve(fixture.postgres ? "pg" : "mariadb")));
            } finally {
                fixture.drop();
            }
        }
        registeredFleet(home.resolve("registered"));
        System.out.println();
        System.out.println(results.markdown());
        results.write(out);
        System.out.println("Written to " + out.toAbsolutePath());
    }

    private void contenders(Fixture fixture, Path home) throws Exception {
        Contenders contenders = new Contenders(fixture, home);
        String name = fixture.name();
        int n = fixture.targets.size();
        try (ControlPlane plane = contenders.plane("api", n)) {
            ControlPlane cliPlane = contenders.plane("cli", n);
            cliPlane.close();
            Cli cli = new Cli(jar.toAbsolutePath(), contenders.config("cli"));
            cli.warmUp();
            for (int c : concurrency) {
                for (int run = 1; run <= runs; run++) {
                    fixture.reset();
                    results.add(name, "deploy: raw SQL", c, run, contenders.raw(c), n);
                    fixture.reset();
                    results.add(name, "deploy: Flyway", c, run, contenders.flyway(c), n);
                    fixture.reset();
                    results.add(name, "dry run: Flotilla API", c, run, contenders.dryRun(plane, c), n);
                    resetPeakHeap();
                    results.add(name, "deploy: Flotilla API", c, run, contenders.flotilla(plane, c), n);
                    results.add(name, "peak heap MB: Flotilla API deploy", c, run, peakHeapMegabytes(), 0);
                    results.add(name, "no-op plan: Flotilla API", c, run, contenders.plan(plane, c), n);
                    fixture.reset();
                    results.add(name, "deploy: Flotilla CLI", c, run, cli.run("deploy", "--all", "--yes", "--skip-checks",
                            "--concurrency", String.valueOf(c), "--per-server", String.valueOf(c)), n);
                    results.add(name, "no-op deploy: Flotilla CLI", c, run, cli.run("deploy", "--all", "--yes",
                            "--concurrency", String.valueOf(c), "--per-server", String.valueOf(c)), n);
                    nextDeploys(contenders, fixture, plane, name, c, run, n);
                }
            }
            for (int run = 1; run <= runs; run++) {
                results.add(name, "status --fleet: CLI", 1, run, cli.run("status", "--fleet"), n);
                results.add(name, "status --fleet --live: CLI", 4, run, cli.run("status", "--fleet", "--live"), n);
            }
        }
        results.notes.add(name + ": Flotilla ran without backups and without checks, like the other contenders;"
                + " CLI times are bin/flotilla's, the JVM start included (from the startup archive it keeps beside the jar).");
    }

    /**
     * A target's ordinary deploy, not its first: every tool's history table is there already (made by an untimed
     * deploy each), only the migration's row and objects are taken out before each timed one.
     */
    private void nextDeploys(Contenders contenders, Fixture fixture, ControlPlane plane, String name, int c, int run, int n)
            throws Exception {
        fixture.reset();
        contenders.flyway(c);
        fixture.undoKeepingHistory("flyway_schema_history");
        contenders.flotilla(plane, c);
        fixture.undoKeepingHistory("tenant_migrations");
        results.add(name, "next deploy: raw SQL", c, run, contenders.raw(c), n);
        fixture.undoKeepingHistory("tenant_migrations");
        results.add(name, "next deploy: Flyway", c, run, contenders.flyway(c), n);
        fixture.undoKeepingHistory("flyway_schema_history");
        results.add(name, "next deploy: Flotilla API", c, run, contenders.flotilla(plane, c), n);
    }

    /** status --fleet and the planner's heap over a large registry (tenants beyond the fixture have no schema). */
    private void registeredFleet(Path home) throws Exception {
        Fixture fixture = new Fixture(true, 0);
        fixture.build();
        try {
            Contenders contenders = new Contenders(fixture, Files.createDirectories(home));
            try (ControlPlane plane = contenders.plane("cli", registered)) {
                resetPeakHeap();
                List<Long> plans = new ArrayList<>();
                for (int run = 1; run <= runs; run++) {
                    plans.add(contenders.plan(plane, 4));
                }
                for (int run = 1; run <= runs; run++) {
                    results.add(registered + " registered", "plan, schemas missing: Flotilla API", 4, run, plans.get(run - 1), registered);
                }
                results.add(registered + " registered", "peak heap MB: Flotilla API plan", 4, 1, peakHeapMegabytes(), 0);
            }
            Cli cli = new Cli(jar.toAbsolutePath(), contenders.config("cli"));
            for (int run = 1; run <= runs; run++) {
                results.add(registered + " registered", "status --fleet: CLI", 1, run, cli.run("status", "--fleet"), registered);
            }
        } finally {
            fixture.drop();
        }
    }

    private static void resetPeakHeap() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMegabytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }
}
