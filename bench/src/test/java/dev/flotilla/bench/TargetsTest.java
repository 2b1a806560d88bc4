package dev.flotilla.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {
    private static final String PG = "PostgreSQL, 1000 schemas";

    private final Results results = new Results();

    private void deploy(String what, int concurrency, long... millisPerRun) {
        for (int run = 1; run <= millisPerRun.length; run++) {
            results.add(PG, what, concurrency, run, millisPerRun[run - 1], 1000);
        }
    }

    private Targets.Target target(String starting, int concurrency) {
        return Targets.of(results).stream().filter(t -> t.target().startsWith(starting) && t.concurrency() == concurrency)
                .findFirst().orElseThrow(() -> new AssertionError("no target " + starting + " at c=" + concurrency));
    }

    @Test
    void ratios_are_judged_by_the_median_of_the_run_pairs() {
        deploy("deploy: raw SQL", 4, 10_000, 10_000, 10_000);
        deploy("deploy: Flotilla API", 4, 12_000, 14_000, 20_000);
        deploy("deploy: Flyway", 4, 60_000, 60_000, 60_000);

        Targets.Target raw = target("Deploy to 1,000 PostgreSQL schemas, Flotilla API / raw SQL", 4);
        assertThat(raw.measured()).isEqualTo("1.40× (1.20-2.00)");
        assertThat(raw.verdict()).isEqualTo("missed");
        assertThat(target("Deploy to 1,000 PostgreSQL schemas, Flotilla API faster than Flyway", 4).verdict()).isEqualTo("met");
    }

    @Test
    void the_speedup_over_sequential_flyway_compares_medians_at_each_concurrency() {
        deploy("deploy: raw SQL", 1, 20_000);
        deploy("deploy: raw SQL", 4, 10_000);
        deploy("deploy: Flyway", 1, 42_000);
        deploy("deploy: Flotilla API", 1, 21_000);
        deploy("deploy: Flotilla API", 4, 12_000);

        assertThat(target("Deploy to 1,000 PostgreSQL schemas, Flotilla API >= 3x", 1).verdict()).isEqualTo("missed");
        Targets.Target four = target("Deploy to 1,000 PostgreSQL schemas, Flotilla API >= 3x", 4);
        assertThat(four.measured()).isEqualTo("3.5x faster");
        assertThat(four.met()).isTrue();
    }

    @Test
    void an_absolute_target_on_a_fleet_of_another_size_gets_no_verdict() {
        results.add("PostgreSQL, 100 schemas", "deploy: raw SQL", 1, 1, 2_000, 100);
        results.add("PostgreSQL, 100 schemas", "no-op deploy: Flotilla CLI", 1, 1, 500, 100);
        results.add("2000 registered", "status --fleet: CLI", 1, 1, 250, 2000);
        results.add("2000 registered", "peak heap MB: Flotilla API plan", 4, 1, 90, 0);

        List<Targets.Target> targets = Targets.of(results);

        assertThat(targets).extracting(Targets.Target::target).containsExactly(
                "No-op re-run over 1,000 tenants (CLI deploy) < 2 s (measured at 100)",
                "status --fleet over 10,000 registered tenants < 300 ms (measured at 2000)",
                "Peak heap for 10,000 tenants (API plan) < 256 MB (measured at 2000)");
        assertThat(targets).extracting(Targets.Target::met).containsOnlyNulls();
    }

    @Test
    void at_the_targets_size_status_and_heap_are_judged_and_written_to_the_markdown() {
        results.add("10000 registered", "status --fleet: CLI", 1, 1, 280, 10_000);
        results.add("10000 registered", "status --fleet: CLI", 1, 2, 350, 10_000);
        results.add("10000 registered", "status --fleet: CLI", 1, 3, 330, 10_000);
        results.add("10000 registered", "peak heap MB: Flotilla API plan", 4, 1, 137, 0);

        assertThat(target("status --fleet", 1).measured()).isEqualTo("330 ms");
        assertThat(target("status --fleet", 1).verdict()).isEqualTo("missed");
        assertThat(target("Peak heap", 4).verdict()).isEqualTo("met");
        assertThat(results.markdown()).contains("## Targets",
                "| status --fleet over 10,000 registered tenants < 300 ms | 1 | 330 ms | missed |");
    }

    @Test
    void status_is_shown_beside_the_jvms_own_start_measured_in_the_same_run() {
        results.add("10000 registered", "status --fleet: CLI", 1, 1, 410, 10_000);
        results.add("10000 registered", "JVM start alone: java -version", 1, 1, 45, 0);
        results.add("10000 registered", "JVM start alone: java -version", 1, 2, 61, 0);

        assertThat(target("status --fleet", 1).measured()).isEqualTo("410 ms (the JVM's start alone: 53 ms)");
        assertThat(target("status --fleet", 1).verdict()).isEqualTo("missed");
    }
}
