package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The session timeouts PostgreSQL's target lock sets in its round trip are still in force after that round trip failed
 * (one implicit transaction: its failure rolled back what it set), so what the caller runs next on the connection
 * cannot wait without bound on a table another session holds.
 */
class PostgresLockTimeoutsIT {
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(1);
    private final TargetSpec target = TestDatabases.postgres(TestDatabases.uniqueName());
    private final String history = "\"" + target.schema() + "\".tenant_migrations";
    /** Holds the history table; closed after each test, so a statement the test left waiting on it ends too. */
    private Connection holder;

    /** The read a lock makes in its round trip, of a column the test's history table does not have. */
    private final LockRequest.ReadAfterLock read = new LockRequest.ReadAfterLock() {
        @Override
        public String sql() {
            return "SELECT installed_rank FROM " + history + " ORDER BY installed_rank";
        }

        @Override
        public void rows(ResultSet rows) {
        }
    };

    @BeforeEach
    void historyTable() throws SQLException {
        TestDatabases.execute(TestDatabases.postgres(null), "CREATE SCHEMA \"" + target.schema() + "\"",
                "CREATE TABLE " + history + " (version VARCHAR(50))");
    }

    @AfterEach
    void drop() throws SQLException {
        if (holder != null) {
            holder.close();
        }
        TestDatabases.drop(target);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void after_a_lock_try_whose_history_read_gave_up_on_a_held_table_the_next_read_of_it_gives_up_too() throws Exception {
        holder = TestDatabases.connect(target);
        holder.setAutoCommit(false);
        Jdbc.execute(holder, "LOCK TABLE " + history + " IN ACCESS EXCLUSIVE MODE");
        try (Connection connection = TestDatabases.connect(target)) {
            SQLException tried = catchThrowableOfType(SQLException.class, () -> enterAndLock(connection));
            assertThat((Throwable) tried).as("the read in the lock's round trip gave up").isNotNull();
            assertThat(tried.getSQLState()).isEqualTo("55P03");

            SQLException next = catchThrowableOfType(SQLException.class,
                    () -> Jdbc.queryString(connection, "SELECT count(*) FROM " + history));

            assertThat((Throwable) next).as("the next read, bounded by the lock timeout the failed round trip had set").isNotNull();
            assertThat(next.getSQLState()).isEqualTo("55P03");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void after_a_lock_try_whose_history_read_was_refused_the_session_keeps_both_timeouts() throws Exception {
        try (Connection connection = TestDatabases.connect(target)) {
            SQLException tried = catchThrowableOfType(SQLException.class, () -> enterAndLock(connection));
            assertThat((Throwable) tried).as("the history table has no installed_rank").isNotNull();
            assertThat(tried.getSQLState()).isEqualTo("42703");

            assertThat(Jdbc.queryRow(connection, "SELECT current_setting('lock_timeout'), current_setting('statement_timeout')"))
                    .containsExactly("1s", "10min");
        }
    }

    private void enterAndLock(Connection connection) throws SQLException {
        Dialect.forUrl(target.url()).enterAndLock(new LockRequest(connection, () -> TestDatabases.connect(target),
                target.schema(), "tenant_migrations", target.displayName(), read,
                new LockRequest.Timeouts(LOCK_TIMEOUT, Duration.ofMinutes(10))), Duration.ofSeconds(10));
    }
}
