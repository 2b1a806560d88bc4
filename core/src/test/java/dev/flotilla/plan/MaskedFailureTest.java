package dev.flotilla.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenantId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.api.Test;

/**
 * A failure masked with a target's scrub: what it says loses the secrets, keeps its code, remedies and cause; a cause
 * quoting a secret is masked too, of its type (a driver's SQLException with its SQLSTATE and vendor code) with its stack.
 */
class MaskedFailureTest {
    private static final TargetSpec TARGET = new TargetSpec("jdbc:postgresql://db:5432/app", "app", Secret.of("Msk8pwSecret"),
            "t1", null);

    @Test
    void a_failure_quoting_the_password_is_masked_with_its_code_remedies_and_cause_kept() {
        SQLException cause = new SQLException("driver");
        FlotillaException failure = new FlotillaException(ErrorCode.BACKUP_FAILED, Advice.of("pg_dump said \"Msk8pwSecret\""
                + " and PGPASSWORD=Other77x; run ", Remedy.of("backup"), " again."), cause);

        FlotillaException masked = failure.masked(TARGET::scrub);

        assertThat(masked.getMessage()).isEqualTo("pg_dump said \"****\" and PGPASSWORD=****; run `flotilla backup` again.");
        assertThat(masked.code()).isEqualTo(ErrorCode.BACKUP_FAILED);
        assertThat(masked.getCause()).isSameAs(cause);
        assertThat(masked.advice().forTenant(TenantId.of("t1")).commands()).containsExactly("flotilla backup --tenants t1");
    }

    @Test
    void a_failure_with_nothing_to_mask_is_itself() {
        FlotillaException failure = new FlotillaException(ErrorCode.BACKUP_FAILED, "pg_dump exited with 1: no space left.");

        assertThat(failure.masked(TARGET::scrub)).isSameAs(failure);
    }

    @Test
    void a_failure_whose_causes_quote_the_password_has_them_masked_of_their_types_with_their_states_and_stacks() {
        SQLException parse = new org.postgresql.util.PSQLException("Unable to parse URL jdbc:postgresql://db:5432?password="
                + "Msk8pwSecret", org.postgresql.util.PSQLState.UNEXPECTED_ERROR);
        SQLException driver = new SQLNonTransientConnectionException("refused: Msk8pwSecret", "08001", 7, parse);
        FlotillaException failure = new FlotillaException(ErrorCode.CONNECTION_FAILED, "Cannot connect to db: refused.", driver);
        failure.addSuppressed(new IllegalStateException("closing said Msk8pwSecret"));

        FlotillaException masked = failure.masked(TARGET::scrub);

        assertThat(traceOf(masked)).contains("refused: ****", "password=****", "closing said ****")
                .doesNotContain("Msk8pwSecret");
        assertThat(masked.getMessage()).isEqualTo("Cannot connect to db: refused.");
        assertThat(masked.getStackTrace()).isEqualTo(failure.getStackTrace());
        assertThat(masked.getCause()).isInstanceOfSatisfying(SQLNonTransientConnectionException.class, cause -> {
            assertThat(cause.getSQLState()).isEqualTo("08001");
            assertThat(cause.getErrorCode()).isEqualTo(7);
            assertThat(cause.getStackTrace()).isEqualTo(driver.getStackTrace());
        });
        // pgjdbc's exception cannot be made with a message alone: a SQLException, its state kept, its stack the driver's.
        assertThat(masked.getCause().getCause()).isInstanceOfSatisfying(SQLException.class, cause -> {
            assertThat(cause.getSQLState()).isEqualTo(parse.getSQLState());
            assertThat(cause.getStackTrace()).isEqualTo(parse.getStackTrace());
        });
    }

    private static String traceOf(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
