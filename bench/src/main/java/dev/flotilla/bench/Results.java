package dev.flotilla.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Every timing of a run, and what it adds up to: median with min and max, ratios per run pair. */
final class Results {
    /** One measure of one run; {@code cpu} null where it is not a timing (peak heap) or /proc is not there. */
    record Sample(String fixture, String what, int concurrency, int run, long millis, int tenants, CpuMeter.Reading cpu) {
    }

    final List<Sample> samples = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final Map<String, Object> settings = new LinkedHashMap<>();

    void add(String fixture, String what, int concurrency, int run, long millis, int tenants) {
        add(fixture, what, concurrency, run, millis, tenants, null);
    }

    void add(String fixture, String what, int concurrency, int run, long millis, int tenants, CpuMeter.Reading cpu) {
        samples.add(new Sample(fixture, what, concurrency, run, millis, tenants, cpu));
        System.out.printf("  %-32s %-28s c=%d run %d: %,8d ms (%.1f ms/tenant%s)%n", fixture, what, concurrency, run, millis,
                tenants == 0 ? 0.0 : (double) millis / tenants,
                cpu == null || tenants == 0 ? "" : String.format("; CPU client %.1f, server %.1f",
                        (double) cpu.clientMillis() / tenants, (double) cpu.serverMillis() / tenants));
    }

    record Stat(double median, double min, double max) {
        static Stat of(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            return new Stat(median, sorted.get(0), sorted.get(n - 1));
        }

        String ms() {
            return String.format("%,.0f (%,.0f-%,.0f)", median, min, max);
        }

        String ratio() {
            return String.format("%.2f× (%.2f-%.2f)", median, min, max);
        }
    }

    List<Sample> select(Predicate<Sample> filter) {
        return samples.stream().filter(filter).toList();
    }

    /** The ratio a/b for each run both have, by run number. */
    List<Double> ratios(String fixture, int concurrency, String a, String b) {
        List<Double> ratios = new ArrayList<>();
        for (Sample x : select(s -> s.fixture().equals(fixture) && s.concurrency() == concurrency && s.what().equals(a))) {
            select(s -> s.fixture().equals(fixture) && s.concurrency() == concurrency && s.what().equals(b) && s.run() == x.run())
                    .forEach(y -> ratios.add((double) x.millis() / y.millis()));
        }
        return ratios;
    }

    /** Median CPU per tenant of the client and of the server, each over the runs: "1.2 + 3.4". */
    private static String cpuPerTenant(List<Sample> group) {
        List<Sample> timed = group.stream().filter(s -> s.cpu() != null && s.tenants() > 0).toList();
        if (timed.isEmpty()) {
            return "-";
        }
        double client = Stat.of(timed.stream().map(s -> (double) s.cpu().clientMillis() / s.tenants()).toList()).median();
        double server = Stat.of(timed.stream().map(s -> (double) s.cpu().serverMillis() / s.tenants()).toList()).median();
        return String.format("%.1f + %.1f", client, server);
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Flotilla benchmark\n\n");
        md.append("Run ").append(Instant.now()).append(" with ").append(settings).append(".\n\n");
        md.append("| fixture | measure | concurrency | median ms (min-max) | ms per tenant | CPU ms per tenant: client + server | runs |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n");
        Map<String, List<Sample>> groups = new LinkedHashMap<>();
        samples.forEach(s -> groups.computeIfAbsent(s.fixture() + "\u0000" + s.what() + "\u0000" + s.concurrency(),
                k -> new ArrayList<>()).add(s));
        groups.values().forEach(group -> {
            Sample first = group.get(0);
            Stat stat = Stat.of(group.stream().map(s -> (double) s.millis()).toList());
            md.append("| ").append(first.fixture()).append(" | ").append(first.what()).append(" | ").append(first.concurrency())
                    .append(" | ").append(stat.ms()).append(" | ")
                    .append(first.tenants() == 0 ? "-" : String.format("%.1f", stat.median() / first.tenants()))
                    .append(" | ").append(cpuPerTenant(group)).append(" | ").append(group.size()).append(" |\n");
        });
        md.append("\n| fixture | concurrency | Flotilla API / raw SQL | Flotilla API / raw SQL + history table"
                + " | Flotilla API / Flyway | Flotilla CLI / raw SQL | Flotilla CLI / Flyway | next deploy: API / raw SQL"
                + " | next deploy: API / Flyway |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        samples.stream().filter(s -> s.what().equals("deploy: raw SQL")).map(s -> s.fixture() + "\u0000" + s.concurrency())
                .distinct().forEach(key -> {
                    String fixture = key.split("\u0000")[0];
                    int c = Integer.parseInt(key.split("\u0000")[1]);
                    md.append("| ").append(fixture).append(" | ").append(c);
                    for (String[] pair : new String[][] {{"deploy: Flotilla API", "deploy: raw SQL"},
                            {"deploy: Flotilla API", "deploy: raw SQL + history table"}, {"deploy: Flotilla API", "deploy: Flyway"},
                            {"deploy: Flotilla CLI", "deploy: raw SQL"},
                            {"deploy: Flotilla CLI", "deploy: Flyway"}, {"next deploy: Flotilla API", "next deploy: raw SQL"},
                            {"next deploy: Flotilla API", "next deploy: Flyway"}}) {
                        List<Double> ratios = ratios(fixture, c, pair[0], pair[1]);
                        md.append(" | ").append(ratios.isEmpty() ? "-" : Stat.of(ratios).ratio());
                    }
                    md.append(" |\n");
                });
        md.append(Targets.markdown(Targets.of(this)));
        if (!notes.isEmpty()) {
            md.append("\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    void write(Path folder) throws Exception {
        Files.createDirectories(folder);
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\..*", "");
        Files.writeString(folder.resolve("bench-" + stamp + ".md"), markdown());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("settings", settings);
        json.put("samples", samples);
        json.put("targets", Targets.of(this));
        json.put("notes", notes);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(folder.resolve("bench-" + stamp + ".json").toFile(), json);
        Files.writeString(folder.resolve("latest.md"), markdown());
    }
}
