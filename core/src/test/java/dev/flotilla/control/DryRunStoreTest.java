package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.tenant.TenantId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fleet dry run by its id, as a deploy naming it reads it back: after the process that ran it is gone too. */
class DryRunStoreTest {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");

    @TempDir
    Path home;

    private ControlPlane open() {
        return ControlPlane.open(ControlPlane.embeddedUrl(home), "sa", null);
    }

    @Test
    void a_fleet_dry_run_is_read_back_by_its_id_with_each_tenants_outcome_after_a_reopen() {
        try (ControlPlane plane = open()) {
            plane.dryRuns().started("run-1", "ops", List.of("2", "3"), Map.of("V2__a.sql", "11", "V3__b.sql", "22+33"),
                    List.of(GLOBEX, ACME));
            FleetDryRunRecord running = plane.dryRuns().fleetRun("run-1").orElseThrow();
            assertThat(running.done()).isFalse();
            assertThat(running.failedTenants()).isEmpty();
            plane.dryRuns().finished("run-1", 42, null, Map.of(ACME, new FleetDryRunRecord.Outcome("success", null),
                    GLOBEX, new FleetDryRunRecord.Outcome("error", "table serial_quarantine already exists")));
        }

        try (ControlPlane plane = open()) {
            FleetDryRunRecord run = plane.dryRuns().fleetRun("run-1").orElseThrow();
            assertThat(run.done()).isTrue();
            assertThat(run.user()).isEqualTo("ops");
            assertThat(run.millis()).isEqualTo(42L);
            assertThat(run.versions()).containsExactly("2", "3");
            assertThat(run.files()).containsExactlyInAnyOrderEntriesOf(Map.of("V2__a.sql", "11", "V3__b.sql", "22+33"));
            assertThat(run.tested(ACME)).isTrue();
            assertThat(run.tested(TenantId.of("initech"))).isFalse();
            assertThat(run.failedTenants()).containsExactly(Map.entry(GLOBEX, "table serial_quarantine already exists"));
            assertThat(plane.dryRuns().fleetRun("run-2")).isEmpty();
        }
    }

    @Test
    void each_tenants_time_and_why_it_is_a_warning_are_kept_masked_and_read_back_by_the_run_and_the_tenant() {
        try (ControlPlane plane = open()) {
            plane.dryRuns().started("timed", "ops", List.of("2"), Map.of(), List.of(ACME, GLOBEX));
            plane.dryRuns().finished("timed", 90, null, Map.of(
                    ACME, new FleetDryRunRecord.Outcome("warning", null, null, 37L, "No history table yet (password=hunter2)"),
                    GLOBEX, new FleetDryRunRecord.Outcome("error", "could not connect", "CONNECT_FAILED", null, null)));
            plane.dryRuns().record(ACME, List.of("2"), "c2", "warning", null, null, null, "[lock-risk] ALTER locks (password=hunter2)");
        }

        try (ControlPlane plane = open()) {
            FleetDryRunRecord run = plane.dryRuns().fleetRun("timed").orElseThrow();
            assertThat(run.tenants().get(ACME).millis()).isEqualTo(37L);
            assertThat(run.tenants().get(ACME).warning()).isEqualTo("No history table yet (password=****)");
            assertThat(run.tenants().get(GLOBEX).millis()).isNull();
            assertThat(run.tenants().get(GLOBEX).warning()).isNull();
            assertThat(plane.dryRuns().latestTest(ACME).orElseThrow().warning()).isEqualTo("No history table yet (password=****)");
            assertThat(plane.dryRuns().latest(ACME).orElseThrow().warning()).isEqualTo("[lock-risk] ALTER locks (password=****)");
        }
    }

