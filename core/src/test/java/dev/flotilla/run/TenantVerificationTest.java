package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tenant whose checks could not run says why in its status as plan and status --fleet --live do: locked, unreachable,
 * refused; error for anything else.
 */
class TenantVerificationTest {
    @Test
    void checks_that_could_not_run_say_locked_unreachable_or_refused_as_plan_does_and_error_otherwise() {
        assertThat(notRun(ErrorCode.LOCK_TIMEOUT).statusWord()).isEqualTo("locked");
        assertThat(notRun(ErrorCode.CONNECTION_FAILED).statusWord()).isEqualTo("unreachable");
        assertThat(notRun(ErrorCode.AUTHENTICATION_FAILED).statusWord()).isEqualTo("refused");
        assertThat(notRun(ErrorCode.TARGET_MISSING).statusWord()).isEqualTo("error");
        assertThat(notRun(ErrorCode.LOCK_TIMEOUT).asMap()).containsEntry("status", "locked").containsEntry("ok", false);
    }

    private static TenantVerification notRun(ErrorCode code) {
        return new TenantVerification(TenantId.of("acme"), "db (schema acme)", List.of(), code, "why");
    }
}
