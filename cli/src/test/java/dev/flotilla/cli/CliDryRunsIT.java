package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.control.FleetDryRunRecord;
import dev.flotilla.tenant.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code flotilla dry-runs} lists the fleet dry runs the control plane keeps, newest first, with who ran them, from where,
 * how they ended and how many tenants passed; {@code dry-runs show ID} gives each tenant's outcome and time; an unknown id is bad
 * usage naming the list. PostgreSQL tenants t00 and t01: one dry run that passes, then one of a V3 that fails on both.
 */
class CliDryRunsIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");
    private String passed;
    private String failed;

    @BeforeEach
    void twoDryRuns() throws Exception {
        fleet.addTenants(2);
        passed = fleet.run("dry-run", "--all", "--json").json().at("/data/dryRunId").asText();
        fleet.migration("V3__broken.sql", "ALTER TABLE no_such_table ADD COLUMN x INT;\n");
        CliRun broken = fleet.run("dry-run", "--all", "--json");
        assertThat(broken.exitCode()).as(broken.err()).isEqualTo(1);
        failed = broken.json().at("/data/dryRunId").asText();
    }

    @Test
    void the_list_gives_the_newest_first_with_who_status_versions_and_tenants() {
        CliRun text = fleet.run("dry-runs");
        JsonNode json = fleet.run("dry-runs", "--json").json();
        CliRun limited = fleet.run("dry-runs", "--limit", "1", "--json");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("Dry run", "Status", "Passed", "Failed", "Total");
        assertThat(text.out().indexOf(failed)).as(text.out()).isPositive().isLessThan(text.out().indexOf(passed));
        assertThat(text.out().lines().filter(l -> l.startsWith(failed)).findFirst().orElseThrow())
                .containsPattern(" cli +failed +3 +0 +2 +2");
        assertThat(text.out().lines().filter(l -> l.startsWith(passed)).findFirst().orElseThrow())
                .containsPattern(" cli +done +2 +2 +0 +2");
        assertThat(json.get("command").asText()).isEqualTo("dry-runs");
        assertThat(json.at("/data/dryRuns")).extracting(r -> r.get("id").asText()).containsExactly(failed, passed);
        JsonNode newest = json.at("/data/dryRuns/0");
        assertThat(newest.get("status").asText()).isEqualTo("failed");
        assertThat(newest.get("startedFrom").asText()).isEqualTo("cli");
        assertThat(newest.get("startedBy").asText()).isNotBlank();
        assertThat(newest.get("versions").toString()).isEqualTo("[\"3\"]");
        assertThat(newest.get("total").asInt()).isEqualTo(2);
        assertThat(newest.get("failed").asInt()).isEqualTo(2);
        assertThat(json.at("/data/dryRuns/1/passed").asInt()).isEqualTo(2);
        assertThat(limited.json().at("/data/dryRuns")).extracting(r -> r.get("id").asText()).containsExactly(failed);
    }

    @Test
    void show_gives_each_tenants_outcome_and_its_error() {
        CliRun text = fleet.run("dry-runs", "show", failed);
        JsonNode json = fleet.run("dry-runs", "show", failed, "--json").json();

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("Dry run " + failed + ": failed, started ").contains("(cli), versions 3");
        assertThat(text.out()).containsPattern("t00 +error +\\S.*no_such_table").containsPattern("t01 +error +\\S.*no_such_table");
        assertThat(json.get("command").asText()).isEqualTo("dry-runs show");
        assertThat(json.at("/data/status").asText()).isEqualTo("failed");
        assertThat(json.at("/data/tenants")).extracting(t -> t.get("id").asText()).containsExactly("t00", "t01");
        assertThat(json.at("/data/tenants/0/status").asText()).isEqualTo("error");
        assertThat(json.at("/data/tenants/0/error").asText()).contains("no_such_table");
        // Each tenant's own time, kept since V28, beside its outcome.
        assertThat(text.out()).containsPattern("t00 +error +\\d+ ms +\\S.*no_such_table");
        assertThat(json.at("/data/tenants/0/timeMs").isIntegralNumber()).as(json.toString()).isTrue();
        assertThat(json.at("/data/tenants/0/warning").isNull()).isTrue();
        assertThat(fleet.run("dry-runs", "show", passed, "--json").json().at("/data/tenants/1/status").asText())
                .isEqualTo("success");
    }

    @Test
    void an_unknown_dry_run_is_bad_usage_naming_the_list() {
        CliRun unknown = fleet.run("dry-runs", "show", "no-such-run", "--json");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.json().at("/errors/0/code").asText()).isEqualTo("BAD_USAGE");
        assertThat(unknown.json().at("/errors/0/message").asText()).contains("No dry run no-such-run", "flotilla dry-runs");
    }

    @Test
    void a_run_recorded_before_tenants_times_were_kept_says_its_times_are_unknown() {
        String before = "before-v28";
        try (FleetContext context = new FleetContext(fleet.config, new Output(quiet(), quiet()), fleet.env)) {
            // As V28 found a run recorded before it: each tenant's outcome, no time (time_ms was added null).
            context.plane().dryRuns().startedFromCommandLine(before, "ci", java.util.List.of("2"), java.util.Map.of(), false,
                    java.util.List.of(TenantId.of("t00"), TenantId.of("t01")));
            context.plane().dryRuns().finished(before, 80, null, java.util.Map.of(TenantId.of("t00"),
                    new FleetDryRunRecord.Outcome("success", null), TenantId.of("t01"), new FleetDryRunRecord.Outcome("warning", null)));
        }

        CliRun text = fleet.run("dry-runs", "show", before);
        JsonNode json = fleet.run("dry-runs", "show", before, "--json").json();
        CliRun timed = fleet.run("dry-runs", "show", passed);

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("(?m)^t00 +success +-\\s*$").containsPattern("(?m)^t01 +warning +-\\s*$")
                .contains("Each tenant's time is unknown: this dry run was recorded before the control plane kept them (V28).");
        assertThat(json.at("/data/tenants/0/timeMs").isNull()).as(json.toString()).isTrue();
        assertThat(timed.out()).containsPattern("t00 +success +\\d+ ms").doesNotContain("time is unknown");
    }

    private static java.io.PrintStream quiet() {
        return new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8);
    }
}
