package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.PostgresPlaneDatabase;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL control plane whose schema is being created gets no answer while it does (here: another session holds an
 * uncommitted table of the same name, so the server makes the creation wait, as a frozen server would): the opening fails
 * within the network timeout, told as such, rather than hanging the command for ever.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ControlPlaneMigrationNoAnswerPostgresIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @RegisterExtension
    final PostgresPlaneDatabase database = new PostgresPlaneDatabase();

    @Test
    void migrating_the_schema_of_a_plane_that_does_not_answer_fails_within_the_network_timeout() throws Exception {
        // The history table's creation waits on the other session's: the first request of the first migration.
        assertOpeningGetsNoAnswerWhileAnotherSessionHolds(ControlPlaneSchema.HISTORY_TABLE);
    }

    @Test
    void a_migration_statement_that_gets_no_answer_is_told_as_no_answer_not_as_the_closed_connection_it_leaves() throws Exception {
        // The history table is made; V1's first statement (CREATE TABLE tenants) waits on the other session's.
        assertOpeningGetsNoAnswerWhileAnotherSessionHolds("tenants");
    }

    /**
     * Opens the plane while another session holds an uncommitted table named {@code table}, which the migration creates
     * too: the server makes it wait, and the opening must fail within the network timeout, told as a request that got
     * no answer (the cleanup on the connection the driver closed failing too, told with it, not in its place).
     */
    private void assertOpeningGetsNoAnswerWhileAnotherSessionHolds(String table) throws Exception {
        String url = database.url();
        try (Connection holder = TestDatabases.connect(database.spec())) {
            holder.setAutoCommit(false);
            Jdbc.execute(holder, "CREATE TABLE " + table + " (id INT)");

            long start = System.nanoTime();
            assertThatThrownBy(() -> ControlPlane.open(url, TestDatabases.POSTGRES_USER, null, Heartbeat.DEFAULT_PERIOD, TIMEOUT)
                    .close()).isInstanceOfSatisfying(FlotillaException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
                        assertThat(e.getMessage()).contains("The control plane " + url).contains("did not answer within 2 s")
                                .contains("controlPlane.networkTimeout").contains("upgrading its schema")
                                .contains("run the command again").doesNotContain("has been closed");
                    });
            // Unbounded, the migration waits as long as the other session holds its table: for ever.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            holder.rollback();
        }
    }
}
