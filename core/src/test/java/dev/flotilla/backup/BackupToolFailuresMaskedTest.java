package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.PrintedTrace;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A backup tool's failure caused by the driver keeps the driver's exception as its cause, masked of the target's password
 * and its URL's secrets as the message is: an application printing the stack sees no password.
 */
class BackupToolFailuresMaskedTest {
    private static final String PASSWORD = "Backup-S3cretPw";

    @Test
    void a_mariadb_restore_whose_drop_timed_out_has_its_cause_quoting_the_password_masked() {
        TargetSpec target = new TargetSpec("jdbc:mariadb://db:3306/t_acme", "app", Secret.of(PASSWORD), null, null);

        FlotillaException failure = MariaDbBackupTool.dropHeld(target, Duration.ofSeconds(3), quoting(PASSWORD, "HY000", 1205));

        assertThat(failure.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
        assertThat(PrintedTrace.of(failure)).contains("to drop its database", "refused ****", "password=****")
                .doesNotContain(PASSWORD);
        assertThat(failure.getCause()).isInstanceOfSatisfying(SQLException.class, sql -> assertThat(sql.getErrorCode())
                .isEqualTo(1205));
    }

    @Test
    void a_sqlite_restore_that_cannot_write_its_file_has_its_cause_quoting_the_password_masked() {
        TargetSpec target = new TargetSpec("jdbc:sqlite:/srv/t_acme.db", null, Secret.of(PASSWORD), null, null);

        FlotillaException failure = SqliteBackupTool.unwritable(target, quoting(PASSWORD, null, 8));

        assertThat(failure.code()).isEqualTo(ErrorCode.RESTORE_FAILED);
        assertThat(PrintedTrace.of(failure)).contains("cannot write its database file", "refused ****")
                .doesNotContain(PASSWORD);
    }

    private static SQLException quoting(String password, String state, int code) {
        return new SQLException("refused " + password + " (jdbc:mariadb://db:3306/t_acme?password=" + password + ")", state,
                code);
    }
}
