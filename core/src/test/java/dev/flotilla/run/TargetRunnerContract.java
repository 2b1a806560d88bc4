package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.MigrationState;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every dialect must do for one target. Each database's {@code *IT} subclass supplies a fresh target
 * on the real server and adds what is particular to it.
 */
abstract class TargetRunnerContract {
    static final Path EXAMPLES = Path.of("..", "examples", "tenant_migrations").toAbsolutePath().normalize();
    static final String CREATE_A = "CREATE TABLE alpha (id INT PRIMARY KEY, name VARCHAR(50));\n";
    static final String CREATE_B = "CREATE TABLE beta (id INT PRIMARY KEY, alpha_id INT);\nCREATE INDEX idx_beta_alpha ON beta (alpha_id);\n";

    @TempDir
    Path temp;
    TargetSpec target;
    MigrationFolder files;

    abstract TargetSpec createTarget(Path temp);

    abstract boolean transactionalDdl();

    @BeforeEach
    void setUp() {
        target = createTarget(temp);
        files = new MigrationFolder(temp.resolve("migrations"));
    }

    @AfterEach
    void tearDown() {
        TestDatabases.drop(target);
    }

    TargetOptions options() {
        return TargetOptions.of(target, files.path());
    }

    Flotilla flotilla() {
        return Flotilla.load(options());
    }

    List<String> tables() throws SQLException {
        try (TargetSession session = TargetSession.open(target, false)) {
            return session.userTables().stream().map(String::toLowerCase).toList();
        }
    }

    List<AppliedMigration> history() throws SQLException {
        try (TargetSession session = TargetSession.open(target, false)) {
            return session.history().read();
        }
    }

    List<String> views() throws SQLException {
        return TestDatabases.snapshot(target).views().stream().map(v -> v.name().toLowerCase()).toList();
    }

    /** Holds the target lock the way another runner would, until closed. */
    AutoCloseable holdLock() throws Exception {
        TargetSession session = TargetSession.open(target, true);
        var lock = session.lock(target.historyTable(), Duration.ofSeconds(5));
        return () -> {
            lock.close();
            session.close();
        };
    }

    @Test
    void applies_pending_migrations_in_version_order_and_records_each() throws Exception {
        files.write("V2__beta.sql", CREATE_B).write("V1__alpha.sql", CREATE_A);

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(report.applied()).extracting(MigrationRun::version).containsExactly("1", "2");
        assertThat(tables()).contains("alpha", "beta");
        assertThat(history()).extracting(AppliedMigration::version, AppliedMigration::success, AppliedMigration::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", true, MigrationKind.VERSIONED),
                        org.assertj.core.groups.Tuple.tuple("2", true, MigrationKind.VERSIONED));
        assertThat(history().get(0).checksum()).isEqualTo(flotilla().migrations().versioned().get(0).checksum());
    }

    @Test
    void a_second_run_is_a_no_op() throws Exception {
        files.write("V1__alpha.sql", CREATE_A);
        flotilla().migrate();

        RunReport again = flotilla().migrate();

        assertThat(again.ok()).isTrue();
        assertThat(again.migrations()).isEmpty();
        assertThat(history()).hasSize(1);
    }

