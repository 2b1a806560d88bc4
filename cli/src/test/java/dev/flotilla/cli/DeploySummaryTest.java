package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.run.DeployResult;
import dev.flotilla.run.TaskResult;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.verify.CheckResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploySummaryTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Output output = new Output(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    private static TaskResult failed(String id, ErrorCode code) {
        return new TaskResult(TenantId.of(id), "db (schema " + id + ")", TaskStatus.FAILED, List.of(), 12, 3, code, "V3__more.sql failed", "3");
    }

    /** What a deploy's task says when fk-rules, schema-wide by nature, failed on its shared schema after the migrations. */
    static final String SCHEMA_WIDE_FAILURE = "Verification failed after the migrations were applied: fk-rules failed: 1 problem(s):"
            + " serials.company_id -> companies.id: ON DELETE NO ACTION, expected CASCADE " + CheckResult.SCHEMA_WIDE
            + ". The migrations stay applied; fix the data or schema and run `flotilla verify`.";

    /** A tenant of {@code target} (a shared schema's) failed by the schema-wide fk-rules, in the same words as any. */
    static TaskResult failedSchemaWide(String id, String target) {
        return new TaskResult(TenantId.of(id), target, TaskStatus.FAILED, List.of("2"), 12, 1, ErrorCode.CHECK_FAILED,
                SCHEMA_WIDE_FAILURE, null);
    }

    private String summary(TaskResult... tasks) {
        DeploySummary.print(output, new DeployResult("d1", List.of(tasks), 100, null));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void two_shared_schemas_failing_the_same_schema_wide_check_are_each_said_once_naming_their_schema() {
        String text = summary(failedSchemaWide("acme", "db (schema east)"), failedSchemaWide("globex", "db (schema east)"),
                failedSchemaWide("initech", "db (schema west)"), failedSchemaWide("umbrella", "db (schema west)"));

        String failures = text.substring(text.indexOf("Failed tenants:"));
        assertThat(failures.split("expected CASCADE", -1)).as("once per schema: " + failures).hasSize(3);
        assertThat(failures).contains(
                "acme: Verification failed after the migrations were applied: fk-rules failed: 1 problem(s): serials.company_id"
                        + " -> companies.id: ON DELETE NO ACTION, expected CASCADE (schema-wide: checked once for the tenants"
                        + " of db (schema east)). The migrations stay applied",
                "globex: Verification failed after the migrations were applied: fk-rules failed: the same schema-wide result"
                        + " as above, for the tenants of db (schema east). The migrations stay applied",
                "initech: Verification failed after the migrations were applied: fk-rules failed: 1 problem(s):"
                        + " serials.company_id -> companies.id: ON DELETE NO ACTION, expected CASCADE (schema-wide: checked once"
                        + " for the tenants of db (schema west)). The migrations stay applied",
                "umbrella: Verification failed after the migrations were applied: fk-rules failed: the same schema-wide"
                        + " result as above, for the tenants of db (schema west). The migrations stay applied");
    }

    @Test
    void the_errors_on_stderr_say_a_schema_wide_finding_once_per_schema_and_the_json_in_full_for_every_tenant() {
        DeployResult result = new DeployResult("d1", List.of(failedSchemaWide("acme", "db (schema east)"),
                failedSchemaWide("globex", "db (schema east)"), failedSchemaWide("initech", "db (schema west)")), 100, null);

        var forPeople = DeployData.errors(result, "Deployment", false);
        var json = DeployData.errors(result, "Deployment", true);

        assertThat(forPeople).extracting(e -> (String) e.get("message")).satisfiesExactly(
                acme -> assertThat(acme).contains("expected CASCADE (schema-wide: checked once for the tenants of db (schema east))"),
                globex -> assertThat(globex).contains("fk-rules failed: the same schema-wide result as above, for the tenants"
                        + " of db (schema east)").doesNotContain("expected CASCADE"),
                initech -> assertThat(initech).contains("expected CASCADE (schema-wide: checked once for the tenants of db"
                        + " (schema west))"));
        assertThat(json).extracting(e -> (String) e.get("message")).allSatisfy(m -> assertThat(m).contains("expected CASCADE"));
    }

    @Test
    void a_tenants_own_findings_are_said_in_full_beside_the_schema_wide_one_said_above() {
        String own = SCHEMA_WIDE_FAILURE.replace("applied: fk-rules", "applied: fk-orphans failed: 1 problem(s):"
                + " serials.company_id -> companies.id: 1 orphan row(s) of globex | fk-rules");
        String text = summary(failedSchemaWide("acme", "db (schema east)"), new TaskResult(TenantId.of("globex"),
                "db (schema east)", TaskStatus.FAILED, List.of("2"), 12, 1, ErrorCode.CHECK_FAILED, own, null));

        assertThat(text).contains("globex: Verification failed after the migrations were applied: fk-orphans failed: 1"
                + " problem(s): serials.company_id -> companies.id: 1 orphan row(s) of globex | fk-rules failed: the same"
                + " schema-wide result as above, for the tenants of db (schema east). The migrations stay applied");
    }

    @Test
    void tenants_that_only_met_locks_are_not_told_to_fix_anything() {
        String text = summary(failed("t05", ErrorCode.LOCK_TIMEOUT), failed("t06", ErrorCode.DEADLOCK));

        assertThat(text).contains("They met locks held by other sessions, nothing to fix: when those are free, run"
                + " `flotilla deploy --retry-failed d1`").doesNotContain("Fix them");
    }

    @Test
    void tenants_whose_statements_ran_out_of_time_are_told_to_give_them_more_not_to_fix_them() {
        String text = summary(failed("t05", ErrorCode.STATEMENT_TIMEOUT), failed("t06", ErrorCode.LOCK_TIMEOUT));

        assertThat(text).contains("Their statements were stopped, not wrong, nothing to fix: with more time (add"
                + " --statement-timeout 1h) or when their tables are quiet, run `flotilla deploy --retry-failed d1`")
                .doesNotContain("Fix them");
    }

    @Test
    void a_script_error_among_the_failures_still_asks_for_a_fix() {
        String text = summary(failed("t05", ErrorCode.LOCK_TIMEOUT), failed("t07", ErrorCode.SQL_ERROR));

        assertThat(text).contains("Fix them, then `flotilla deploy --retry-failed d1`");
    }

    @Test
    void a_tenant_left_recorded_as_failed_is_told_to_be_repaired_before_the_retry_which_would_fail_it_again() {
        TaskResult halfApplied = new TaskResult(TenantId.of("t05"), "db t05", TaskStatus.FAILED, List.of(), 12, 1,
                ErrorCode.SQL_ERROR, "V3__more.sql failed at statement 2 of 2: Duplicate entry. Nothing more runs on this target"
                + " until you undo the applied part by hand and run `flotilla repair --tenants t05 --rerun-from-start`", "3", null,
                List.of("flotilla repair --tenants t05 --rerun-from-start", "flotilla repair --tenants t05 --mark-applied 3"));

        String text = summary(halfApplied, failed("t07", ErrorCode.SQL_ERROR));

        assertThat(text).contains("Fix them, repair t05 as its error says (`flotilla repair --tenants t05 ...`), then"
                + " `flotilla deploy --retry-failed d1`").doesNotContain("Fix them, then");
    }

    @Test
    void a_tenant_failed_by_a_check_names_the_check_and_the_migration_it_looked_after_in_text_and_json() {
        TaskResult lost = new TaskResult(TenantId.of("acme"), "db (schema acme)", TaskStatus.FAILED, List.of("2", "3"), 12, 1,
                ErrorCode.CHECK_FAILED, "Verification failed after the migrations were applied: row-counts failed", "3",
                "row-counts");

        String text = summary(lost);
        var errors = DeployData.errors(new DeployResult("d1", List.of(lost), 100, null), "Deployment");

        assertThat(text).contains("  acme: check row-counts, migration 3: Verification failed after the migrations");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("code", "CHECK_FAILED").containsEntry("tenant", "acme");
            assertThat(e).containsEntry("migration", "3").containsEntry("check", "row-counts");
        });
    }
}
