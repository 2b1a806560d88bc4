package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.MigrationState;
import dev.flotilla.plan.MigrationStatus;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetRunnerMariaDbIT extends TargetRunnerContract {
    @Override
    protected TargetSpec createTarget(Path temp) {
        return TestDatabases.mariadb(TestDatabases.uniqueName());
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Test
    void a_database_the_url_names_is_read_as_empty_until_migrate_creates_it() throws Exception {
        TargetSpec asSchema = target;
        target = new TargetSpec(TestDatabases.MARIADB_URL.substring(0, TestDatabases.MARIADB_URL.lastIndexOf('/') + 1)
                + asSchema.schema(), TestDatabases.MARIADB_USER, null, null, null);
        files.write("V1__alpha.sql", CREATE_A);
        try {
            assertThat(flotilla().status().statuses()).extracting(MigrationStatus::state)
                    .containsExactly(MigrationState.PENDING);
            try (Connection c = TestDatabases.connect(TestDatabases.mariadb(null))) {
                assertThat(Jdbc.queryString(c, "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?",
                        asSchema.schema())).as("status creates nothing").isNull();
            }

            RunReport report = flotilla().migrate();

            assertThat(report.ok()).as(report.problems().toString()).isTrue();
            assertThat(tables()).containsExactly("alpha");
        } finally {
            target = asSchema; // dropped by its name
        }
    }

    @Test
    void baseline_refuses_a_history_with_a_failed_migration_rather_than_record_it_applied() throws Exception {
        files.write("V1__broken.sql", "CREATE TABLE alpha (id INT);\nINSERT INTO no_such_table VALUES (1);\n");
        flotilla().migrate();

        assertThatThrownBy(() -> flotilla().baseline(MigrationVersion.parse("1")))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BASELINE_REFUSED))
                .hasMessageContaining("version 1 (broken)").hasMessageContaining("failed at statement 2")
                .hasMessageContaining("`flotilla repair`");
        assertThat(history()).extracting(AppliedMigration::version, AppliedMigration::success).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", false));
    }

    @Test
    void a_failed_migration_can_be_marked_applied_after_finishing_it_by_hand() throws Exception {
        files.write("V1__broken.sql", "CREATE TABLE alpha (id INT);\nINSERT INTO no_such_table VALUES (1);\n")
                .write("V2__beta.sql", CREATE_B);
        flotilla().migrate();

        HistoryChange change = flotilla().repair(new RepairRequest(MigrationVersion.parse("1"), false));
        RunReport report = flotilla().migrate();

        assertThat(change.actions()).singleElement().asString().contains("Marked version 1", "applied");
        assertThat(report.applied()).extracting(MigrationRun::version).containsExactly("2");
        assertThat(flotilla().status().statuses()).extracting(MigrationStatus::state).containsOnly(MigrationState.APPLIED);
    }

    @Test
    void a_migration_fixed_and_finished_by_hand_is_marked_applied_with_the_checksum_of_the_fixed_file() throws Exception {
        files.write("V1__broken.sql", "CREATE TABLE alpha (id INT);\nINSERT INTO no_such_table VALUES (1);\n");
        flotilla().migrate();
        files.write("V1__broken.sql", "CREATE TABLE alpha (id INT);\nINSERT INTO alpha VALUES (1);\n")
                .write("V2__beta.sql", CREATE_B);

        HistoryChange change = flotilla().repair(new RepairRequest(MigrationVersion.parse("1"), false));
        RunReport report = flotilla().migrate();

        assertThat(change.actions()).singleElement().asString()
                .contains("Marked version 1", "with the checksum of V1__broken.sql as it is now (edited since the failed run)");
        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(report.applied()).extracting(MigrationRun::version).containsExactly("2");
        assertThat(flotilla().status().statuses()).extracting(MigrationStatus::state).containsOnly(MigrationState.APPLIED);
    }

    @Test
    void a_rollback_over_a_failed_migration_says_to_repair_it_and_nothing_else() {
        files.write("V1__broken.sql", "CREATE TABLE alpha (id INT);\nINSERT INTO no_such_table VALUES (1);\n")
                .write("U1__broken.sql", "DROP TABLE alpha;\n");
        flotilla().migrate();

        RunReport report = flotilla().rollback(RollbackRequest.steps(1));

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(dev.flotilla.ErrorCode.FAILED_MIGRATION);
            assertThat(p.message()).contains("flotilla repair");
        });
    }

    @Test
    void a_rollback_over_a_half_applied_migration_says_to_undo_the_statements_that_ran_by_hand_then_repair() {
        files.write("V1__alpha.sql", CREATE_A)
                .write("V2__half.sql", "CREATE TABLE b1 (id INT);\nCREATE TABLE b2 (id INT);\nINSERT INTO no_such_table VALUES (1);\n"
                        + "CREATE TABLE b3 (id INT);\n")
                .write("U2__half.sql", "DROP TABLE b3;\nDROP TABLE b2;\nDROP TABLE b1;\n");
        flotilla().migrate();

        RunReport report = flotilla().rollback(RollbackRequest.steps(1));

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.FAILED_MIGRATION);
            assertThat(p.message()).contains("at statement 3, with statements 1-2 of V2__half.sql still applied",
                    "its down file undoes the whole migration", "Undo statements 1-2 by hand, then run `flotilla repair --rerun-from-start`",
                    "a rollback after that undoes the version 1 (alpha), not this one");
        });
    }

    @Test
    void repair_leaves_a_half_applied_migration_alone_naming_what_to_undo_until_told_it_runs_again_from_the_start()
            throws Exception {
        files.write("V1__alpha.sql", CREATE_A)
                .write("V2__index.sql", "CREATE INDEX idx_alpha_name ON alpha (name);\nINSERT INTO no_such_table VALUES (1);\n");
        flotilla().migrate();

        assertThatThrownBy(() -> flotilla().repair(RepairRequest.REMOVE_FAILED)).isInstanceOfSatisfying(
                FlotillaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REPAIR_REFUSED);
                    assertThat(e.getMessage()).contains("Not repaired: version 2 (index) failed at statement 2 of"
                            + " V2__index.sql", "statement 1 of it stays applied (each statement committed by itself: mariadb commits"
                            + " DDL by itself)", "First either undo by hand what ran:"
                            + " statement 1 (line 1): `CREATE INDEX idx_alpha_name ON alpha (name)`, then run"
                            + " `flotilla repair --rerun-from-start`", "`flotilla repair --mark-applied 2`", "Nothing was changed");
                });
        assertThat(flotilla().status().statuses()).extracting(MigrationStatus::state).as("the failed record kept")
                .containsExactly(MigrationState.APPLIED, MigrationState.FAILED);
        files.write("V2__index.sql", "CREATE INDEX idx_alpha_name ON alpha (name);\n");
        try (TargetSession session = TargetSession.open(target, false)) {
            Jdbc.execute(session.connection(), "DROP INDEX idx_alpha_name ON alpha");
        }

        HistoryChange repaired = flotilla().repair(RepairRequest.REMOVE_FAILED_TO_RERUN);
        RunReport again = flotilla().migrate();

        assertThat(repaired.actions()).singleElement().asString().contains("Removed the failed record of version 2 (index)",
                "what ran of it (statement 1) you undid by hand", "it will run again from its first statement");
        assertThat(again.ok()).as("no Duplicate key name: statement 1 was undone first").as(again.problems().toString())
                .isTrue();
    }

    @Test
    void the_history_records_the_progress_of_every_statement() throws Exception {
        files.write("V1__three.sql", "CREATE TABLE a1 (id INT);\nCREATE TABLE a2 (id INT);\nCREATE TABLE a3 (id INT);\n");

        flotilla().migrate();

        AppliedMigration row = history().get(0);
        assertThat(row.success()).isTrue();
        assertThat(row.failedStatement()).isNull();
        assertThat(row.error()).isNull();
    }

    @Test
    void procedures_and_triggers_with_delimiters_run_whole() throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("V2__trigger.sql", """
                DELIMITER //
                CREATE TRIGGER alpha_name BEFORE INSERT ON alpha FOR EACH ROW
                BEGIN
                  IF NEW.name IS NULL THEN SET NEW.name = 'unnamed'; END IF;
                END//
                DELIMITER ;
                INSERT INTO alpha (id) VALUES (1);
                """);

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        try (TargetSession session = TargetSession.open(target, false)) {
            assertThat(Jdbc.queryString(session.connection(), "SELECT name FROM alpha")).isEqualTo("unnamed");
        }
    }

    @Test
    void a_failed_statement_says_the_servers_words_and_codes_without_the_drivers_connection_id() throws Exception {
        files.write("V1__broken.sql", "CREATE TABLE alpha (id INT);\nINSERT INTO no_such_table VALUES (1);\n");

        RunReport report = flotilla().migrate();

        assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p.advice().text())
                .contains("failed at statement 2", "(SQLSTATE 42S02, error 1146): Table '", "no_such_table' doesn't exist")
                .doesNotContainPattern("\\(conn=\\d+\\)"));
    }

    @Test
    void a_wrong_password_is_reported_without_the_password() throws Exception {
        String user = TestDatabases.uniqueName();
        try (Connection admin = TestDatabases.connect(target)) {
            Jdbc.execute(admin, "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'right-Secret-1'");
            Jdbc.execute(admin, "CREATE USER '" + user + "'@'localhost' IDENTIFIED BY 'right-Secret-1'");
        }
        try {
            String wrong = "wrong-Secret-42";
            TargetSpec spec = new TargetSpec(target.url(), user, Secret.of(wrong), target.schema(), null);
            files.write("V1__alpha.sql", CREATE_A);

            assertThatThrownBy(() -> Flotilla.load(TargetOptions.of(spec, files.path())).migrate())
                    .isInstanceOfSatisfying(FlotillaException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
                        assertThat(e.getMessage()).contains(user, "--password-env").doesNotContain(wrong);
                    });
        } finally {
            try (Connection admin = TestDatabases.connect(target)) {
                Jdbc.execute(admin, "DROP USER IF EXISTS '" + user + "'@'%'");
                Jdbc.execute(admin, "DROP USER IF EXISTS '" + user + "'@'localhost'");
            }
        }
    }

    @Test
    void an_unreachable_server_is_reported_with_a_redacted_url() {
        TargetSpec spec = new TargetSpec("jdbc:mariadb://127.0.0.1:1/x?password=hunter2&connectTimeout=2000", "root", null, null, null);
        files.write("V1__alpha.sql", CREATE_A);

        assertThatThrownBy(() -> Flotilla.load(TargetOptions.of(spec, files.path())).migrate())
                .isInstanceOfSatisfying(FlotillaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
                    assertThat(e.getMessage()).contains("127.0.0.1:1", "password=****").doesNotContain("hunter2");
                });
    }

    @Test
    void the_timeouts_apply_to_every_statement_of_a_run() throws Exception {
        files.write("V1__seen.sql", "CREATE TABLE seen AS SELECT @@SESSION.lock_wait_timeout AS lock_limit,"
                + " @@SESSION.max_statement_time AS statement_limit;\n");
        var options = new dev.flotilla.TargetOptions(target, files.path(), java.util.Map.of(), null, null,
                java.time.Duration.ofSeconds(4), java.time.Duration.ofSeconds(80), null, null);

        RunReport report = dev.flotilla.Flotilla.load(options).migrate();

        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        try (TargetSession session = TargetSession.open(target, false)) {
            List<String> seen = Jdbc.queryRow(session.connection(), "SELECT lock_limit, statement_limit FROM seen");
            assertThat(seen.get(0)).isEqualTo("4");
            assertThat(Double.parseDouble(seen.get(1))).isEqualTo(80.0);
        }
    }

    @Test
    void session_timeouts_are_restored_after_a_run() throws Exception {
        try (TargetSession session = TargetSession.open(target, true)) {
            Connection connection = session.connection();
            Jdbc.execute(connection, "SET SESSION lock_wait_timeout = 77");
            try (var ignored = session.dialect().applyTimeouts(connection, java.time.Duration.ofSeconds(3), java.time.Duration.ofSeconds(90))) {
                assertThat(Jdbc.queryString(connection, "SELECT @@SESSION.lock_wait_timeout")).isEqualTo("3");
                assertThat(Double.parseDouble(Jdbc.queryString(connection, "SELECT @@SESSION.max_statement_time"))).isEqualTo(90.0);
            }
            assertThat(Jdbc.queryString(connection, "SELECT @@SESSION.lock_wait_timeout")).isEqualTo("77");
            assertThat(Double.parseDouble(Jdbc.queryString(connection, "SELECT @@SESSION.max_statement_time"))).isEqualTo(0.0);
        }
    }
}
