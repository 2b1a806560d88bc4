package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.plan.Problem;
import dev.flotilla.run.DryRunReport;
import dev.flotilla.run.RunReport;
import dev.flotilla.run.TenantDryRun;
import dev.flotilla.tenant.TenantId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a dry run on a clone did not test, said as it was run: with no rows, or with a sample of them. */
class DryRunCloneNoteTest {
    @Test
    void a_structure_only_clone_names_sample_rows_as_the_way_to_test_rows() {
        assertThat(DryRunReports.notTestedOnAClone(0)).startsWith("structure only, without any row")
                .contains("NOT NULL, a check or a foreign key over existing rows is not tested", "--sample-rows N copies");
    }

    @Test
    void a_sampled_clone_says_what_it_tested_on_the_sample_and_does_not_offer_the_sample_again() {
        String note = DryRunReports.notTestedOnAClone(100);

        assertThat(note).startsWith("the structure with at most 100 row(s) per table")
                .contains("NOT NULL, a check or a foreign key is tested over the rows copied only")
                .doesNotContain("--sample-rows N copies").doesNotContain("over existing rows is not tested");
    }

    @Test
    void a_tenant_whose_copy_could_not_be_made_is_not_counted_as_run_on_a_clone_and_is_said_untested() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Output output = new Output(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        String copyFailed = "Copying the structure of t_b into a scratch database for the dry run failed: Access denied."
                + " Nothing of the target changed.";

        FleetDryRunReports.finishFleet(output, "dry-run", List.of(onACopy("a", null), onACopy("b",
                new Problem(ErrorCode.CLONE_FAILED, copyFailed, null))), 10, 0);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 of them ran on a clone: structure only",
                "1 tenant(s) not tested: the scratch copy could not be made [b]").doesNotContain("2 of them ran on a clone");
    }

    @Test
    void a_tenant_whose_copy_could_not_be_made_is_grouped_and_listed_as_not_tested_not_as_an_error() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Output output = new Output(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

        FleetDryRunReports.finishFleet(output, "dry-run", List.of(copyNotMade("b"), onACopy("c",
                new Problem(ErrorCode.SQL_ERROR, "V2.sql failed at statement 1: duplicate column serial", "2"))), 10, 0);

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("not tested 1 tenant(s): Copying the structure of", "error 1 tenant(s): V2.sql failed")
                .doesNotContain("error 1 tenant(s): Copying").doesNotContain("tenant(s): not tested:")
                .doesNotContain("tenant(s): error:");
        assertThat(printed.lines().filter(line -> line.startsWith("b ")).findFirst()).as("b's line in the table")
                .hasValueSatisfying(line -> assertThat(line).contains("not tested").doesNotContain("error"));
    }

    @Test
    void the_json_of_a_copy_not_made_keeps_its_status_error_and_says_not_tested() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Output output = new Output(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        output.configure(true, false, false, false);

        FleetDryRunReports.finishFleet(output, "dry-run", List.of(copyNotMade("b"), onACopy("a", null)), 10, 0);

        var data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("data");
        assertThat(data.path("tenants").get(0).path("status").asText()).isEqualTo("error");
        assertThat(data.path("tenants").get(0).path("notTested").asBoolean()).isTrue();
        assertThat(data.path("tenants").get(1).path("notTested").asBoolean()).isFalse();
        var untested = data.path("groups").findParents("notTested").stream().filter(g -> g.path("notTested").asBoolean()).toList();
        assertThat(untested).singleElement().satisfies(g -> {
            assertThat(g.path("status").asText()).isEqualTo("error");
            assertThat(g.path("tenants").toString()).isEqualTo("[\"b\"]");
        });
    }

    private static TenantDryRun copyNotMade(String id) {
        return onACopy(id, new Problem(ErrorCode.CLONE_FAILED, "Copying the structure of t_" + id + " into a scratch database"
                + " for the dry run failed: Access denied. Nothing of the target changed.", null));
    }

    private static TenantDryRun onACopy(String id, Problem problem) {
        RunReport run = new RunReport("dry-run", "t_" + id, "mariadb", List.of(), List.of(),
                problem == null ? List.of() : List.of(problem), 5);
        return new TenantDryRun(TenantId.of(id), "t_" + id, "t_" + id,
                new DryRunReport(run, "clone", null, List.of(), List.of(), List.of(), null, true), null, null);
    }
}
