package dev.flotilla.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.migration.DownScript;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.Migration;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.target.AppliedMigration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetPlanTest {
    private final List<AppliedMigration> history = new ArrayList<>();

    private static Migration file(String version, String checksum) {
        return new Migration(MigrationVersion.parse(version), "m" + version, "V" + version + "__m.sql",
                MigrationKind.VERSIONED, checksum, "SELECT 1", (DownScript) null);
    }

    private static Migration repeatable(String description, String checksum) {
        return new Migration(null, description, "R__" + description + ".sql", MigrationKind.REPEATABLE, checksum, "SELECT 1", null);
    }

    private void row(String version, MigrationKind kind, String checksum, boolean success, Integer failedAt) {
        history.add(new AppliedMigration(history.size() + 1, version, version == null ? "views" : "m" + version, kind,
                "V" + version + "__m.sql", checksum, "test", Instant.now(), 1, success, failedAt, success ? null : "boom"));
    }

    private TargetPlan plan(Migration... files) {
        return TargetPlan.of(new LoadedMigrations(List.of(files), List.of()), history, "tenant_a");
    }

    @Test
    void joins_files_with_history_into_states() {
        row("1", MigrationKind.VERSIONED, "c1", true, null);
        row("2", MigrationKind.VERSIONED, "old", true, null);

        TargetPlan plan = plan(file("1", "c1"), file("2", "c2"), file("3", "c3"));

        assertThat(plan.statuses()).extracting(MigrationStatus::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.DRIFTED, MigrationState.PENDING);
        assertThat(plan.pending(ValidationPolicy.STRICT)).extracting(Migration::script).containsExactly("V3__m.sql");
        assertThat(plan.problems(ValidationPolicy.STRICT)).extracting(Problem::code).containsExactly(ErrorCode.CHECKSUM_MISMATCH);
    }

    @Test
    void a_version_above_a_deploys_ceiling_that_the_target_applied_already_is_applied_not_a_missing_file() {
        row("1", MigrationKind.VERSIONED, "c1", true, null);
        row("2", MigrationKind.VERSIONED, "c2", true, null);
        LoadedMigrations files = new LoadedMigrations(List.of(file("1", "c1"), file("2", "c2"), file("3", "c3")), List.of());

        TargetPlan plan = TargetPlan.of(files.upTo(MigrationVersion.parse("1")), history, "tenant_a");
        TargetPlan unsorted = TargetPlan.of(files.upTo(MigrationVersion.parse("1")).keeping(List.of(file("1", "c1"),
                file("1", "c1"))), history, "tenant_a");

        assertThat(plan.statuses()).extracting(MigrationStatus::state).containsExactly(MigrationState.APPLIED,
                MigrationState.APPLIED);
        assertThat(plan.statuses().get(1).file().script()).isEqualTo("V2__m.sql");
        assertThat(plan.pending(ValidationPolicy.STRICT)).isEmpty();
        assertThat(plan.problems(ValidationPolicy.STRICT)).isEmpty();
        assertThat(unsorted.statuses()).extracting(MigrationStatus::state).containsExactly(MigrationState.APPLIED,
                MigrationState.APPLIED);
    }

    @Test
    void a_golang_migrate_file_recorded_under_the_version_of_several_parts_it_was_once_read_as_says_how_to_keep_it() {
        history.add(new AppliedMigration(1, "10.100", "users", MigrationKind.VERSIONED, "000010_100_users.up.sql", "c10",
                "test", Instant.now(), 1, true, null, null));
        Migration now = new Migration(MigrationVersion.parse("10"), "100 users", "000010_100_users.up.sql",
                MigrationKind.VERSIONED, "c10", "SELECT 1", null);

        List<Problem> problems = plan(now).problems(ValidationPolicy.STRICT);

        assertThat(problems).extracting(Problem::code).contains(ErrorCode.MISSING_MIGRATION_FILE);
        assertThat(problems).filteredOn(p -> p.code() == ErrorCode.MISSING_MIGRATION_FILE).singleElement()
                .extracting(Problem::message).asString().contains("000010_100_users.up.sql now reads as version 10",
                        "rename it V10.100__users.sql (its down file U10.100__users.sql)");
    }

    @Test
    void a_rollback_recorded_half_done_says_which_down_statements_ran_and_how_to_record_the_rest_even_with_older_advice() {
        String older = "U2__m.sql failed at statement 3 of 4 (line 3) on tenant_a: no such table. Statements 1-2 were applied"
                + " (this database commits each statement) and the target is recorded as failed at statement 3. Nothing more"
                + " runs on this target until you undo the applied part and run `flotilla repair`, or finish it by hand and"
                + " run `flotilla repair --mark-applied 2`.";
        row("1", MigrationKind.VERSIONED, "c1", true, null);
        row("2", MigrationKind.VERSIONED, "c2", true, null);
        history.add(new AppliedMigration(3, "2", "m2", MigrationKind.UNDO, "U2__m.sql", "d2", "test", Instant.now(), 1,
                false, 3, older));
        history.add(new AppliedMigration(4, "1", "m1", MigrationKind.UNDO, "U1__m.sql", "d1", "test", Instant.now(), 1,
                false, 2, AppliedMigration.INTERRUPTED));

        List<Problem> problems = plan(file("1", "c1"), file("2", "c2")).problems(ValidationPolicy.STRICT);

        assertThat(problems).extracting(Problem::message).containsExactly(
                "Rolling back version 1 (m1) was interrupted on tenant_a during statement 2 of U1__m.sql. The run stopped"
                        + " during statement 2 of U1__m.sql (killed or crashed, no error from the database), so statement 2"
                        + " may or may not have taken effect: check it. Statement 1 of U1__m.sql ran and stays done (each"
                        + " committed by itself). Version 1 is neither applied nor undone, and rolling back again"
                        + " would run U1__m.sql from statement 1, which fails on what is already undone. Nothing more runs on"
                        + " this target until you either undo the rest (from statement 2, or 3 if statement 2 took effect, to"
                        + " the end of U1__m.sql) by hand and run `flotilla repair --mark-undone 1`, which records version 1 as"
                        + " undone; or edit the down file to hold only those statements, run `flotilla repair` and roll back"
                        + " again (then restore the file); or redo by hand what the down file undid and run `flotilla repair`,"
                        + " which records version 1 as applied again.",
                "Rolling back version 2 (m2) failed on tenant_a at statement 3 of U2__m.sql. Error: " + older + " Statements"
                        + " 1-2 of U2__m.sql ran and stay done (each committed by itself). Version 2 is neither"
                        + " applied nor undone, and rolling back again would run U2__m.sql from statement 1, which fails on"
                        + " what is already undone. Nothing more runs on this target until you either undo the rest"
                        + " (statements 3 to the end of U2__m.sql, fixed where it failed) by hand and run `flotilla repair"
                        + " --mark-undone 2`, which records version 2 as undone; or edit the down file to hold only those"
                        + " statements, run `flotilla repair` and roll back again (then restore the file); or redo by hand"
                        + " what statements 1-2 undid and run `flotilla repair`, which records version 2 as applied again.");
    }

    @Test
    void a_rolled_back_version_is_pending_again() {
        row("1", MigrationKind.VERSIONED, "c1", true, null);
        row("1", MigrationKind.UNDO, "d1", true, null);

        assertThat(plan(file("1", "c1")).statuses()).extracting(MigrationStatus::state).containsExactly(MigrationState.PENDING);
    }

    @Test
    void a_failed_record_blocks_even_a_permissive_policy_and_names_the_statement() {
        row("1", MigrationKind.VERSIONED, "c1", false, 3);

        List<Problem> problems = plan(file("1", "c1")).problems(new ValidationPolicy(true, true, true));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.FAILED_MIGRATION);
            assertThat(p.message()).contains("statement 3", "statements 1-2 were applied", "tenant_a", "repair");
        });
    }

    @Test
    void a_record_failed_at_statement_2_says_statement_1_was_applied_not_statements_1_1() {
        row("1", MigrationKind.VERSIONED, "c1", false, 2);

        List<Problem> problems = plan(file("1", "c1")).problems(ValidationPolicy.STRICT);

        assertThat(problems).singleElement().extracting(Problem::message).asString()
                .contains("at statement 2; statement 1 was applied and is still in effect").doesNotContain("1-1");
    }

    @Test
    void an_applied_version_without_a_file_is_missing() {
        row("1", MigrationKind.VERSIONED, "c1", true, null);
        row("2", MigrationKind.VERSIONED, "c2", true, null);

        TargetPlan plan = plan(file("1", "c1"));

        assertThat(plan.statuses()).extracting(MigrationStatus::state).containsExactly(MigrationState.APPLIED, MigrationState.MISSING);
        assertThat(plan.problems(ValidationPolicy.STRICT)).extracting(Problem::code).containsExactly(ErrorCode.MISSING_MIGRATION_FILE);
        assertThat(plan.problems(new ValidationPolicy(false, true, false))).isEmpty();
    }

    @Test
    void a_new_version_below_the_latest_applied_is_out_of_order() {
        row("2", MigrationKind.VERSIONED, "c2", true, null);

        TargetPlan plan = plan(file("1", "c1"), file("2", "c2"));

        assertThat(plan.statuses().get(0).state()).isEqualTo(MigrationState.OUT_OF_ORDER);
        assertThat(plan.pending(ValidationPolicy.STRICT)).isEmpty();
        assertThat(plan.pending(new ValidationPolicy(false, false, true))).hasSize(1);
        assertThat(plan.problems(ValidationPolicy.STRICT)).extracting(Problem::code).containsExactly(ErrorCode.OUT_OF_ORDER);
    }

    @Test
    void a_version_below_the_latest_is_in_order_once_the_versions_above_it_are_rolled_back() {
        row("1", MigrationKind.VERSIONED, "c1", true, null);
        row("3", MigrationKind.VERSIONED, "c3", true, null);
        row("4", MigrationKind.VERSIONED, "c4", true, null);
        row("4", MigrationKind.UNDO, "d4", true, null);
        List<Migration> files = List.of(file("1", "c1"), file("2", "c2"), file("3", "c3"), file("4", "c4"));

        assertThat(plan(files.toArray(Migration[]::new)).statuses()).as("4 undone, 3 the highest in effect, above 2")
                .extracting(MigrationStatus::state).containsExactly(MigrationState.APPLIED, MigrationState.OUT_OF_ORDER,
                        MigrationState.APPLIED, MigrationState.PENDING);
        row("3", MigrationKind.UNDO, "d3", true, null);
        assertThat(plan(files.toArray(Migration[]::new)).statuses()).as("3 undone too, 1 the highest in effect")
                .extracting(MigrationStatus::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.PENDING, MigrationState.PENDING, MigrationState.PENDING);
    }

    @Test
    void a_first_deploy_has_every_file_pending_repeatables_after_the_versions() {
        TargetPlan plan = plan(file("1", "c1"), file("2", "c2"), repeatable("views", "r1"));

        assertThat(plan.statuses()).extracting(MigrationStatus::state).containsOnly(MigrationState.PENDING);
        assertThat(plan.pending(ValidationPolicy.STRICT)).extracting(Migration::script)
                .containsExactly("V1__m.sql", "V2__m.sql", "R__views.sql");
        assertThat(plan.problems(ValidationPolicy.STRICT)).isEmpty();
    }

    @Test
    void baselined_versions_count_as_applied_and_are_not_checksum_checked() {
        row("1", MigrationKind.BASELINE, "whatever", true, null);

        TargetPlan plan = plan(file("1", "c1"), file("2", "c2"));

        assertThat(plan.statuses()).extracting(MigrationStatus::state).containsExactly(MigrationState.BASELINED, MigrationState.PENDING);
        assertThat(plan.problems(ValidationPolicy.STRICT)).isEmpty();
    }

    @Test
    void a_tenant_s_plan_names_the_versions_baselined_there_which_never_ran_there() {
        row("1", MigrationKind.BASELINE, "whatever", true, null);
        row("2", MigrationKind.VERSIONED, "c2", true, null);

        TenantPlan tenant = TenantPlan.of(dev.flotilla.tenant.TenantId.of("acme"), plan(file("1", "c1"), file("2", "c2")),
                "tenant_a", ValidationPolicy.STRICT);

        assertThat(tenant.currentVersion()).isEqualTo("2");
        assertThat(tenant.baselined()).containsExactly("1");
    }

    @Test
    void a_repeatable_failed_or_interrupted_part_way_is_told_to_run_again_not_to_be_marked_applied() {
        history.add(new AppliedMigration(1, null, "views", MigrationKind.REPEATABLE, "R__views.sql", "r1", "t", Instant.now(),
                1, false, 2, AppliedMigration.INTERRUPTED));
        history.add(new AppliedMigration(2, null, "grants", MigrationKind.REPEATABLE, "R__grants.sql", "g1", "t", Instant.now(),
                1, false, 3, "boom"));

        List<Problem> problems = plan(repeatable("views", "r1"), repeatable("grants", "g1")).problems(ValidationPolicy.STRICT);

        assertThat(problems).extracting(Problem::message).hasSize(2).allSatisfy(m -> assertThat(m)
                .contains("`flotilla repair --rerun-from-start`", "a repeatable has no version to mark applied: it runs again"
                        + " whole.").doesNotContain("--mark-applied"));
    }

    @Test
    void a_repeatable_runs_again_only_when_its_checksum_changed() {
        history.add(new AppliedMigration(1, null, "views", MigrationKind.REPEATABLE, "R__views.sql", "r1", "t", Instant.now(),
                1, true, null, null));

        assertThat(plan(repeatable("views", "r1")).pending(ValidationPolicy.STRICT)).isEmpty();
        assertThat(plan(repeatable("views", "r2")).statuses().get(0).state()).isEqualTo(MigrationState.OUTDATED);
        assertThat(plan(repeatable("views", "r2")).pending(ValidationPolicy.STRICT)).hasSize(1);
    }

    @Test
    void a_repeatable_applied_over_an_undone_version_is_pending_with_or_without_the_rollbacks_mark() {
        row("1", MigrationKind.VERSIONED, "c1", true, null);
        history.add(new AppliedMigration(2, null, "views", MigrationKind.REPEATABLE, "R__views.sql", "r1", "t", Instant.now(),
                1, true, null, null));
        row("1", MigrationKind.UNDO, "u1", true, null);

        assertThat(plan(file("1", "c1"), repeatable("views", "r1")).statuses()).extracting(MigrationStatus::state)
                .as("no mark: the rollback died before writing it").containsExactly(MigrationState.PENDING, MigrationState.PENDING);
        row("1", MigrationKind.VERSIONED, "c1", true, null);
        history.add(new AppliedMigration(5, null, "views", MigrationKind.REPEATABLE, "R__views.sql", "r1", "t", Instant.now(),
                1, true, null, null));
        assertThat(plan(file("1", "c1"), repeatable("views", "r1")).pending(ValidationPolicy.STRICT)).as("applied again").isEmpty();
    }

    @Test
    void versions_compare_across_spellings_when_joining() {
        row("2025.11", MigrationKind.VERSIONED, "c", true, null);

        assertThat(plan(file("2025_11", "c")).statuses()).extracting(MigrationStatus::state).containsExactly(MigrationState.APPLIED);
    }

    @Test
    void rows_without_a_file_stand_among_the_files_by_version_whatever_order_the_files_come_in() {
        row("1", MigrationKind.VERSIONED, "c1", true, null);
        row("3", MigrationKind.VERSIONED, "c3", true, null);
        row("10", MigrationKind.VERSIONED, "c10", true, null);
        row("12", MigrationKind.UNDO, "c12", true, null);

        for (TargetPlan plan : List.of(plan(file("2", "c2"), file("4", "c4")), plan(file("4", "c4"), file("2", "c2")))) {
            assertThat(plan.statuses()).extracting(MigrationStatus::version).containsExactly("1", "2", "3", "4", "10");
            assertThat(plan.statuses()).extracting(MigrationStatus::state).containsExactly(MigrationState.MISSING,
                    MigrationState.OUT_OF_ORDER, MigrationState.MISSING, MigrationState.OUT_OF_ORDER, MigrationState.MISSING);
        }
    }
}
