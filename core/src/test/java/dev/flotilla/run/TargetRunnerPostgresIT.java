package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

class TargetRunnerPostgresIT extends TargetRunnerContract {
    @Override
    protected TargetSpec createTarget(Path temp) {
        return TestDatabases.postgres(TestDatabases.uniqueName());
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Test
    void the_history_table_is_created_in_the_first_migrations_transaction_with_its_row() throws Exception {
        files.write("V1__alpha.sql", CREATE_A);

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        try (Connection connection = TestDatabases.connect(target)) {
            String schema = target.schema();
            String transactions = Jdbc.queryString(connection, "SELECT COUNT(DISTINCT x) FROM ("
                    + "SELECT xmin::text AS x FROM pg_class WHERE relnamespace = to_regnamespace(?) AND relname IN ('alpha', 'tenant_migrations')"
                    + " UNION ALL SELECT xmin::text FROM \"" + schema + "\".tenant_migrations) t", schema);
            assertThat(transactions).as("one transaction: history table, migration, history row").isEqualTo("1");
        }
    }

    @Test
    void a_drivers_message_ending_in_a_full_stop_is_followed_by_ours_without_a_second() throws Exception {
        files.write("V1__alpha.sql", CREATE_A + "CREATE VIEW alpha_names AS SELECT name FROM alpha;\n")
                .write("V2__drop.sql", "DROP TABLE alpha;\n");

        RunReport report = flotilla().migrate();

        assertThat(report.migrations().get(1).error())
                .contains("Hint: Use DROP ... CASCADE to drop the dependent objects too. Nothing of it was kept")
                .doesNotContain("too..");
    }

    @Test
    void the_timeouts_apply_to_every_statement_of_a_run() throws Exception {
        RunReport report = dev.flotilla.Flotilla.load(recordingTimeouts()).migrate();

        assertTimeoutsRecorded(report);
    }

    /**
     * A run that expected a history table (the tenant was deployed to before) in a schema that is there without one is
     * refused: the table was dropped, or the URL or historyTable changed since; run from the first migration, it would
     * take the target for a new one. (The lock's first try, which reads the history, fails there; nothing runs after it.)
     */
    @Test
    void a_run_that_expected_a_history_table_refuses_a_schema_without_one_and_runs_nothing() throws Exception {
        var options = recordingTimeouts();
        var migrations = new dev.flotilla.migration.MigrationLoader(java.util.Set.of()).load(files.path());
        try (TargetSession session = TargetSession.open(target, true)) {
            assertThat(session.schemaExists()).isTrue();
        }

        assertThatThrownBy(() -> new TargetRunner(options, migrations).migrate(true))
                .isInstanceOfSatisfying(dev.flotilla.FlotillaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TARGET_MISSING);
                    assertThat(e.getMessage()).contains("deployed to before", "history table", "Nothing was run");
                });
        try (TargetSession session = TargetSession.open(target, false)) {
            assertThat(session.history().exists()).isFalse();
            assertThat(session.userTables()).as("V1 not run").isEmpty();
        }
    }

    @Test
    void a_database_deployed_to_before_that_is_gone_is_called_missing_and_a_new_one_is_asked_to_be_created() throws Exception {
        files.write("V1__alpha.sql", CREATE_A);
        String url = TestDatabases.POSTGRES_URL.replaceFirst("/[^/?]+(\\?|$)", "/" + TestDatabases.uniqueName() + "_gone$1");
        var options = dev.flotilla.TargetOptions.of(new TargetSpec(url, TestDatabases.POSTGRES_USER, null, null, null),
                files.path());
        var migrations = new dev.flotilla.migration.MigrationLoader(java.util.Set.of()).load(files.path());

        assertThatThrownBy(() -> new TargetRunner(options, migrations).migrate(true))
                .isInstanceOfSatisfying(dev.flotilla.FlotillaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TARGET_MISSING);
                    assertThat(e.getMessage()).contains("deployed to before", "its database does not exist now",
                            "Nothing was created");
                });
        assertThatThrownBy(() -> new TargetRunner(options, migrations).migrate(false))
                .isInstanceOfSatisfying(dev.flotilla.FlotillaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
                    assertThat(e.getMessage()).contains("does not exist", "Create it");
                });
    }

    /** Options with a lock and a statement timeout, and a migration that records the ones it ran under. */
    private dev.flotilla.TargetOptions recordingTimeouts() throws Exception {
        files.write("V1__seen.sql", "CREATE TABLE seen AS SELECT current_setting('lock_timeout') AS lock_limit,"
                + " current_setting('statement_timeout') AS statement_limit;\n");
        return new dev.flotilla.TargetOptions(target, files.path(), java.util.Map.of(), null, null,
                java.time.Duration.ofMillis(1234), java.time.Duration.ofMinutes(3), null, null);
    }

    private void assertTimeoutsRecorded(RunReport report) throws Exception {
        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        try (Connection connection = TestDatabases.connect(target)) {
            assertThat(Jdbc.queryRow(connection, "SELECT lock_limit, statement_limit FROM \"" + target.schema() + "\".seen"))
                    .containsExactly("1234ms", "3min");
        }
    }

    @Test
    void dry_run_reports_every_statement_and_leaves_nothing_behind() throws Exception {
        files.write("V1__alpha.sql", CREATE_A + "INSERT INTO alpha VALUES (1, 'a'), (2, 'b');\n").write("V2__beta.sql", CREATE_B);

        RunReport report = flotilla().dryRun().run();

        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(report.migrations()).hasSize(2);
        assertThat(report.migrations().get(0).statements()).extracting(StatementRun::rowsAffected).containsExactly(0L, 2L);
        try (TargetSession session = TargetSession.open(target, false)) {
            assertThat(session.schemaExists()).as("a dry run creates nothing, not even the schema").isFalse();
        }
    }

    @Test
    void dry_run_reports_a_lock_it_cannot_get_instead_of_queueing() throws Exception {
        RunReport report = whileAnotherSessionLocksTheTable(flotilla -> flotilla.dryRun().run());

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(p.message()).contains("55P03", "dry run");
        });
    }

    @Test
    void a_migration_stopped_by_a_lock_is_not_blamed_on_its_script() throws Exception {
        RunReport report = whileAnotherSessionLocksTheTable(dev.flotilla.Flotilla::migrate);

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(p.message()).contains("the transaction was rolled back", "The script needs no change: run it again")
                    .doesNotContain("Fix the script");
        });
    }

    /** Runs V2 (an ALTER of alpha) with a 200 ms lock timeout while another session holds alpha. */
    private RunReport whileAnotherSessionLocksTheTable(java.util.function.Function<dev.flotilla.Flotilla, RunReport> run)
            throws Exception {
        files.write("V1__alpha.sql", CREATE_A);
        flotilla().migrate();
        files.write("V2__alter.sql", "ALTER TABLE alpha ADD COLUMN extra INT;\n");
        try (Connection app = TestDatabases.connect(target)) {
            app.setAutoCommit(false);
            Jdbc.execute(app, "LOCK TABLE \"" + target.schema() + "\".alpha IN ACCESS SHARE MODE");
            var options = new dev.flotilla.TargetOptions(target, files.path(), java.util.Map.of(), null, null,
                    java.time.Duration.ofMillis(200), null, null, null);
            try {
                return run.apply(dev.flotilla.Flotilla.load(options));
            } finally {
                app.rollback();
            }
        }
    }

    @Test
    void session_timeouts_are_restored_after_a_run() throws Exception {
        try (TargetSession session = TargetSession.open(target, true)) {
            Connection connection = session.connection();
            Jdbc.queryString(connection, "SELECT set_config('lock_timeout', '123ms', false)");
            try (var ignored = session.dialect().applyTimeouts(connection, java.time.Duration.ofSeconds(2), java.time.Duration.ofMinutes(1))) {
                assertThat(Jdbc.queryString(connection, "SHOW lock_timeout")).isEqualTo("2s");
                assertThat(Jdbc.queryString(connection, "SHOW statement_timeout")).isEqualTo("1min");
            }
            assertThat(Jdbc.queryString(connection, "SHOW lock_timeout")).isEqualTo("123ms");
            assertThat(Jdbc.queryString(connection, "SHOW statement_timeout")).isEqualTo("0");
        }
    }

    @Test
    void dollar_quoted_functions_and_do_blocks_run_whole() throws Exception {
        files.write("V1__fn.sql", """
                CREATE FUNCTION add_one(i integer) RETURNS integer AS $body$
                BEGIN
                    RETURN i + 1; -- a semicolon inside the body
                END;
                $body$ LANGUAGE plpgsql;
                DO $$ BEGIN PERFORM add_one(1); END $$;
                """);

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(report.migrations().get(0).statements()).hasSize(2);
    }
}
