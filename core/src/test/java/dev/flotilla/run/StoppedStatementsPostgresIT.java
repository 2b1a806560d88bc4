package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import dev.flotilla.lint.LintOptions;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Statements the database stopped for a reason other than their own SQL, on a real PostgreSQL: the statement timeout,
 * another session's cancel, a lock another session holds. None is blamed on the script, and each says what to do.
 */
class StoppedStatementsPostgresIT extends StoppedStatementsContract {
    /**
     * The session sleeping in the statement. Not only 'active' with its text: a backend shows that from the statement's
     * Parse on, and a cancel that arrives while it then reads the Bind from the client is dropped (PostgreSQL ignores a
     * cancel while it reads a command), so the statement would sleep its 30 s and succeed.
     */
    private static final String SLEEPING = "SELECT max(pid) FROM pg_stat_activity WHERE state = 'active'"
            + " AND wait_event = 'PgSleep' AND query LIKE ? AND pid <> pg_backend_pid()";

    @Override
    TargetSpec createTarget() {
        return TestDatabases.postgres("flt_to_" + TestDatabases.uniqueName().substring(4));
    }

    @Test
    void a_statement_over_the_statement_timeout_names_the_timeout_and_how_to_raise_it_not_a_script_fix() throws Exception {
        files.write("V1__slow.sql", "CREATE TABLE alpha (id INT);\nSELECT pg_sleep(5);\n");

        RunReport report = Flotilla.load(options(null, Duration.ofMillis(300))).migrate();

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.STATEMENT_TIMEOUT);
            assertThat(p.message()).contains("failed at statement 2 of 2", "57014",
                    "ran longer than the statement timeout of 300ms (--statement-timeout; deploy.statementTimeout",
                    "the script is not at fault", "Nothing of it was kept: the transaction was rolled back",
                    "--statement-timeout 1h", "when its tables are quiet").doesNotContain("Fix the script");
        });
        assertThat(report.migrations().get(0).errorCode()).isEqualTo(ErrorCode.STATEMENT_TIMEOUT);
    }

    @Test
    void a_statement_another_session_canceled_is_said_to_be_canceled_not_timed_out() throws Exception {
        files.write("V1__slow.sql", "SELECT pg_sleep(30), '" + target.schema() + "';\n");
        CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(
                () -> Flotilla.load(options(null, Duration.ofMinutes(10))).migrate());
        try (Connection admin = TestDatabases.connect(target)) {
            String pid = awaitSession(admin, SLEEPING, "pg_sleep(30), '" + target.schema() + "'");
            assertThat(Jdbc.queryString(admin, "SELECT pg_cancel_backend(" + pid + ")")).isEqualTo("t");
        }

        RunReport report = run.get();

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.STATEMENT_CANCELED);
            assertThat(p.message()).contains("Another session canceled the statement", "not the statement timeout",
                    "the transaction was rolled back").doesNotContain("ran longer than", "Fix the script");
        });
    }

    @Test
    void a_lock_timeout_names_the_session_holding_the_table_and_how_to_end_it_without_its_literals() throws Exception {
        HeldTable held = whileAnotherSessionHoldsAlpha(flotilla -> flotilla.migrate());

        assertThat(held.report().problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(p.message()).contains(holderNamed(held.holder())).contains("The script needs no change")
                    .doesNotContain("4111");
        });
    }

    @Test
    void a_dry_run_s_lock_timeout_names_the_session_holding_the_table_as_a_migration_s_does() throws Exception {
        HeldTable held = whileAnotherSessionHoldsAlpha(flotilla -> flotilla.dryRun(new DryRunOptions(DryRunMode.TRANSACTION, 0,
                Duration.ofMillis(200), LintOptions.DEFAULTS)).run());

        assertThat(held.report().problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(p.message()).contains(holderNamed(held.holder())).contains("This was a dry run: nothing was kept")
                    .contains("raise --lock-timeout (dryRun.lockTimeout in flotilla.yml for the fleet)")
                    .doesNotContain("deploy.lockTimeout").doesNotContain("4111");
        });
    }

    @Test
    void a_statement_that_ends_its_own_session_is_told_with_its_own_error_not_the_closed_connection_of_recording_it()
            throws Exception {
        // VACUUM cannot run in a transaction: each statement commits by itself, and its outcome is recorded after it.
        files.write("V1__ends_its_session.sql", "CREATE TABLE alpha (id INT);\nSELECT pg_terminate_backend(pg_backend_pid());\n"
                + "VACUUM alpha;\n");

        assertThatThrownBy(() -> Flotilla.load(options(null, null)).migrate()).isInstanceOfSatisfying(FlotillaException.class,
                e -> {
                    assertThat(e.getMessage()).contains("V1__ends_its_session.sql failed at statement 2 of 3", "57P01",
                            "terminating connection", "recorded as failed at statement 2",
                            "Recording this failure in tenant_migrations failed too", "It shows statement 2 as interrupted");
                    assertThat(e.getCause()).isInstanceOf(SQLException.class).hasMessageContaining("terminating connection");
                    assertThat(e.getSuppressed()).as("the recording's failure").isNotEmpty();
                });
        try (Connection c = TestDatabases.connect(target)) {
            assertThat(Jdbc.queryString(c, "SELECT failed_statement || ' ' || error_message FROM \"" + target.schema()
                    + "\".tenant_migrations")).isEqualTo("2 " + dev.flotilla.target.AppliedMigration.INTERRUPTED);
        }
    }

    private record HeldTable(RunReport report, String holder) {
    }

    /**
     * Runs V2, an ALTER of alpha, with a 200 ms lock timeout while another session ('billing-worker', idle in its
     * transaction after a query with a card number in it) holds alpha; with the holder's process id.
     */
    private HeldTable whileAnotherSessionHoldsAlpha(Function<Flotilla, RunReport> run) throws Exception {
        files.write("V1__alpha.sql", "CREATE TABLE alpha (id INT, note TEXT);\n");
        assertThat(Flotilla.load(options(null, null)).migrate().ok()).isTrue();
        files.write("V2__alter.sql", "ALTER TABLE alpha ADD COLUMN extra INT;\n");
        try (Connection app = TestDatabases.connect(target)) {
            Jdbc.execute(app, "SET application_name = 'billing-worker'");
            app.setAutoCommit(false);
            String holder = Jdbc.queryString(app, "SELECT pg_backend_pid()");
            Jdbc.execute(app, "LOCK TABLE \"" + target.schema() + "\".alpha IN ACCESS SHARE MODE");
            Jdbc.execute(app, "SELECT count(*) FROM \"" + target.schema() + "\".alpha WHERE note <> 'card 4111-1111'");
            try {
                return new HeldTable(run.apply(Flotilla.load(options(Duration.ofMillis(200), null))), holder);
            } finally {
                app.rollback();
            }
        }
    }

    /** What the message says of the holding session, in the same words for a migration and a dry run. */
    private static String[] holderNamed(String holder) {
        return new String[] {"Sessions holding locks on its tables", "process " + holder + " (application billing-worker, user "
                + TestDatabases.POSTGRES_USER + ", idle in transaction, transaction open for ", "on alpha",
                "last query: SELECT count(*) FROM", "note <> '…'", "`SELECT pg_terminate_backend(" + holder + ")`"};
    }
}
