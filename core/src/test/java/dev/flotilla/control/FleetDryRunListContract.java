package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A page of the fleet dry runs as {@code flotilla dry-runs}, GET /api/v1/dry-runs and the console's Dry runs page list
 * them ({@link DryRunStore#summaries}): read in one statement however many runs the page holds, each run's counts as its
 * full record ({@link DryRunStore#fleetRun}) has them. So are the command-line runs the wizard's test step may take
 * ({@link DryRunStore#newestFromCommandLine(int, List, int)}).
 */
abstract class FleetDryRunListContract {
    private static final int RUNS = 35;
    private static final List<TenantId> TENANTS = List.of(TenantId.of("acme"), TenantId.of("globex"), TenantId.of("initech"));

    /** The plane's URL, its database or file not yet made. */
    abstract String url();

    /** The user the plane is opened as; null for the embedded one's own. */
    abstract String user();

    @Test
    void a_page_of_thirty_dry_runs_is_read_in_one_statement_with_each_runs_tenants_counted() {
        try (ControlPlane made = ControlPlane.open(url(), user(), null)) {
            recordRuns(made);
        }
        try (CountedPlane counted = new CountedPlane(url(), user())) {
            DryRunStore store = counted.plane().dryRuns();
            counted.statementsSinceLast();

            List<FleetDryRunSummary> page = store.summaries(0, 30);
            int statements = counted.statementsSinceLast();
            List<FleetDryRunSummary> rest = store.summaries(30, 30);

            assertThat(statements).as("statements to read a page of 30 dry runs").isEqualTo(1);
            assertThat(page).hasSize(30);
            assertThat(page.get(0).id()).isEqualTo("run-34");
            assertThat(rest).extracting(FleetDryRunSummary::id).containsExactly("run-04", "run-03", "run-02", "run-01", "run-00");
            for (FleetDryRunSummary listed : page) {
                assertThat(listed).as(listed.id()).isEqualTo(store.fleetRun(listed.id()).orElseThrow().summary());
            }
            assertThat(page.get(0).status()).isEqualTo("unfinished");
            assertThat(page.get(1).status()).isEqualTo("failed");
            assertThat(page.get(1).passed()).as("a run that could not run passed none").isZero();
            assertThat(page.get(2).status()).isEqualTo("done");
            assertThat(List.<Object>of(page.get(2).total(), page.get(2).passed(), page.get(2).failed())).containsExactly(3, 3L, 0L);
            assertThat(page.get(4).status()).as("run-30, a tenant's test failing").isEqualTo("failed");
            assertThat(List.of(page.get(4).passed(), page.get(4).failed())).containsExactly(2L, 1L);
        }
    }

    @Test
    void the_command_line_runs_the_wizard_may_take_are_found_in_one_statement_with_their_tenants_counted() {
        try (ControlPlane made = ControlPlane.open(url(), user(), null)) {
            recordRuns(made);
            made.dryRuns().startedFromCommandLine("two-tenants", "ci", List.of("2", "3"), Map.of(), false, TENANTS.subList(0, 2));
            made.dryRuns().finished("two-tenants", 5, null, Map.of());
        }
        try (CountedPlane counted = new CountedPlane(url(), user())) {
            DryRunStore store = counted.plane().dryRuns();
            counted.statementsSinceLast();

            List<String> candidates = store.newestFromCommandLine(20, List.of("2", "3"), TENANTS.size());
            int statements = counted.statementsSinceLast();

            assertThat(statements).as("statements to find the wizard's candidates among 18 runs").isEqualTo(1);
            assertThat(candidates).as("the finished command-line runs (even ones) on three tenants, newest first; not the"
                    + " one on two").containsExactly("run-32", "run-30", "run-28", "run-26", "run-24", "run-22", "run-20",
                    "run-18", "run-16", "run-14", "run-12", "run-10", "run-08", "run-06", "run-04", "run-02", "run-00");
            assertThat(store.newestFromCommandLine(3, List.of("2", "3"), TENANTS.size())).as("the newest 3 looked at")
                    .containsExactly("run-32", "run-30");
            assertThat(store.newestFromCommandLine(20, List.of("2", "3"), 2)).containsExactly("two-tenants");
            assertThat(store.newestFromCommandLine(20, List.of("2"), TENANTS.size())).isEmpty();
        }
    }

    /**
     * The runs run-00 to run-34, started in that order on three tenants: every third with a tenant's test failing, one
     * that could not run (run-33), the newest still running (run-34), the others passing, one with a warning.
     */
    private static void recordRuns(ControlPlane plane) {
        for (int i = 0; i < RUNS; i++) {
            String id = String.format("run-%02d", i);
            if (i % 2 == 0) {
                plane.dryRuns().startedFromCommandLine(id, "ci", List.of("2", "3"), Map.of("V2__a.sql", "11"), false, TENANTS);
            } else {
                plane.dryRuns().started(id, "ops", List.of("2"), Map.of("V2__a.sql", "11"), i % 5 == 0, TENANTS);
            }
            if (i == RUNS - 1) {
                continue;
            }
            Map<TenantId, FleetDryRunRecord.Outcome> outcomes = new LinkedHashMap<>();
            outcomes.put(TENANTS.get(0), new FleetDryRunRecord.Outcome("success", null, null, 12L, null));
            outcomes.put(TENANTS.get(1), new FleetDryRunRecord.Outcome("warning", null, null, 15L, "[lock-risk] ALTER"));
            outcomes.put(TENANTS.get(2), i % 3 == 0 ? new FleetDryRunRecord.Outcome("error", "no such table", "MIGRATION_FAILED",
                    9L, null) : new FleetDryRunRecord.Outcome("success", null, null, 11L, null));
            plane.dryRuns().finished(id, 40 + i, i == RUNS - 2 ? "the migrations could not be read" : null,
                    i == RUNS - 2 ? Map.of() : outcomes);
        }
    }
}