    @Test
    void a_tenant_whose_newest_fleet_dry_run_was_interrupted_reads_that_run_interrupted_with_its_error_not_an_older_pass()
            throws Exception {
        try (dev.flotilla.testing.OtherProcesses processes = new dev.flotilla.testing.OtherProcesses(); ControlPlane plane = open()) {
            plane.dryRuns().started("run-1", "ops", List.of("2"), Map.of(), List.of(ACME));
            plane.dryRuns().finished("run-1", 10, null, Map.of(ACME, new FleetDryRunRecord.Outcome("success", null)));
            plane.dryRuns().started("run-2", "ops", List.of("3"), Map.of(), List.of(ACME));
            // Its console was killed (kill -9) before it recorded any tenant's outcome; the next to start ends it.
            String killed = Runner.current().replaceFirst(":\\d+ pidns ", ":" + processes.ended() + " pidns ");
            plane.write("test", c -> dev.flotilla.sql.Jdbc.update(c, "UPDATE fleet_dry_runs SET runner = ? WHERE id = 'run-2'",
                    killed));
            assertThat(plane.dryRuns().endInterrupted()).extracting(DryRunStore.Interrupted::id).containsExactly("run-2");

            DryRunStore.LastTest test = plane.dryRuns().latestTest(ACME).orElseThrow();

            assertThat(test.dryRun()).isEqualTo("run-2");
            assertThat(test.versions()).isEqualTo("3");
            assertThat(test.finished()).isNotNull();
            assertThat(test.status()).isEqualTo("interrupted");
            assertThat(test.error()).isEqualTo(plane.dryRuns().fleetRun("run-2").orElseThrow().error())
                    .startsWith("Interrupted: its process ").endsWith("dry-run again.");
            assertThat(plane.dryRuns().latestTest(GLOBEX)).as("not in it").isEmpty();
        }
    }

    @Test
    void a_fleet_dry_runs_out_of_order_choice_is_read_back_and_one_recorded_before_it_was_kept_has_none() {
        try (ControlPlane plane = open()) {
            plane.dryRuns().started("out-of-order", "ops", List.of("2"), Map.of(), true, List.of(ACME));
            plane.dryRuns().started("in-order", "ops", List.of("2"), Map.of(), false, List.of(ACME));
            plane.dryRuns().started("older", "ops", List.of("2"), Map.of(), List.of(ACME));
            plane.with("as a dry run recorded before V18", c -> dev.flotilla.sql.Jdbc.update(c,
                    "UPDATE fleet_dry_runs SET out_of_order = NULL WHERE id = 'older'"));
        }

        try (ControlPlane plane = open()) {
            assertThat(plane.dryRuns().fleetRun("out-of-order").orElseThrow().outOfOrder()).isTrue();
            assertThat(plane.dryRuns().fleetRun("in-order").orElseThrow().outOfOrder()).isFalse();
            assertThat(plane.dryRuns().fleetRun("older").orElseThrow().outOfOrder()).isNull();
        }
    }

    @Test
    void a_fleet_dry_run_of_the_command_line_is_read_back_as_such_and_listed_once_finished_newest_first() {
        try (ControlPlane plane = open()) {
            plane.dryRuns().startedFromCommandLine("cli-1", "ci", List.of("2"), Map.of(), false, List.of(ACME));
            plane.dryRuns().finished("cli-1", 5, null, Map.of(ACME, new FleetDryRunRecord.Outcome("success", null)));
            plane.dryRuns().started("console-1", "ops", List.of("2"), Map.of(), List.of(ACME));
            plane.dryRuns().finished("console-1", 5, null, Map.of(ACME, new FleetDryRunRecord.Outcome("success", null)));
            plane.dryRuns().startedFromCommandLine("cli-2", "ci", List.of("2"), Map.of(), false, List.of(ACME));
            plane.dryRuns().finished("cli-2", 5, null, Map.of(ACME, new FleetDryRunRecord.Outcome("success", null)));
            plane.dryRuns().startedFromCommandLine("cli-running", "ci", List.of("2"), Map.of(), false, List.of(ACME));
        }

        try (ControlPlane plane = open()) {
            assertThat(plane.dryRuns().fleetRun("cli-1").orElseThrow().fromCommandLine()).isTrue();
            assertThat(plane.dryRuns().fleetRun("console-1").orElseThrow().fromCommandLine()).isFalse();
            assertThat(plane.dryRuns().newestFromCommandLine(10)).containsExactly("cli-2", "cli-1");
            assertThat(plane.dryRuns().newestFromCommandLine(1)).containsExactly("cli-2");
            assertThat(plane.dryRuns().newestFromCommandLine(10, List.of("2"), 1)).containsExactly("cli-2", "cli-1");
            assertThat(plane.dryRuns().newestFromCommandLine(1, List.of("2"), 1)).containsExactly("cli-2");
        }
    }

