package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A PostgreSQL control plane whose schema is being created gets no answer while it does (here: another session holds an
 * uncommitted table of the same name, so the server makes the creation wait, as a frozen server would): the opening fails
 * within the network timeout rather than hanging the command for ever.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ControlPlaneMigrationNoAnswerPostgresIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final String database = TestDatabases.uniqueName();

    @BeforeEach
    void createDatabase() throws Exception {
        TestDatabases.execute(TestDatabases.postgres(null), "CREATE DATABASE " + database);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        TestDatabases.execute(TestDatabases.postgres(null), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void migrating_the_schema_of_a_plane_that_does_not_answer_fails_within_the_network_timeout() throws Exception {
        String url = TestDatabases.POSTGRES_URL.substring(0, TestDatabases.POSTGRES_URL.lastIndexOf('/') + 1) + database;
        try (Connection holder = TestDatabases.connect(new dev.flotilla.target.TargetSpec(url, TestDatabases.POSTGRES_USER,
                null, null, null))) {
            holder.setAutoCommit(false);
            Jdbc.execute(holder, "CREATE TABLE " + ControlPlaneSchema.HISTORY_TABLE + " (id INT)");

            long start = System.nanoTime();
            assertThatThrownBy(() -> ControlPlane.open(url, TestDatabases.POSTGRES_USER, null, Heartbeat.DEFAULT_PERIOD, TIMEOUT)
                    .close()).isInstanceOf(FlotillaException.class).hasMessageContaining(database);
            // Unbounded, the migration waits as long as the other session holds its table: for ever.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            holder.rollback();
        }
    }
}
