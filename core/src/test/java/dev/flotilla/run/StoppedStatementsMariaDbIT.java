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
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Statements MariaDB stopped for a reason other than their own SQL: max_statement_time, another session's KILL QUERY,
 * a table another session's transaction holds. None is blamed on the script; each says what stays recorded.
 */
class StoppedStatementsMariaDbIT extends StoppedStatementsContract {
    private static final String SESSION = "SELECT MAX(ID) FROM information_schema.PROCESSLIST WHERE INFO LIKE ?"
            + " AND ID <> CONNECTION_ID()";

    @Override
    TargetSpec createTarget() {
        return TestDatabases.mariadb("flt_to_" + TestDatabases.uniqueName().substring(4));
    }

    @Test
    void a_statement_over_max_statement_time_names_the_timeout_and_what_stays_recorded() {
        files.write("V1__slow.sql", "CREATE TABLE alpha (id INT);\nSELECT SLEEP(5);\n");

        RunReport report = Flotilla.load(options(null, Duration.ofMillis(500))).migrate();

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.STATEMENT_TIMEOUT);
            assertThat(p.message()).contains("failed at statement 2 of 2", "error 1969)",
                    "ran longer than the statement timeout of 500ms (--statement-timeout", "the script is not at fault",
                    "recorded as failed at statement 2", "--statement-timeout 1h");
        });
    }

    @Test
    void a_statement_killed_by_another_session_is_said_to_be_canceled_and_gives_no_script_fix() throws Exception {
        files.write("V1__slow.sql", "SELECT SLEEP(30), '" + target.schema() + "';\n");
        CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(
                () -> Flotilla.load(options(null, Duration.ofMinutes(10))).migrate());
        try (Connection admin = TestDatabases.connect(TestDatabases.mariadb(null))) {
            Jdbc.execute(admin, "KILL QUERY " + awaitSession(admin, SESSION, "SLEEP(30), '" + target.schema() + "'"));
        }

        RunReport report = run.get();

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.STATEMENT_CANCELED);
            assertThat(p.message()).contains("Another session canceled the statement", "recorded as failed at statement 1",
                    "run it again once whoever canceled it agrees").doesNotContain("ran longer than", "fix the script");
        });
    }

    @Test
    void a_statement_whose_connection_another_session_killed_is_told_with_its_own_error_not_the_recording_s() throws Exception {
        files.write("V1__slow.sql", "SELECT SLEEP(30), 'killed " + target.schema() + "';\n");
        CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(
                () -> Flotilla.load(options(null, Duration.ofMinutes(10))).migrate());
        try (Connection admin = TestDatabases.connect(TestDatabases.mariadb(null))) {
            Jdbc.execute(admin, "KILL " + awaitSession(admin, SESSION, "SLEEP(30), 'killed " + target.schema() + "'"));
        }

        assertThatThrownBy(run::get).cause().isInstanceOfSatisfying(FlotillaException.class, e -> {
            assertThat(e.getMessage()).contains("V1__slow.sql failed at statement 1 of 1", "recorded as failed at statement 1",
                    "Recording this failure in tenant_migrations failed too", "It shows statement 1 as interrupted");
            assertThat(e.getCause()).isInstanceOf(java.sql.SQLException.class);
        });
    }

    @Test
    void a_lock_timeout_names_the_session_whose_transaction_holds_the_table() throws Exception {
        files.write("V1__alpha.sql", "CREATE TABLE alpha (id INT, note VARCHAR(50));\n");
        assertThat(Flotilla.load(options(null, null)).migrate().ok()).isTrue();
        files.write("V2__alter.sql", "ALTER TABLE alpha ADD COLUMN extra INT;\n");
        RunReport report;
        String holder;
        try (Connection app = TestDatabases.connect(target)) {
            Jdbc.execute(app, "USE `" + target.schema() + "`");
            app.setAutoCommit(false);
            holder = Jdbc.queryString(app, "SELECT CONNECTION_ID()");
            Jdbc.execute(app, "SELECT COUNT(*) FROM alpha WHERE note <> 'card 4111-1111'");
            try {
                report = Flotilla.load(options(Duration.ofSeconds(1), null)).migrate();
            } finally {
                app.rollback();
            }
        }

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(p.message()).contains("Sessions with an open transaction in that database, oldest first: session "
                    + holder + " ('" + TestDatabases.MARIADB_USER + "'@'", "Sleep, transaction open for ", "`KILL " + holder + "`",
                    "LOCK TABLES").doesNotContain("4111");
        });
    }
}
