package dev.flotilla.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenantId;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A failure masked with a target's scrub: what it says loses the secrets, keeps its code, remedies and cause. */
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
}
