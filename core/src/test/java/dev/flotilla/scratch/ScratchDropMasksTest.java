package dev.flotilla.scratch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.PrintedTrace;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A scratch left because another session held it: the driver's exception kept as the cause, masked of the target's secrets. */
class ScratchDropMasksTest {
    private static final String PASSWORD = "Scratch-S3cretPw";

    @Test
    void a_drop_that_timed_out_has_its_cause_quoting_the_password_masked_with_its_state_kept() {
        TargetSpec target = new TargetSpec("jdbc:mariadb://db:3306/app", "app", Secret.of(PASSWORD), null, null);
        SQLException timedOut = new SQLException("Lock wait timeout exceeded (jdbc:mariadb://db:3306/app?password=" + PASSWORD
                + ")", "HY000", 1205);

        FlotillaException failure = ScratchTarget.undroppable(target, "database flotilla_dry_1", "one of its tables",
                Duration.ofSeconds(5), timedOut);

        assertThat(failure.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
        assertThat(failure.getMessage()).contains("Could not drop the scratch database flotilla_dry_1", "--cleanup");
        assertThat(PrintedTrace.of(failure)).contains("Lock wait timeout exceeded", "password=****").doesNotContain(PASSWORD);
        assertThat(failure.getCause()).isInstanceOfSatisfying(SQLException.class, sql -> assertThat(sql.getErrorCode())
                .isEqualTo(1205));
    }
}
