package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.sql.LockRequest;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A history table another session holds exclusively (an uncommitted ALTER or LOCK TABLE): a locked session that reads
 * it in the lock's round trip gives up after its lock timeout, however the failure is then looked into.
 */
class HeldHistoryTablePostgresIT {
    private final TargetSpec spec = TestDatabases.postgres(TestDatabases.uniqueName());

    @AfterEach
    void drop() {
        TestDatabases.drop(spec);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_locked_open_reading_a_held_history_table_fails_with_lock_timeout_within_its_bound() throws Exception {
        try (TargetSession session = TargetSession.open(spec, true)) {
            session.history().createIfMissing();
        }
        try (Connection holder = TestDatabases.connect(spec)) {
            holder.setAutoCommit(false);
            Jdbc.execute(holder, "LOCK TABLE \"" + spec.schema() + "\"." + spec.historyTable() + " IN ACCESS EXCLUSIVE MODE");
            long started = System.nanoTime();

            FlotillaException failure = catchThrowableOfType(FlotillaException.class, () -> TargetSession.openLocked(spec,
                    ConnectionSource.DIRECT, Duration.ofSeconds(30), true,
                    new LockRequest.Timeouts(Duration.ofSeconds(2), Duration.ofMinutes(10))).close());

            assertThat(failure).as("the open gave up").isNotNull();
            assertThat(failure.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(failure.getMessage()).contains(spec.historyTable(), "deploy.lockTimeout");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            holder.rollback();
        }
    }
}