    @Test
    void an_edited_applied_file_blocks_migrate_with_checksum_mismatch() throws Exception {
        files.write("V1__alpha.sql", CREATE_A);
        flotilla().migrate();
        files.write("V1__alpha.sql", CREATE_A.replace("50", "60")).write("V2__beta.sql", CREATE_B);

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
            assertThat(p.message()).contains("V1__alpha.sql", "edited", "repair --realign-checksums");
        });
        assertThat(tables()).doesNotContain("beta");
        assertThat(Flotilla.load(options().withPolicy(new ValidationPolicy(true, false, false))).migrate().applied())
                .extracting(MigrationRun::version).containsExactly("2");
    }

    @Test
    void an_edit_of_line_endings_only_is_not_a_change() throws Exception {
        files.write("V1__alpha.sql", CREATE_A);
        flotilla().migrate();
        files.write("V1__alpha.sql", "\uFEFF" + CREATE_A.replace("\n", "\r\n"));

        assertThat(flotilla().migrate().ok()).isTrue();
    }

    @Test
    void a_deleted_applied_file_blocks_migrate_unless_allowed() throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("V2__beta.sql", CREATE_B);
        flotilla().migrate();
        files.delete("V2__beta.sql").write("V3__gamma.sql", "CREATE TABLE gamma (id INT);\n");

        RunReport blocked = flotilla().migrate();
        RunReport allowed = Flotilla.load(options().withPolicy(new ValidationPolicy(false, true, false))).migrate();

        assertThat(blocked.problems()).extracting(p -> p.code()).containsExactly(ErrorCode.MISSING_MIGRATION_FILE);
        assertThat(allowed.applied()).extracting(MigrationRun::version).containsExactly("3");
    }

    @Test
    void ten_threads_migrating_one_target_apply_each_migration_exactly_once() throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("V2__beta.sql", CREATE_B)
                .write("V3__rows.sql", "INSERT INTO alpha (id, name) VALUES (1, 'one');\n");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RunReport>> runs = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return flotilla().migrate();
                }));
            }
            start.countDown();
            int applied = 0;
            for (Future<RunReport> run : runs) {
                RunReport report = run.get();
                assertThat(report.ok()).as(report.problems().toString()).isTrue();
                applied += report.applied().size();
            }
            assertThat(applied).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(history()).extracting(AppliedMigration::version).containsExactly("1", "2", "3");
        try (TargetSession session = TargetSession.open(target, false)) {
            assertThat(dev.flotilla.sql.Jdbc.queryString(session.connection(), "SELECT COUNT(*) FROM alpha")).isEqualTo("1");
        }
    }

    @Test
    void a_failure_in_statement_2_of_3_is_recorded_as_the_dialect_allows() throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("V2__broken.sql",
                "CREATE TABLE beta (id INT);\nINSERT INTO no_such_table VALUES (1);\nCREATE TABLE gamma (id INT);\n");

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).isFalse();
        MigrationRun failed = report.migrations().get(1);
        assertThat(failed.failedStatement()).isEqualTo(2);
        assertThat(failed.error()).contains("V2__broken.sql", "statement 2 of 3", "line 2").doesNotContain("SQLSTATE null");
        assertThat(tables()).doesNotContain("gamma");
        if (transactionalDdl()) {
            assertThat(tables()).doesNotContain("beta");
            assertThat(history()).extracting(AppliedMigration::version).containsExactly("1");
            assertThat(failed.error()).contains("rolled back");
        } else {
            assertThat(tables()).contains("beta");
            AppliedMigration row = history().get(1);
            assertThat(row.success()).isFalse();
            assertThat(row.failedStatement()).isEqualTo(2);
            assertThat(failed.error()).contains("Statement 1 was applied (each statement committed by itself: ",
                    " commits DDL by itself)").doesNotContain("1-1");
            RunReport refused = flotilla().migrate();
            assertThat(refused.problems()).extracting(p -> p.code()).containsExactly(ErrorCode.FAILED_MIGRATION);
            assertThat(refused.problems().get(0).message()).contains("statement 2", "flotilla repair").doesNotContain("..");
            assertThat(refused.problems().get(0).message().split("Nothing more runs on this target", -1)).as("said once").hasSize(2);
        }
    }

    @Test
    void a_first_migration_that_fails_still_leaves_a_history_table_recording_what_the_dialect_allows() throws Exception {
        files.write("V1__broken.sql", "CREATE TABLE beta (id INT);\nINSERT INTO no_such_table VALUES (1);\n");

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).isFalse();
        try (TargetSession session = TargetSession.open(target, false)) {
            assertThat(session.history().exists()).as("history table").isTrue();
        }
        if (transactionalDdl()) {
            assertThat(history()).isEmpty();
            assertThat(tables()).doesNotContain("beta");
        } else {
            assertThat(history()).extracting(AppliedMigration::version, AppliedMigration::success, AppliedMigration::failedStatement)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("1", false, 2));
        }
    }

    @Test
    void what_a_session_saw_before_it_took_the_lock_is_looked_up_again_under_the_lock() throws Exception {
        files.write("V1__alpha.sql", CREATE_A);
        try (TargetSession waiting = TargetSession.open(target, true)) {
            assertThat(waiting.history().exists()).as("before another runner migrated").isFalse();
            flotilla().migrate();

            try (var lock = waiting.lock(target.historyTable(), Duration.ofSeconds(5))) {
                assertThat(waiting.history().exists()).isTrue();
                assertThat(waiting.history().current()).extracting(AppliedMigration::version).containsExactly("1");
            }
        }
    }

    @Test
    void the_history_read_with_the_lock_includes_what_the_holder_before_committed() throws Exception {
        files.write("V1__alpha.sql", CREATE_A);
        flotilla().migrate();
        files.write("V2__beta.sql", CREATE_B);
        try (TargetSession waiting = TargetSession.open(target, true)) {
            assertThat(waiting.history().exists()).as("seen on entering the schema").isTrue();
            flotilla().migrate();

            try (var lock = waiting.lock(target.historyTable(), Duration.ofSeconds(5))) {
                assertThat(waiting.history().current()).extracting(AppliedMigration::version).containsExactly("1", "2");
            }
        }
    }

    @Test
    void a_history_table_dropped_after_the_session_looked_is_missing_under_the_lock_and_the_lock_is_released_once()
            throws Exception {
        files.write("V1__alpha.sql", CREATE_A);
        flotilla().migrate();
        try (TargetSession waiting = TargetSession.open(target, true)) {
            assertThat(waiting.history().exists()).isTrue();
            try (TargetSession other = TargetSession.open(target, false)) {
                dev.flotilla.sql.Jdbc.execute(other.connection(), "DROP TABLE " + other.dialect().quote(target.historyTable()));
            }

            try (var lock = waiting.lock(target.historyTable(), Duration.ofSeconds(5))) {
                assertThat(waiting.history().exists()).isFalse();
                assertThat(waiting.history().current()).isEmpty();
            }
            // Released while the session's connection is still open: nothing of a second, stacked lock is left.
            try (TargetSession next = TargetSession.open(target, false);
                 var lock = next.lock(target.historyTable(), Duration.ofSeconds(2))) {
                assertThat(next.history().exists()).isFalse();
            }
        }
    }

    @Test
    void a_session_opened_locked_expecting_a_history_that_is_not_there_holds_the_lock_once_and_reads_it_as_missing()
            throws Exception {
        try (TargetSession locked = TargetSession.openLocked(target, dev.flotilla.target.ConnectionSource.DIRECT,
                Duration.ofSeconds(5), true)) {
            assertThat(locked.history().exists()).isFalse();
            assertThat(locked.history().current()).isEmpty();
            locked.heldLock().close();
            // Released while the connection is still open: the first try's lock, given back, is not left stacked.
            try (TargetSession next = TargetSession.open(target, true);
                 var lock = next.lock(target.historyTable(), Duration.ofSeconds(2))) {
                assertThat(next.history().exists()).isFalse();
            }
        }
    }

    @Test
    void a_session_opened_locked_reads_the_history_under_the_lock_whether_or_not_it_expected_one() throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("V2__beta.sql", CREATE_B);
        flotilla().migrate();
        for (boolean expected : new boolean[] {true, false}) {
            try (TargetSession locked = TargetSession.openLocked(target, dev.flotilla.target.ConnectionSource.DIRECT,
                    Duration.ofSeconds(5), expected); var lock = locked.heldLock()) {
                assertThat(locked.history().current()).extracting(AppliedMigration::version).containsExactly("1", "2");
                assertThat(locked.lockedExclusively()).isEqualTo(!"sqlite".equals(locked.dialect().name()));
            }
        }
    }

    @Test
    void ranks_follow_on_across_the_migrations_of_one_run_and_the_next() throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("V2__beta.sql", CREATE_B);
        flotilla().migrate();
        files.write("V3__gamma.sql", "CREATE TABLE gamma (id INT);\n");

        RunReport again = flotilla().migrate();

        assertThat(again.applied()).extracting(MigrationRun::version).containsExactly("3");
        assertThat(history()).extracting(AppliedMigration::rank, AppliedMigration::version).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "1"), org.assertj.core.groups.Tuple.tuple(2, "2"),
                org.assertj.core.groups.Tuple.tuple(3, "3"));
    }

    @Test
    void repair_then_a_fixed_file_lets_the_target_continue() throws Exception {
        files.write("V1__broken.sql", "CREATE TABLE alpha (id INT);\nINSERT INTO no_such_table VALUES (1);\n");
        flotilla().migrate();
        if (!transactionalDdl()) {
            try (TargetSession session = TargetSession.open(target, false)) {
                dev.flotilla.sql.Jdbc.execute(session.connection(), "DROP TABLE alpha");
            }
            assertThat(flotilla().repair(RepairRequest.REMOVE_FAILED_TO_RERUN).actions()).singleElement()
                    .asString().contains("Removed the failed record", "what ran of it (statement 1) you undid by hand");
        }
        files.write("V1__broken.sql", "CREATE TABLE alpha (id INT);\n");

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(tables()).contains("alpha");
    }

    /** A down file whose statement 3 of 3 fails where each statement commits by itself: statements 1-2 stay done. */
    private RunReport rollbackFailingAtItsThirdStatement() {
        assumeFalse(transactionalDdl(), "a down file that fails part-way leaves a record only where DDL commits by itself");
        files.write("V1__alpha.sql", CREATE_A)
                .write("V2__three.sql", "CREATE TABLE b1 (id INT);\nCREATE TABLE b2 (id INT);\nCREATE TABLE b3 (id INT);\n")
                .write("U2__three.sql", "DROP TABLE b3;\nDROP TABLE b2;\nDROP TABLE b1_typo;\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        return flotilla().rollback(RollbackRequest.steps(1));
    }

    @Test
    void a_down_file_that_failed_part_way_is_finished_by_hand_and_repair_mark_undone_records_the_version_undone()
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
        try (TargetSession session = TargetSession.open(target, false)) {
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
    void a_failed_rollback_is_not_marked_applied_and_removing_its_record_says_to_redo_what_its_down_file_undid() {
        rollbackFailingAtItsThirdStatement();

        assertThatThrownBy(() -> flotilla().repair(new RepairRequest(MigrationVersion.parse("2"), false)))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("Version 2's failed record is its rollback (U2__three.sql)")
                .hasMessageContaining("run `flotilla repair --mark-undone 2`");
        HistoryChange removed = flotilla().repair(RepairRequest.REMOVE_FAILED);

        assertThat(removed.actions()).singleElement().asString().contains("the migration counts as applied again, but what"
                + " statements 1-2 of U2__three.sql undid stays undone: redo that by hand", "roll back again with the"
                + " down file holding only statements 3 to the end").doesNotContain("once the down file is fixed");
        assertThatThrownBy(() -> flotilla().repair(RepairRequest.markUndone(MigrationVersion.parse("2"))))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("Version 2 is not recorded as failed");
    }

    @Test
    void a_failed_migration_is_not_marked_undone() {
        assumeFalse(transactionalDdl(), "a migration that fails part-way leaves a record only where DDL commits by itself");
        files.write("V1__broken.sql", "CREATE TABLE alpha (id INT);\nINSERT INTO no_such_table VALUES (1);\n");
        flotilla().migrate();

        assertThatThrownBy(() -> flotilla().repair(RepairRequest.markUndone(MigrationVersion.parse("1"))))
                .isInstanceOf(FlotillaException.class).hasMessageContaining("failed record is the migration itself")
                .hasMessageContaining("run `flotilla repair`");
    }

    @Test
    void rollback_runs_down_files_newest_first_and_records_each() throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("U1__alpha.sql", "DROP TABLE alpha;\n")
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
        files.write("V1__alpha.sql", CREATE_A).write("U1__alpha.sql", "DROP TABLE alpha;\n")
                .write("V3__gamma.sql", "CREATE TABLE gamma (id INT PRIMARY KEY);\n").write("U3__gamma.sql", "DROP TABLE gamma;\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__beta.sql", CREATE_B).write("U2__beta.sql", "DROP TABLE beta;\n");
        RunReport outOfOrder = Flotilla.load(options().withPolicy(new ValidationPolicy(false, false, true))).migrate();
        assertThat(outOfOrder.applied()).extracting(MigrationRun::version).containsExactly("2");
    }

    @Test
    void rollback_steps_undoes_the_migration_installed_last_not_the_highest_version() throws Exception {
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
    void rollback_to_a_version_undoes_every_one_above_it_the_one_installed_last_first() throws Exception {
        migrateWithVersionTwoOutOfOrder();

        RunReport report = flotilla().rollback(RollbackRequest.to(MigrationVersion.parse("1")));

        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(report.applied()).extracting(MigrationRun::version).containsExactly("2", "3");
        assertThat(tables()).contains("alpha").doesNotContain("beta", "gamma");
    }

    @Test
    void rolling_back_what_was_installed_last_is_not_refused_because_a_higher_version_was_installed_before_it()
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
    void the_bundled_examples_migrate_and_roll_back_to_nothing_and_up_again() throws Exception {
        files = new MigrationFolder(EXAMPLES);

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
    void a_partial_rollback_marks_to_run_again_only_the_repeatables_applied_over_what_it_undid() throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("U1__alpha.sql", "DROP TABLE alpha;\n")
                .write("R__alpha_view.sql", "DROP VIEW IF EXISTS alpha_names;\nCREATE VIEW alpha_names AS SELECT name FROM alpha;\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__beta.sql", CREATE_B).write("U2__beta.sql", "DROP VIEW IF EXISTS beta_ids;\nDROP TABLE beta;\n")
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
    void a_rollback_that_died_before_marking_its_repeatables_leaves_them_pending_and_the_next_migrate_applies_them()
            throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("U1__alpha.sql", "DROP VIEW IF EXISTS alpha_names;\nDROP TABLE alpha;\n")
                .write("R__alpha_view.sql", "DROP VIEW IF EXISTS alpha_names;\nCREATE VIEW alpha_names AS SELECT name FROM alpha;\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        assertThat(flotilla().rollback(RollbackRequest.steps(1)).ok()).isTrue();
        // What a rollback whose connection dropped after its last down file leaves: the undo recorded, no mark.
        try (TargetSession session = TargetSession.open(target, false)) {
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
    void a_liquibase_formatted_sql_file_runs_with_its_directives_written_without_a_space_after_the_dashes() throws Exception {
        files.write("001_teams.sql", "--liquibase formatted sql\n\n--changeset alice:1\n" + CREATE_A
                + "--rollback DROP TABLE alpha;\n\n--changeset bob:2\n--comment: beta's index\n" + CREATE_B
                + "--rollback DROP TABLE beta;\n");

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(tables()).contains("alpha", "beta");
    }

    @Test
    void a_missing_down_file_is_named_as_the_migrations_own_style_would_name_it() throws Exception {
        files.write("000001_alpha.up.sql", CREATE_A).write("000002_beta.up.sql", CREATE_B);
        flotilla().migrate();

        RunReport report = flotilla().rollback(RollbackRequest.steps(1));

        assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("000002_beta.down.sql").doesNotContain(".up.down.sql"));
    }

    @Test
    void rollback_refuses_before_running_anything_when_a_down_file_is_missing() throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("U1__alpha.sql", "DROP TABLE alpha;\n").write("V2__beta.sql", CREATE_B);
        flotilla().migrate();

        RunReport report = flotilla().rollback(RollbackRequest.steps(2));

        assertThat(report.problems()).extracting(p -> p.code()).containsExactly(ErrorCode.NO_DOWN_FILE);
        assertThat(report.problems().get(0).message()).contains("version 2", "no down file");
        assertThat(report.migrations()).isEmpty();
        assertThat(tables()).contains("alpha", "beta");
    }

    @Test
    void baseline_records_existing_versions_without_running_them() throws Exception {
        files.write("V1__alpha.sql", "CREATE TABLE would_fail (id INT);\nINSERT INTO no_such_table VALUES (1);\n")
                .write("V2__beta.sql", CREATE_B);

        HistoryChange change = flotilla().baseline(MigrationVersion.parse("1"));
        RunReport report = flotilla().migrate();

        assertThat(change.actions()).singleElement().asString().contains("V1__alpha.sql");
        assertThat(report.applied()).extracting(MigrationRun::version).containsExactly("2");
        assertThat(tables()).doesNotContain("would_fail");
        assertThatThrownBy(() -> flotilla().baseline(MigrationVersion.parse("1")))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BASELINE_REFUSED));
    }

    @Test
    void a_changed_repeatable_migration_runs_again() throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("R__alpha_view.sql", "DROP VIEW IF EXISTS alpha_names;\n"
                + "CREATE VIEW alpha_names AS SELECT name FROM alpha;\n");
        assertThat(flotilla().migrate().applied()).hasSize(2);
        assertThat(flotilla().migrate().applied()).isEmpty();
        files.write("R__alpha_view.sql", "DROP VIEW IF EXISTS alpha_names;\nCREATE VIEW alpha_names AS SELECT id, name FROM alpha;\n");

        assertThat(flotilla().status().statuses()).extracting(MigrationStatus::state)
                .containsExactly(MigrationState.APPLIED, MigrationState.OUTDATED);
        assertThat(flotilla().migrate().applied()).extracting(MigrationRun::script).containsExactly("R__alpha_view.sql");
    }

    @Test
    void placeholders_are_replaced_per_target() throws Exception {
        files.write("V1__settings.sql", "CREATE TABLE settings (name VARCHAR(50), val VARCHAR(50));\n"
                + "INSERT INTO settings VALUES ('tenant', '${tenant}');\nINSERT INTO settings VALUES ('role', '${app_role}');\n");
        TargetOptions options = options().withPlaceholders(Map.of("app_role", "app_rw"));

        Flotilla.load(options).migrate();

        try (TargetSession session = TargetSession.open(target, false)) {
            assertThat(dev.flotilla.sql.Jdbc.queryStrings(session.connection(), "SELECT val FROM settings ORDER BY name"))
                    .containsExactly("app_rw", session.schema());
        }
    }

    @Test
    void a_target_with_tables_but_no_history_is_migrated_with_a_notice() throws Exception {
        try (TargetSession session = TargetSession.open(target, true)) {
            dev.flotilla.sql.Jdbc.execute(session.connection(), "CREATE TABLE legacy (id INT)");
        }
        files.write("V1__alpha.sql", CREATE_A);

        RunReport report = flotilla().migrate();

        assertThat(report.applied()).hasSize(1);
        assertThat(report.notices()).anySatisfy(n -> assertThat(n).contains("no history table", "baseline"));
    }

    @Test
    void a_target_flyway_migrated_is_refused_until_its_history_is_taken_over() throws Exception {
        try (TargetSession session = TargetSession.open(target, true)) {
            dev.flotilla.sql.Jdbc.execute(session.connection(), "CREATE TABLE flyway_schema_history (installed_rank INT)");
            dev.flotilla.sql.Jdbc.execute(session.connection(), "CREATE TABLE legacy (id INT)");
        }
        files.write("V1__alpha.sql", CREATE_A);

        RunReport report = flotilla().migrate();

        assertThat(report.applied()).isEmpty();
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.FOREIGN_HISTORY);
            assertThat(p.message()).contains("Flyway's history table", "adopt --from flyway", "Nothing was run");
        });
    }

    @Test
    void a_script_that_cannot_be_split_stops_the_run_before_anything_runs() throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("V2__open_quote.sql", "CREATE TABLE beta (id INT);\nINSERT INTO beta VALUES ('oops);\n");

        RunReport report = flotilla().migrate();

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.SQL_PARSE_ERROR);
            assertThat(p.message()).contains("V2__open_quote.sql", "line 2");
        });
        assertThat(report.migrations()).isEmpty();
        assertThat(tables()).doesNotContain("alpha");
    }

    @Test
    void a_lock_held_by_another_runner_times_out_naming_the_target() throws Exception {
        files.write("V1__alpha.sql", CREATE_A);
        try (AutoCloseable held = holdLock()) {
            Flotilla impatient = Flotilla.load(options().withLockWait(Duration.ofMillis(300)));

            assertThatThrownBy(impatient::migrate).isInstanceOfSatisfying(FlotillaException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
                assertThat(e.getMessage()).contains(target.displayName().split(" ")[0]);
            });
        }
        assertThat(flotilla().migrate().applied()).hasSize(1);
    }
}