    @Test
    void of_the_newest_command_line_dry_runs_only_those_that_ran_these_versions_on_as_many_tenants_are_worth_reading() {
        try (ControlPlane plane = open()) {
            commandLineRun(plane, "cli-1", List.of("2"), List.of(ACME, GLOBEX), null);
            commandLineRun(plane, "cli-2", List.of("2", "3"), List.of(ACME, GLOBEX), null);
            commandLineRun(plane, "cli-3", List.of("2"), List.of(ACME), null);
            commandLineRun(plane, "cli-4", List.of("2"), List.of(ACME, GLOBEX), "the migrations could not be read");
            plane.dryRuns().startedFromCommandLine("cli-5", "ci", List.of("2"), Map.of(), false, List.of(ACME, GLOBEX));

            assertThat(plane.dryRuns().newestFromCommandLine(10, List.of("2"), 2)).containsExactly("cli-1");
            assertThat(plane.dryRuns().newestFromCommandLine(10, List.of("2", "3"), 2)).containsExactly("cli-2");
            assertThat(plane.dryRuns().newestFromCommandLine(10, List.of("2"), 1)).containsExactly("cli-3");
            assertThat(plane.dryRuns().newestFromCommandLine(3, List.of("2"), 2)).as("cli-1 is older than the newest 3").isEmpty();
        }
    }

    private static void commandLineRun(ControlPlane plane, String id, List<String> versions, List<TenantId> tenants, String error) {
        plane.dryRuns().startedFromCommandLine(id, "ci", versions, Map.of(), false, tenants);
        plane.dryRuns().finished(id, 5, error, error != null ? Map.of() : tenants.stream().collect(java.util.stream.Collectors
                .toMap(t -> t, t -> new FleetDryRunRecord.Outcome("success", null))));
    }

    @Test
    void a_fleet_dry_run_that_could_not_run_failed_every_tenant_it_was_to_test() {
        try (ControlPlane plane = open()) {
            plane.dryRuns().started("run-1", "ops", List.of("2"), Map.of(), List.of(ACME, GLOBEX));
            plane.dryRuns().finished("run-1", 5, "the migrations could not be read", Map.of());

            assertThat(plane.dryRuns().fleetRun("run-1").orElseThrow().failedTenants())
                    .containsExactly(Map.entry(ACME, "the test could not run: the migrations could not be read"),
                            Map.entry(GLOBEX, "the test could not run: the migrations could not be read"));
        }
    }

    @Test
    void only_the_newest_fleet_dry_runs_are_kept_the_oldest_is_removed_with_its_tenants_as_a_new_one_starts() {
        try (ControlPlane plane = open()) {
            for (int run = 0; run <= DryRunStore.FLEET_RUNS_KEPT; run++) {
                plane.dryRuns().started("run-" + run, "ops", List.of("2"), Map.of(), List.of(ACME));
            }

            assertThat(plane.dryRuns().fleetRun("run-0")).as("the oldest").isEmpty();
            assertThat(plane.dryRuns().fleetRun("run-1")).isPresent();
            assertThat(plane.dryRuns().fleetRun("run-" + DryRunStore.FLEET_RUNS_KEPT)).isPresent();
            List<String> tested = plane.with("counting", c -> dev.flotilla.sql.Jdbc.queryStrings(c,
                    "SELECT dry_run_id FROM fleet_dry_run_tenants"));
            assertThat(tested).as("its tenants went with it")
                    .hasSize(DryRunStore.FLEET_RUNS_KEPT).doesNotContain("run-0");
        }
    }
}
