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
    /** Runs of the half-second measures (status --fleet and the JVM's start beside it), at least. */
    private static final int STARTUP_RUNS = 10;

    private int schemas = 1000;
    private int databases = 200;
    private int runs = 3;
    private List<Integer> concurrency = List.of(1, 2, 4);
    private int registered = 10_000;
    private Path jar = Path.of("cli/target/flotilla.jar");
    private Path out = Path.of("bench/results");
    private String only = null;
    /** Only the first deploys, for A/B runs of a change: raw SQL, raw SQL + history table, the API's and the CLI's. */
    private boolean firstDeployOnly = false;
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
                case "--only" -> only = only(args[++i]);
                case "--first-deploy-only" -> firstDeployOnly = true;
                case "--quick" -> {
                    // Under 5 minutes with the build, on this 2-core VM on a good day: Flyway's sequential loop
                    // alone took a third of the 100-schema quick run's 5 minutes.
                    schemas = 50;
                    databases = 10;
                    concurrency = List.of(1, 4);
                    registered = 2000;
                }
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; options: --schemas N --databases M --runs R --concurrency 1,2,4 --registered N --quick"
                        + " --only postgres|mariadb|registered --first-deploy-only --jar F --out DIR");
            }
        }
        results.settings.put("schemas", schemas);
        results.settings.put("databases", databases);
        results.settings.put("runs", runs);
        results.settings.put("concurrency", concurrency);
        results.settings.put("registered", registered);
        if (only != null) {
            results.settings.put("only", only);
        }
        if (firstDeployOnly) {
            results.settings.put("first deploy only", true);
        }
        results.settings.put("cores", Runtime.getRuntime().availableProcessors());
        results.settings.put("java", System.getProperty("java.version"));
    }

    private static String only(String part) {
        if (!List.of("postgres", "mariadb", "registered").contains(part)) {
            throw new IllegalArgumentException("--only takes postgres, mariadb or registered, not " + part);
        }
        return part;
    }

    private void run() throws Exception {
        Path home = Files.createTempDirectory("flotilla-bench");
        for (Fixture fixture : List.of(new Fixture(true, schemas), new Fixture(false, databases))) {
            if (only != null && !only.equals(fixture.postgres ? "postgres" : "mariadb")) {
                continue;
            }
            System.out.println("Building " + fixture.name() + "...");
            fixture.build();
            try {
                contenders(fixture, Files.createDirectories(home.resolve(fixture.postgres ? "pg" : "mariadb")));
            } finally {
                fixture.drop();
            }
        }
        if (only == null || only.equals("registered")) {
            registeredFleet(home.resolve("registered"));
        }
        System.out.println();
        System.out.println(results.markdown());
        results.write(out);
        System.out.println("Written to " + out.toAbsolutePath());
    }

    private void contenders(Fixture fixture, Path home) throws Exception {
        Contenders contenders = new Contenders(fixture, home);
        String name = fixture.name();
        int n = fixture.targets.size();
        CpuMeter cpu = new CpuMeter(fixture.postgres ? "postgres" : "mariadbd");
        if (firstDeployOnly) {
            firstDeploys(contenders, fixture, cpu);
            return;
        }
        try (ControlPlane plane = contenders.plane("api", n)) {
            Cli cli = cli(contenders, "cli", n);
            // The targets are reset before every timed deploy, this untimed one's included.
            cli.warmUp(List.of(List.of("deploy", "--all", "--yes", "--skip-checks"), List.of("status", "--fleet")));
            // As the CLI's startup archives are built before its timed runs, the API's code is compiled before its own:
            // the figures are the engine's cost, not this JVM's warm-up (which the CLI's figures include).
            fixture.reset();
            contenders.flotilla(plane, 1);
            for (int c : concurrency) {
                int sessions = c;
                for (int run = 1; run <= runs; run++) {
                    RunTimer timer = new RunTimer(results, name, sessions, run, n, cpu);
                    fixture.reset();
                    // A dry run leaves every target as it found it (or fails), so Flyway starts from the same reset.
                    timer.time("dry run: Flotilla API", () -> contenders.dryRun(plane, sessions));
                    timer.time("deploy: Flyway", () -> contenders.flyway(sessions));
                    // Flyway's next deploy starts from its first: the history table stays, the migration goes. (A deploy
                    // of its own to get there cost the full run a quarter of its time: Flyway is the slowest contender.)
                    fixture.undoKeepingHistory("flyway_schema_history");
                    timer.time("next deploy: Flyway", () -> contenders.flyway(sessions));
                    firstDeployPair(contenders, fixture, timer);
                    Cli first = cliFirstDeploy(contenders, fixture, timer);
                    timer.time("no-op deploy: Flotilla CLI", () -> first.run("deploy", "--all", "--yes",
                            "--concurrency", String.valueOf(sessions), "--per-server", String.valueOf(sessions)));
                    nextDeploys(contenders, fixture, plane, timer);
                }
            }
            // After the next deploys: every target has Flotilla's history table, for --live to read.
            quietBeforeStatus(name);
            for (int run = 1; run <= runs; run++) {
                results.add(name, "status --fleet: CLI", 1, run, cli.run("status", "--fleet"), n);
                results.add(name, "status --fleet --live: CLI", 4, run, cli.run("status", "--fleet", "--live"), n);
            }
        }
        results.notes.add(name + ": Flotilla ran without backups and without checks, like the other contenders;"
                + " CLI times are bin/flotilla's, the JVM start included (from the startup archive it keeps beside the jar).");
        results.notes.add(name + ": raw SQL + history table is raw SQL that also creates Flotilla's history table and writes"
                + " the migration's row, in the migration's transaction where DDL is transactional: the least a first deploy"
                + " of any tool that records what it applied costs, so Flotilla API / that ratio is the engine's own overhead.");
        results.notes.add(name + ": raw SQL and Flotilla API, whose ratio is the target, run one right after the other,"
                + " raw first in odd runs and Flotilla first in even ones, so that the machine's drift (30% within minutes"
                + " on this VM) weighs on both alike; CPU is the client's (this JVM, or the CLI process) and the"
                + " database server's, from /proc.");
    }

    /** The first deploys alone, each concurrency's runs in turn (--first-deploy-only): nothing else is timed. */
    private void firstDeploys(Contenders contenders, Fixture fixture, CpuMeter cpu) throws Exception {
        cli(contenders, "cli", fixture.targets.size()).warmUp(List.of(List.of("deploy", "--all", "--yes", "--skip-checks")));
        try (ControlPlane warmUp = contenders.plane("api", fixture.targets.size())) {
            fixture.reset();
            contenders.flotilla(warmUp, 1);
        }
        for (int c : concurrency) {
            for (int run = 1; run <= runs; run++) {
                RunTimer timer = new RunTimer(results, fixture.name(), c, run, fixture.targets.size(), cpu);
                firstDeployPair(contenders, fixture, timer);
                cliFirstDeploy(contenders, fixture, timer);
            }
        }
    }

    /** The CLI's first deploy, on a control plane of its own, from a reset fixture; the CLI to run more on it. */
    private Cli cliFirstDeploy(Contenders contenders, Fixture fixture, RunTimer timer) throws Exception {
        String sessions = String.valueOf(timer.concurrency());
        fixture.reset();
        Cli first = cli(contenders, "cli-first-" + sessions + "-" + timer.run(), fixture.targets.size());
        timer.time("deploy: Flotilla CLI", () -> first.run("deploy", "--all", "--yes", "--skip-checks",
                "--concurrency", sessions, "--per-server", sessions));
        return first;
    }

    /** The target's ratio: raw SQL (and raw SQL + history table) and the API's first deploy, in turn. */
    private void firstDeployPair(Contenders contenders, Fixture fixture, RunTimer timer) throws Exception {
        int sessions = timer.concurrency();
        String name = fixture.name();
        int n = fixture.targets.size();
        inTurn(timer.run(), () -> {
            fixture.reset();
            timer.time("deploy: raw SQL", () -> contenders.raw(sessions));
            fixture.reset();
            timer.time("deploy: raw SQL + history table", () -> contenders.rawWithHistory(sessions));
        }, () -> {
            fixture.reset();
            try (ControlPlane first = contenders.plane("api-first-" + sessions + "-" + timer.run(), n)) {
                resetPeakHeap();
                timer.time("deploy: Flotilla API", () -> contenders.flotilla(first, sessions));
                results.add(name, "peak heap MB: Flotilla API deploy", sessions, timer.run(), peakHeapMegabytes(), 0);
                timer.time("no-op plan: Flotilla API", () -> contenders.plan(first, sessions));
            }
        });
    }

    /**
     * The CLI on a control plane of its own with every target registered. A first deploy gets a new one: a plane
     * that saw the targets at a version before the reset would send the run down the path of a history table
     * gone missing, which a real first deploy does not take.
     */
    private Cli cli(Contenders contenders, String name, int tenants) throws Exception {
        contenders.plane(name, tenants).close();
        return new Cli(jar.toAbsolutePath(), contenders.config(name));
    }

    /** Runs the two of a pair in turn: as given in odd runs, the other way round in even ones. */
    private static void inTurn(int run, Contenders.Timed first, Contenders.Timed second) throws Exception {
        (run % 2 == 1 ? first : second).run();
        (run % 2 == 1 ? second : first).run();
    }

    /**
     * A target's ordinary deploy, not its first, of raw SQL and the API. It starts where the CLI's deploys left
     * every target: Flotilla's history table is there, only the migration's row and objects are taken out before
     * each timed run. (Flyway's is timed right after its first deploy.)
     */
    private void nextDeploys(Contenders contenders, Fixture fixture, ControlPlane plane, RunTimer timer) throws Exception {
        int c = timer.concurrency();
        inTurn(timer.run(), () -> {
            fixture.undoKeepingHistory("tenant_migrations");
            timer.time("next deploy: raw SQL", () -> contenders.raw(c));
        }, () -> {
            fixture.undoKeepingHistory("tenant_migrations");
            timer.time("next deploy: Flotilla API", () -> contenders.flotilla(plane, c));
        });
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
            // The plan records every tenant's state (schemas missing), which status then shows.
            cli.warmUp(List.of(List.of("plan", "--all"), List.of("status", "--fleet")));
            // A command of half a second: more runs than the deploys get, in turn with the JVM's own start, so that the
            // medians of both stand up to the VM's drift and their difference is what the command itself costs.
            quietBeforeStatus(registered + " registered");
            for (int run = 1; run <= Math.max(runs, STARTUP_RUNS); run++) {
                results.add(registered + " registered", "status --fleet: CLI", 1, run, cli.run("status", "--fleet"), registered);
                results.add(registered + " registered", "JVM start alone: java -version", 1, run, cli.jvmAlone(), 0);
            }
            results.notes.add(registered + " registered: JVM start alone is bin/flotilla's JDK with the flags it gives a command,"
                    + " printing its version (no jar, no startup archive): the floor under every command, which this VM's"
                    + " drift moves with the rest.");
        } finally {
            fixture.drop();
        }
    }

    /** Lets what the run did before settle (see {@link Quiet}) and notes how long that took. */
    private void quietBeforeStatus(String fixture) throws InterruptedException {
        long waited = Quiet.await();
        results.notes.add(fixture + ": status was timed once the CPUs were " + Math.round(Quiet.IDLE_SHARE * 100)
                + "% idle over half a second, after " + waited + " ms of waiting (at most 30 s).");
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
