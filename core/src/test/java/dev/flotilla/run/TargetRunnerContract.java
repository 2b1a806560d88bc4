package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.flotilla.testing.TargetFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every dialect must do for one target (and, in the contracts it implements, {@link TargetRollbackContract}, for
 * its rollbacks). Each database's {@code *IT} subclass supplies a fresh target on the real server and adds what is
 * particular to it.
 */
abstract class TargetRunnerContract extends TargetFixture implements TargetRollbackContract, ExistingObjectContract {
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
    void a_constraint_the_target_s_rows_break_names_the_rows_to_fix_not_the_script_alone() throws Exception {
        files.write("V1__alpha.sql", "CREATE TABLE alpha (id INT, email VARCHAR(50));\n"
                + "INSERT INTO alpha VALUES (1, 'dup@example.com');\nINSERT INTO alpha VALUES (2, 'dup@example.com');\n")
                .write("V2__unique_email.sql", "CREATE UNIQUE INDEX alpha_email ON alpha (email);\n");

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).isFalse();
        assertThat(report.migrations().get(1).error()).contains("V2__unique_email.sql").containsIgnoringCase("fix the rows that"
                + " break the constraint (the target's, or those the script writes)").doesNotContain("Fix the script", "fix the script");
    }

    @Test
    void a_constraint_broken_part_way_through_a_migration_names_the_rows_to_fix_before_it_runs_again() throws Exception {
        files.write("V1__alpha.sql", "CREATE TABLE alpha (id INT, email VARCHAR(50));\n"
                + "INSERT INTO alpha VALUES (1, 'dup@example.com');\nINSERT INTO alpha VALUES (2, 'dup@example.com');\n")
                .write("V2__unique_email.sql", "CREATE TABLE beta (id INT);\nCREATE UNIQUE INDEX alpha_email ON alpha (email);\n");

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).isFalse();
        assertThat(report.migrations().get(1).error()).contains("V2__unique_email.sql", "statement 2")
                .containsIgnoringCase("fix the rows that break the constraint (the target's, or those the script writes)");
    }

    @Test
    void a_script_failing_part_way_through_asks_to_fix_it_before_it_runs_again() throws Exception {
        files.write("V1__alpha.sql", "CREATE TABLE alpha (id INT);\nCREATE TABEL beta (id INT);\n");

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).isFalse();
        assertThat(report.migrations().get(0).error()).contains("V1__alpha.sql", "statement 2")
                .containsIgnoringCase("fix the script");
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
                assertThat(locked.lockedExclusively()).isTrue();
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
    void baseline_records_existing_versions_without_running_them() throws Exception {
        files.write("V1__alpha.sql", "CREATE TABLE would_fail (id INT);\nINSERT INTO no_such_table VALUES (1);\n")
                .write("V2__beta.sql", CREATE_B);

        HistoryChange change = flotilla().baseline(MigrationVersion.parse("1"));
        RunReport report = flotilla().migrate();

        assertThat(change.actions()).singleElement().asString().contains("V1__alpha.sql");
        assertThat(report.applied()).extracting(MigrationRun::version).containsExactly("2");
        assertThat(tables()).doesNotContain("would_fail");
        assertThatThrownBy(() -> flotilla().baseline(MigrationVersion.parse("1")))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BASELINE_REFUSED))
                // what to do instead, runnable in a fleet (where `flotilla status` alone is refused) and on one target
                .hasMessageContaining("needs none").hasMessageContaining("`flotilla plan --tenants ID`")
                .hasMessageContaining("`flotilla status --url URL`").hasMessageNotContaining("See `flotilla status`.");
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
        assertThat(report.notices()).anySatisfy(n -> assertThat(n).contains("no history table",
                "`flotilla baseline --version V`", "`flotilla adopt --from laravel|table:NAME`"));
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
