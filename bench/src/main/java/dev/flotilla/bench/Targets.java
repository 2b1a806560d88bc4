package dev.flotilla.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;

/**
 * The targets of the benchmark's issue, each as this run measured it and whether it is met: the harness reports
 * them, nothing asserts them. An absolute target (seconds, megabytes) measured on a fleet of another size than its
 * own is reported without a verdict; a ratio is judged at any size, its size named.
 */
final class Targets {
    static final int DEPLOY_SCHEMAS = 1000;
    static final int REGISTERED = 10_000;
    static final double MAX_RAW_RATIO = 1.3;
    static final double MIN_SPEEDUP_OVER_SEQUENTIAL_FLYWAY = 3;
    static final long MAX_NO_OP_MILLIS = 2000;
    static final long MAX_STATUS_MILLIS = 300;
    static final long MAX_HEAP_MEGABYTES = 256;

    /** One target at one concurrency; {@code met} null where this run cannot say. */
    record Target(String target, int concurrency, String measured, Boolean met) {
        String verdict() {
            return met == null ? "not at the target's size" : met ? "met" : "missed";
        }
    }

    private final Results results;
    private final List<Target> targets = new ArrayList<>();

    private Targets(Results results) {
        this.results = results;
    }

    static List<Target> of(Results results) {
        Targets of = new Targets(results);
        of.deploys();
        of.registered();
        return List.copyOf(of.targets);
    }

    private void deploys() {
        String fixture = fixture("PostgreSQL");
        if (fixture == null) {
            return;
        }
        int schemas = tenants(fixture);
        String size = sizeNote(schemas, DEPLOY_SCHEMAS);
        List<Integer> concurrencies = results.select(s -> s.fixture().equals(fixture) && s.what().equals("deploy: raw SQL"))
                .stream().map(Results.Sample::concurrency).distinct().sorted().toList();
        Double sequentialFlyway = median(fixture, "deploy: Flyway", 1);
        for (int c : concurrencies) {
            for (String flotilla : List.of("Flotilla API", "Flotilla CLI")) {
                String deploy = "deploy: " + flotilla;
                ratio("Deploy to 1,000 PostgreSQL schemas, " + flotilla + " / raw SQL <= 1.3x" + size, fixture, c, deploy,
                        "deploy: raw SQL", median -> median <= MAX_RAW_RATIO);
                ratio("Deploy to 1,000 PostgreSQL schemas, " + flotilla + " faster than Flyway (ratio < 1x)" + size, fixture,
                        c, deploy, "deploy: Flyway", median -> median < 1);
            }
            Double api = median(fixture, "deploy: Flotilla API", c);
            if (sequentialFlyway != null && api != null) {
                double speedup = sequentialFlyway / api;
                targets.add(new Target("Deploy to 1,000 PostgreSQL schemas, Flotilla API >= 3x faster than the sequential"
                        + " Flyway loop (medians)" + size, c, format("%.1fx faster", speedup),
                        speedup >= MIN_SPEEDUP_OVER_SEQUENTIAL_FLYWAY));
            }
            Double noOp = median(fixture, "no-op deploy: Flotilla CLI", c);
            if (noOp != null) {
                targets.add(new Target("No-op re-run over 1,000 tenants (CLI deploy) < 2 s" + size, c,
                        format("%,.0f ms", noOp), schemas == DEPLOY_SCHEMAS ? noOp < MAX_NO_OP_MILLIS : null));
            }
        }
    }

    private void registered() {
        String fixture = fixture(" registered");
        if (fixture == null) {
            return;
        }
        int tenants = tenants(fixture);
        String size = sizeNote(tenants, REGISTERED);
        Double status = median(fixture, "status --fleet: CLI", 1);
        Double jvm = median(fixture, "JVM start alone: java -version", 1);
        if (status != null) {
            targets.add(new Target("status --fleet over 10,000 registered tenants < 300 ms" + size, 1,
                    format("%,.0f ms", status) + (jvm == null ? "" : format(" (the JVM's start alone: %,.0f ms)", jvm)),
                    tenants == REGISTERED ? status < MAX_STATUS_MILLIS : null));
        }
        Double heap = median(fixture, "peak heap MB: Flotilla API plan", 4);
        if (heap != null) {
            targets.add(new Target("Peak heap for 10,000 tenants (API plan) < 256 MB" + size, 4, format("%,.0f MB", heap),
                    tenants == REGISTERED ? heap < MAX_HEAP_MEGABYTES : null));
        }
    }

    /** measure / against per run pair, judged by its median. */
    private void ratio(String target, String fixture, int c, String measure, String against, DoublePredicate meets) {
        List<Double> ratios = results.ratios(fixture, c, measure, against);
        if (!ratios.isEmpty()) {
            Results.Stat stat = Results.Stat.of(ratios);
            targets.add(new Target(target, c, stat.ratio(), meets.test(stat.median())));
        }
    }

    /** The first fixture whose name contains {@code part}; null when this run had none. */
    private String fixture(String part) {
        return results.samples.stream().map(Results.Sample::fixture).filter(f -> f.contains(part)).findFirst().orElse(null);
    }

    /** The fleet's size: the most tenants any of the fixture's timings covered (a heap reading counts none). */
    private int tenants(String fixture) {
        return results.select(s -> s.fixture().equals(fixture)).stream().mapToInt(Results.Sample::tenants).max().orElse(0);
    }

    /** Nothing when measured at the target's own size; else the size measured at, for the target's name. */
    private static String sizeNote(int measured, int target) {
        return measured == target ? "" : " (measured at " + measured + ")";
    }

    private Double median(String fixture, String what, int concurrency) {
        List<Double> millis = results.select(s -> s.fixture().equals(fixture) && s.what().equals(what)
                && s.concurrency() == concurrency).stream().map(s -> (double) s.millis()).toList();
        return millis.isEmpty() ? null : Results.Stat.of(millis).median();
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    static String markdown(List<Target> targets) {
        if (targets.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## Targets\n\n| target | concurrency | measured: median (min-max) | verdict |\n"
                + "| --- | --- | --- | --- |\n");
        targets.forEach(t -> md.append("| ").append(t.target()).append(" | ").append(t.concurrency())
                .append(" | ").append(t.measured()).append(" | ").append(t.verdict()).append(" |\n"));
        return md.toString();
    }
}
