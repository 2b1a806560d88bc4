package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.plan.Remedy;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlStatement;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenantId;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How a failed statement is told apart on PostgreSQL, where the statement timeout and another session's cancel share
 * SQLSTATE 57014. The server here speaks German ({@code lc_messages = 'de_DE'}): its messages are given as such, since
 * the test servers have no other locale installed to produce them.
 */
class StatementFailureTest {
    private static final Dialect POSTGRES = Dialect.forUrl("jdbc:postgresql:");
    private static final TargetSpec TARGET = new TargetSpec("jdbc:postgresql://127.0.0.1:5432/app", "app", null, "t_acme",
            "tenant_migrations");
    private static final PreparedScript SCRIPT = new PreparedScript(MigrationKind.VERSIONED, "1", "slow", "V1__slow.sql", "V1__slow.sql", "x",
            List.of(new SqlStatement("SELECT pg_sleep(5)", 1, true)), Set.of(), recorded -> false);
    private static final SQLException GERMAN_TIMEOUT = new SQLException(
            "FEHLER: storniere Anfrage wegen Zeitüberschreitung der Anweisung", "57014");
    private static final SQLException GERMAN_CANCEL = new SQLException("FEHLER: storniere Anfrage wegen Benutzeranforderung",
            "57014");

    private static MigrationRun failed(Duration statementTimeout, SQLException error, long ranMillis) {
        return new StatementFailure(POSTGRES, TARGET, statementTimeout, null, "t_acme").of(SCRIPT, 1,
                new FailedStatement(error, ranMillis), List.of(), ranMillis + 5, StatementFailure.Aftermath.ROLLED_BACK, true);
    }

    @Test
    void the_repairs_a_statement_left_applied_calls_for_name_a_fleet_tenant_and_not_one_target() {
        PreparedScript two = new PreparedScript(MigrationKind.VERSIONED, "2", "tags", "V2__tags.sql", "V2__tags.sql", "x",
                List.of(new SqlStatement("CREATE TABLE tags (id INT)", 1, true), new SqlStatement("INSERT INTO missing", 2, true)),
                Set.of(), recorded -> false);
        MigrationRun run = new StatementFailure(POSTGRES, TARGET, null, null, "t_acme").of(two, 2,
                new FailedStatement(new SQLException("relation \"missing\" does not exist", "42P01"), 3), List.of(), 5,
                StatementFailure.Aftermath.KEPT_AND_RECORDED, false);
        MigrationRun first = new StatementFailure(POSTGRES, TARGET, null, null, "t_acme").of(two, 1,
                new FailedStatement(new SQLException("deadlock detected", "40P01"), 3), List.of(), 5,
                StatementFailure.Aftermath.KEPT_AND_RECORDED, false);

        assertThat(run.error()).contains("run `flotilla repair --rerun-from-start`, or",
                "run `flotilla repair --mark-applied 2`.").doesNotContain("--tenants");
        assertThat(run.advice().parts()).as("commands kept as values, not found in the text")
                .contains(Remedy.of("repair", "--rerun-from-start"), Remedy.of("repair", "--mark-applied", "2"));
        assertThat(run.advice().forTenant(TenantId.of("m07")).text())
                .isEqualTo(run.advice().text().replace("`flotilla repair ", "`flotilla repair --tenants m07 "));
        assertThat(first.advice().forTenant(TenantId.of("m07")).text()).contains("until `flotilla repair --tenants m07`"
                + " clears the record; then the script needs no change");
        assertThat(first.error()).contains("until `flotilla repair` clears the record");
    }

    @Test
    void a_localised_57014_after_the_statement_timeout_flotilla_set_is_the_timeout() {
        MigrationRun run = failed(Duration.ofMillis(300), GERMAN_TIMEOUT, 300);

        assertThat(run.errorCode()).isEqualTo(ErrorCode.STATEMENT_TIMEOUT);
        assertThat(run.error()).contains("57014", "Zeitüberschreitung", "ran longer than the statement timeout of 300ms",
                "the script is not at fault").doesNotContain("Fix the script");
    }

    @Test
    void a_timeouts_retry_names_the_deployment_running_it_and_is_no_command_until_then() {
        MigrationRun run = failed(Duration.ofMillis(300), GERMAN_TIMEOUT, 300);

        assertThat(run.error()).as("for one target, no deployment known").contains("Give it more time for this run"
                + " (--statement-timeout 1h; `flotilla deploy --retry-failed ID --statement-timeout 1h` for a deployment's"
                + " failed tenants), or run it when its tables are quiet.");
        assertThat(run.advice().commands()).as("it would not run as written").isEmpty();
        assertThat(run.advice().forTenant(TenantId.of("m07")).inDeployment("d-12").commands())
                .containsExactly("flotilla deploy --retry-failed d-12 --statement-timeout 1h");
        assertThat(run.advice().inDeployment("d-12").text()).isEqualTo(run.error().replace("--retry-failed ID ",
                "--retry-failed d-12 "));
    }

    @Test
    void a_localised_57014_before_the_statement_timeout_is_another_session_s_cancel() {
        MigrationRun run = failed(Duration.ofMinutes(10), GERMAN_CANCEL, 2_000);

        assertThat(run.errorCode()).isEqualTo(ErrorCode.STATEMENT_CANCELED);
        assertThat(run.error()).contains("Another session canceled the statement", "not the statement timeout")
                .doesNotContain("ran longer than", "Fix the script");
    }

    @Test
    void the_english_message_wins_over_the_time_as_it_is_right_when_the_script_set_its_own_timeout() {
        SQLException english = new SQLException("ERROR: canceling statement due to statement timeout", "57014");

        assertThat(failed(Duration.ofMinutes(10), english, 1_000).errorCode()).isEqualTo(ErrorCode.STATEMENT_TIMEOUT);
    }

    @Test
    void without_a_timeout_flotilla_set_a_localised_57014_cannot_be_told_and_is_reported_as_the_server_said_it() {
        assertThat(failed(null, GERMAN_TIMEOUT, 30_000).errorCode()).isEqualTo(ErrorCode.SQL_ERROR);
    }
}
