package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.MigrationState;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.plan.Remedy;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSession;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.MigrationFolder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rollbacks of one target on every dialect: down files run newest first and recorded, by steps or to a version in the
 * order the migrations were installed, a missing down file refused before anything runs, repeatables marked to run again;
 * a down file or migration that failed part-way, and what repair then records.
 */
interface TargetRollbackContract extends TargetRunnerFixture {
    /** A down file whose statement 3 of 3 fails where each statement commits by itself: statements 1-2 stay done. */
    private RunReport rollbackFailingAtItsThirdStatement() {
        assumeFalse(transactionalDdl(), "a down file that fails part-way leaves a record only where DDL commits by itself");
        files().write("V1__alpha.sql", CREATE_A)
                .write("V2__three.sql", "CREATE TABLE b1 (id INT);\nCREATE TABLE b2 (id INT);\nCREATE TABLE b3 (id INT);\n")
                .write("U2__three.sql", "DROP TABLE b3;\nDROP TABLE b2;\nDROP TABLE b1_typo;\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        return flotilla().rollback(RollbackRequest.steps(1));
    }

    @Test
    default void a_down_file_that_failed_part_way_is_finished_by_hand_and_repair_mark_undone_records_the_version_undone()
            throws Exception {
        RunReport failed = rollbackFailingAtItsThirdStatement();
        List<String> said = List.of(failed.problems().get(0).message(),
                flotilla().status().problems(ValidationPolicy.STRICT).get(0).message(),
                flotilla().rollback(RollbackRequest.steps(1)).problems().get(0).message());

        assertThat(said).as("the rollback's failure, status, and the rollback run again").allSatisfy(m -> assertThat(m)
                .contains("Statements 1-2 of U2__three.sql ran and stay done", "rolling back again would run U2__three.sql"
                        + " from statement 1", "by hand and run `flotilla repair --mark-undone 2`, which records version 2 as"
                        + " undone", "edit the down file to hold only those statements")
                .doesNotContain("undoes the version 1", "--mark-applied"));
        assertThat(said.get(0)).contains("undo the rest (statement 3 of U2__three.sql, fixed where it failed) by hand");
        assertThat(said.get(1)).contains("Rolling back version 2 (three) failed on", "at statement 3 of U2__three.sql");
        try (TargetSession session = TargetSession.open(target(), false)) {
            dev.flotilla.sql.Jdbc.execute(session.connection(), "DROP TABLE b1");
        }

        HistoryChange change = flotilla().repair(RepairRequest.markUndone(MigrationVersion.parse("2")));

        assertThat(change.actions()).singleElement().asString().contains("Marked the rollback of version 2 (three) as"
                + " finished by hand (U2__three.sql stopped at statement 3): version 2 is recorded as undone");
        assertThat(flotilla().status().statuses()).extracting(MigrationStatus::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.PENDING);
        assertThat(flotilla().migrate().ok()).as("version 2 applies again from its first statement").isTrue();
        assertThat(tables()).containsExactlyInAnyOrder("alpha", "b1", "b2", "b3");
    }

    @Test
    default void a_failed_rollback_is_not_marked_applied_and_removing_its_record_says_to_redo_what_its_down_file_undid() {
        rollbackFailingAtItsThirdStatement();

        assertThatThrownBy(() -> flotilla().repair(new RepairRequest(MigrationVersion.parse("2"), false)))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("Version 2's failed record is its rollback (U2__three.sql)")
                .hasMessageContaining("run `flotilla repair --mark-undone 2`").hasMessageNotContaining("--tenants")
                .satisfies(e -> assertThat(((FlotillaException) e).advice().parts()).as("commands as values")
                        .contains(Remedy.of("repair", "--mark-undone", "2"), Remedy.of("repair")))
                .satisfies(e -> assertThat(((FlotillaException) e).advice().forTenant(TenantId.of("m07")).text()).contains(
                        "run `flotilla repair --tenants m07 --mark-undone 2`;", "run `flotilla repair --tenants m07`, which"));
        HistoryChange removed = flotilla().repair(RepairRequest.REMOVE_FAILED);

        assertThat(removed.actions()).singleElement().asString().contains("the migration counts as applied again, but what"
                + " statements 1-2 of U2__three.sql undid stays undone: redo that by hand", "roll back again with the"
                + " down file holding only statements 3 to the end").doesNotContain("once the down file is fixed");
        assertThatThrownBy(() -> flotilla().repair(RepairRequest.markUndone(MigrationVersion.parse("2"))))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("Version 2 is not recorded as failed");
    }

    @Test
    default void a_failed_migration_is_not_marked_undone() {
        assumeFalse(transactionalDdl(), "a migration that fails part-way leaves a record only where DDL commits by itself");
        files().write("V1__broken.sql", "CREATE TABLE alpha (id INT);\nINSERT INTO no_such_table VALUES (1);\n");
        flotilla().migrate();

        assertThatThrownBy(() -> flotilla().repair(RepairRequest.markUndone(MigrationVersion.parse("1"))))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("failed record is the migration itself")
                .hasMessageContaining("run `flotilla repair`").hasMessageNotContaining("--tenants")
                .satisfies(e -> assertThat(((FlotillaException) e).advice().parts()).as("commands as values")
                        .contains(Remedy.of("repair")))
                .satisfies(e -> assertThat(((FlotillaException) e).advice().forTenant(TenantId.of("m07")).text())
                        .contains("run `flotilla repair --tenants m07` (it removes the failed record"));
    }

    @Test
    default void rollback_runs_down_files_newest_first_and_records_each() throws Exception {
        files().write("V1__alpha.sql", CREATE_A).write("U1__alpha.sql", "DROP TABLE alpha;\n")
                .write("002_beta.sql", CREATE_B).write("002_beta.down.sql", "DROP TABLE beta;\n");
        flotilla().migrate();

        RunReport report = flotilla().rollback(RollbackRequest.to(MigrationVersion.parse("0")));

        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(report.applied()).extracting(MigrationRun::version).containsExactly("2", "1");
        assertThat(tables()).doesNotContain("alpha", "beta");
        assertThat(history()).extracting(AppliedMigration::kind).endsWith(MigrationKind.UNDO, MigrationKind.UNDO);
        assertThat(flotilla().status().statuses()).extracting(MigrationStatus::state)
                .containsOnly(MigrationState.PENDING);
        assertThat(flotilla().migrate().applied()).hasSize(2);
    }

    /** V1 and V3 applied, then V2 out of order: installed rank and version order differ. */
    private void migrateWithVersionTwoOutOfOrder() throws Exception {
        files().write("V1__alpha.sql", CREATE_A).write("U1__alpha.sql", "DROP TABLE alpha;\n")
                .write("V3__gamma.sql", "CREATE TABLE gamma (id INT PRIMARY KEY);\n").write("U3__gamma.sql", "DROP TABLE gamma;\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        files().write("V2__beta.sql", CREATE_B).write("U2__beta.sql", "DROP TABLE beta;\n");
        RunReport outOfOrder = Flotilla.load(options().withPolicy(new ValidationPolicy(false, false, true))).migrate();
        assertThat(outOfOrder.applied()).extracting(MigrationRun::version).containsExactly("2");
    }

    @Test
    default void rollback_steps_undoes_the_migration_installed_last_not_the_highest_version() throws Exception {
        migrateWithVersionTwoOutOfOrder();

        RunReport one = flotilla().rollback(RollbackRequest.steps(1));

        assertThat(one.ok()).as(one.problems().toString()).isTrue();
        assertThat(one.applied()).extracting(MigrationRun::version).containsExactly("2");
        assertThat(tables()).contains("alpha", "gamma").doesNotContain("beta");
        RunReport next = flotilla().rollback(RollbackRequest.steps(1));
        assertThat(next.applied()).extracting(MigrationRun::version).containsExactly("3");
        assertThat(tables()).contains("alpha").doesNotContain("gamma");
    }

    @Test
    default void rollback_to_a_version_undoes_every_one_above_it_the_one_installed_last_first() throws Exception {
        migrateWithVersionTwoOutOfOrder();

        RunReport report = flotilla().rollback(RollbackRequest.to(MigrationVersion.parse("1")));

        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(report.applied()).extracting(MigrationRun::version).containsExactly("2", "3");
        assertThat(tables()).contains("alpha").doesNotContain("beta", "gamma");
    }

    @Test
    default void rolling_back_what_was_installed_last_is_not_refused_because_a_higher_version_was_installed_before_it()
            throws Exception {
        migrateWithVersionTwoOutOfOrder();

        RunReport report = flotilla().rollback(RollbackRequest.versions(List.of(MigrationVersion.parse("2"))));
        RunReport under = flotilla().rollback(RollbackRequest.versions(List.of(MigrationVersion.parse("1"))));

        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(report.applied()).extracting(MigrationRun::version).containsExactly("2");
        assertThat(under.problems()).extracting(p -> p.code()).containsExactly(ErrorCode.ROLLBACK_REFUSED);
        assertThat(under.problems().get(0).message()).contains("[3]");
    }

    /** The README's Quick start and the demo use this folder; it must go up and down on every dialect. */
    @Test
    default void the_bundled_examples_migrate_and_roll_back_to_nothing_and_up_again() throws Exception {
        useMigrations(new MigrationFolder(EXAMPLES));

        RunReport up = flotilla().migrate();
        assertThat(up.ok()).as(up.problems().toString()).isTrue();
        assertThat(tables()).contains("companies", "users", "settings", "serials", "notification_configurations");
        assertThat(views()).containsExactly("serial_summary");

        RunReport down = flotilla().rollback(RollbackRequest.to(MigrationVersion.parse("0")));

        assertThat(down.ok()).as(down.problems().toString()).isTrue();
        assertThat(down.applied()).extracting(MigrationRun::version).containsExactly("2025.12", "2025.11", "1");
        assertThat(tables()).isEmpty();
        assertThat(views()).as("no view left over the dropped tables").isEmpty();
        assertThat(down.notices()).anySatisfy(n -> assertThat(n).contains("R__reporting_views.sql", "applies it again"));
        assertThat(flotilla().status().statuses()).extracting(MigrationStatus::state).containsOnly(MigrationState.PENDING);
        RunReport again = flotilla().migrate();
        assertThat(again.ok()).as(again.problems().toString()).isTrue();
        assertThat(again.applied()).extracting(MigrationRun::script).containsExactly("V1__initial_schema.sql",
                "2025_11_serial_system_integration.sql", "2025_12_notification_configurations.sql", "R__reporting_views.sql");
        assertThat(views()).as("the repeatable view is back, as after the first migrate").containsExactly("serial_summary");
        assertThat(history()).filteredOn(r -> r.script().equals("R__reporting_views.sql"))
                .extracting(AppliedMigration::kind).as("the history keeps every run and the rollback's mark")
                .containsExactly(MigrationKind.REPEATABLE, MigrationKind.UNDO, MigrationKind.REPEATABLE);
        assertThat(flotilla().migrate().migrations()).isEmpty();
    }

    @Test
    default void a_partial_rollback_marks_to_run_again_only_the_repeatables_applied_over_what_it_undid() throws Exception {
        files().write("V1__alpha.sql", CREATE_A).write("U1__alpha.sql", "DROP TABLE alpha;\n")
                .write("R__alpha_view.sql", "DROP VIEW IF EXISTS alpha_names;\nCREATE VIEW alpha_names AS SELECT name FROM alpha;\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        files().write("V2__beta.sql", CREATE_B).write("U2__beta.sql", "DROP VIEW IF EXISTS beta_ids;\nDROP TABLE beta;\n")
                .write("R__beta_view.sql", "DROP VIEW IF EXISTS beta_ids;\nCREATE VIEW beta_ids AS SELECT id FROM beta;\n");
        assertThat(flotilla().migrate().applied()).extracting(MigrationRun::script).containsExactly("V2__beta.sql", "R__beta_view.sql");

        RunReport down = flotilla().rollback(RollbackRequest.steps(1));

        assertThat(down.ok()).as(down.problems().toString()).isTrue();
        assertThat(down.notices()).singleElement().asString().contains("R__beta_view.sql").doesNotContain("R__alpha_view.sql");
        assertThat(views()).containsExactly("alpha_names");
        assertThat(flotilla().status().statuses()).extracting(MigrationStatus::script, MigrationStatus::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("V1__alpha.sql", MigrationState.APPLIED),
                org.assertj.core.groups.Tuple.tuple("V2__beta.sql", MigrationState.PENDING),
                org.assertj.core.groups.Tuple.tuple("R__alpha_view.sql", MigrationState.APPLIED),
                org.assertj.core.groups.Tuple.tuple("R__beta_view.sql", MigrationState.PENDING));
        RunReport again = flotilla().migrate();
        assertThat(again.applied()).extracting(MigrationRun::script).containsExactly("V2__beta.sql", "R__beta_view.sql");
        assertThat(views()).containsExactlyInAnyOrder("alpha_names", "beta_ids");
    }

    @Test
    default void a_rollback_that_died_before_marking_its_repeatables_leaves_them_pending_and_the_next_migrate_applies_them()
            throws Exception {
        files().write("V1__alpha.sql", CREATE_A).write("U1__alpha.sql", "DROP VIEW IF EXISTS alpha_names;\nDROP TABLE alpha;\n")
                .write("R__alpha_view.sql", "DROP VIEW IF EXISTS alpha_names;\nCREATE VIEW alpha_names AS SELECT name FROM alpha;\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        assertThat(flotilla().rollback(RollbackRequest.steps(1)).ok()).isTrue();
        // What a rollback whose connection dropped after its last down file leaves: the undo recorded, no mark.
        try (TargetSession session = TargetSession.open(target(), false)) {
            for (AppliedMigration row : session.history().read()) {
                if (row.kind() == MigrationKind.UNDO && row.version() == null) {
                    session.history().delete(row.rank());
                }
            }
        }

        List<MigrationStatus> status = flotilla().status().statuses();
        RunReport again = flotilla().migrate();

        assertThat(status).extracting(MigrationStatus::script, MigrationStatus::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("V1__alpha.sql", MigrationState.PENDING),
                org.assertj.core.groups.Tuple.tuple("R__alpha_view.sql", MigrationState.PENDING));
        assertThat(again.applied()).extracting(MigrationRun::script).containsExactly("V1__alpha.sql", "R__alpha_view.sql");
        assertThat(views()).containsExactly("alpha_names");
        assertThat(flotilla().migrate().migrations()).as("applied again, it is not pending any more").isEmpty();
    }

    @Test
    default void a_missing_down_file_is_named_as_the_migrations_own_style_would_name_it() throws Exception {
        files().write("000001_alpha.up.sql", CREATE_A).write("000002_beta.up.sql", CREATE_B);
        flotilla().migrate();

        RunReport report = flotilla().rollback(RollbackRequest.steps(1));

        assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("000002_beta.down.sql").doesNotContain(".up.down.sql"));
    }

    @Test
    default void rollback_refuses_before_running_anything_when_a_down_file_is_missing() throws Exception {
        files().write("V1__alpha.sql", CREATE_A).write("U1__alpha.sql", "DROP TABLE alpha;\n").write("V2__beta.sql", CREATE_B);
        flotilla().migrate();

        RunReport report = flotilla().rollback(RollbackRequest.steps(2));

        assertThat(report.problems()).extracting(p -> p.code()).containsExactly(ErrorCode.NO_DOWN_FILE);
        assertThat(report.problems().get(0).message()).contains("version 2", "no down file");
        assertThat(report.migrations()).isEmpty();
        assertThat(tables()).contains("alpha", "beta");
    }
}
