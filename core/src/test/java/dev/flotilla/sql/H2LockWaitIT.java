package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * H2's target lock: another run's lock is waited for as long as the lock wait says (not H2's default lock timeout of
 * 2 s) and then told as another run's; what other sessions hold in the history table does not keep it.
 */
class H2LockWaitIT {
    private final TargetSpec target = new TargetSpec(TestDatabases.h2(TestDatabases.uniqueName()).url(), "sa", null,
            "tenant_a", null);

    @AfterEach
    void drop() {
        TestDatabases.drop(target);
    }

    @Test
    void a_lock_another_run_holds_is_waited_for_the_whole_lock_wait_and_told_as_that_run_s() throws Exception {
        Duration wait = Duration.ofSeconds(4);
        try (TargetSession holder = TargetSession.open(target, true); var held = holder.lock("tenant_migrations", wait)) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> lock(wait)).isInstanceOfSatisfying(FlotillaException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
                assertThat(e.getMessage()).contains("within 4000 ms: another Flotilla run is migrating it");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited as long as it says").isGreaterThanOrEqualTo(
                    wait.minusMillis(100));
        }
        lock(Duration.ofMillis(300)); // had at once, once released
    }

    @Test
    void an_uncommitted_insert_into_the_history_table_does_not_keep_the_lock() throws Exception {
        try (TargetSession first = TargetSession.open(target, true); var held = first.lock("tenant_migrations", Duration.ofSeconds(1))) {
            Jdbc.execute(first.connection(), "CREATE TABLE \"tenant_a\".\"tenant_migrations\" (installed_rank INT PRIMARY KEY)");
        }
        try (Connection other = TestDatabases.connect(target)) {
            other.setAutoCommit(false);
            Jdbc.execute(other, "INSERT INTO \"tenant_a\".\"tenant_migrations\" VALUES (1)");

            lock(Duration.ofMillis(300));
            other.rollback();
        }
    }

    private void lock(Duration wait) throws Exception {
        try (TargetSession waiting = TargetSession.open(target, false); var lock = waiting.lock("tenant_migrations", wait)) {
            assertThat(lock).isNotNull();
        }
    }
}
