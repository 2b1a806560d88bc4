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
 * ({@link DryRunStore#newestFromCommandLine(int, List, int)}), and the runs beyond those kept go in as many statements
 * however many they are.
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

    @Test
    void the_runs_beyond_those_kept_are_removed_with_their_tenants_in_as_many_statements_however_many_they_are() {
        int over = 4;
        try (ControlPlane made = ControlPlane.open(url(), user(), null)) {
            made.with("recording old dry runs", c -> {
                insertRuns(c, DryRunStore.FLEET_RUNS_KEPT + over - 1);
                return null;
            });
        }
        try (CountedPlane counted = new CountedPlane(url(), user())) {
            DryRunStore store = counted.plane().dryRuns();
            counted.statementsSinceLast();

            store.started("newest", "ops", List.of("2"), Map.of(), TENANTS);
            int statements = counted.statementsSinceLast();

            assertThat(statements).as("the run, its tenants as one batch, the count, then the tenants and the runs removed")
                    .isEqualTo(5);
            assertThat(store.count()).isEqualTo(DryRunStore.FLEET_RUNS_KEPT);
            assertThat(store.newest(DryRunStore.FLEET_RUNS_KEPT - 2, 5)).as("the oldest kept, none removed beyond them")
                    .containsExactly(String.format("old-%04d", over + 1), String.format("old-%04d", over));
            for (int i = 0; i < over; i++) {
                assertThat(store.fleetRun(String.format("old-%04d", i))).isEmpty();
            }
            List<String> tested = counted.plane().with("counting", c -> dev.flotilla.sql.Jdbc.queryStrings(c,
                    "SELECT DISTINCT dry_run_id FROM fleet_dry_run_tenants"));
            assertThat(tested).as("their tenants went with them").hasSize(DryRunStore.FLEET_RUNS_KEPT)
                    .doesNotContain("old-0000", String.format("old-%04d", over - 1)).contains("newest");
        }
    }

    /** {@code runs} finished runs old-0000, old-0001, ... started a minute apart in 2020, each on the three tenants. */
    private static void insertRuns(java.sql.Connection c, int runs) throws java.sql.SQLException {
        java.time.Instant start = java.time.Instant.parse("2020-01-01T00:00:00Z");
        try (java.sql.PreparedStatement run = c.prepareStatement("INSERT INTO fleet_dry_runs (id, started_by, started_at,"
                + " versions, files, finished_at) VALUES (?, 'ops', ?, '2', '', ?)");
             java.sql.PreparedStatement tenant = c.prepareStatement("INSERT INTO fleet_dry_run_tenants (dry_run_id, tenant_id,"
                     + " status) VALUES (?, ?, 'success')")) {
            for (int i = 0; i < runs; i++) {
                String id = String.format("old-%04d", i);
                run.setString(1, id);
                run.setObject(2, PlaneTime.of(start.plusSeconds(60L * i)));
                run.setObject(3, PlaneTime.of(start.plusSeconds(60L * i + 5)));
                run.addBatch();
                for (TenantId t : TENANTS) {
                    tenant.setString(1, id);
                    tenant.setString(2, t.value());
                    tenant.addBatch();
                }
            }
            run.executeBatch();
            tenant.executeBatch();
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
