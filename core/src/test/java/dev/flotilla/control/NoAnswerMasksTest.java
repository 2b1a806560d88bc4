package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.PrintedTrace;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A control plane that did not answer: the failure keeps the driver's exception as its cause, masked of the plane's
 * password and of a URL's secrets (a driver quoting the connection string), whether or not a commit was cut off.
 */
class NoAnswerMasksTest {
    private static final String PASSWORD = "Plane-S3cretPw";
    private static final TargetSpec PLANE = new TargetSpec("jdbc:postgresql://db:5432/flotilla", "flotilla",
            Secret.of(PASSWORD), null, null);

    @Test
    void a_request_that_got_no_answer_has_its_cause_quoting_the_password_masked_with_its_state_kept() {
        FlotillaException failure = NoAnswer.failure(PLANE, Duration.ofSeconds(5), "reading the tenants", cause(), false);

        assertThat(failure.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
        assertThat(PrintedTrace.of(failure)).contains("An I/O error occurred while sending to the backend ****",
                "?password=****", "Read timed out").doesNotContain(PASSWORD);
        assertThat(failure.getCause()).isInstanceOfSatisfying(SQLException.class,
                sql -> assertThat(sql.getSQLState()).isEqualTo("08006"));
        assertThat(NoAnswer.cause(failure)).as("still read as no answer").isTrue();
    }

    @Test
    void a_commit_cut_off_is_still_told_as_one_with_its_cause_masked() {
        FlotillaException failure = NoAnswer.failure(PLANE, Duration.ofSeconds(5), "recording a task", cause(), true);

        assertThat(failure).isInstanceOf(CommitUnknown.class);
        assertThat(PrintedTrace.of(failure)).contains("?password=****").doesNotContain(PASSWORD);
    }

    private static SQLException cause() {
        return new SQLException("An I/O error occurred while sending to the backend " + PASSWORD
                + " (jdbc:postgresql://db:5432/flotilla?password=" + PASSWORD + ")", "08006",
                new SocketTimeoutException("Read timed out"));
    }
}
