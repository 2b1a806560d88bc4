package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection kept for the next tenant carries nothing of the last one: schema, settings, locks, temp tables. */
class ConnectionReusePostgresIT {
    private final TargetSpec first = TestDatabases.postgres(TestDatabases.uniqueName());
    private final TargetSpec missing = TestDatabases.postgres(TestDatabases.uniqueName());

    @AfterEach
    void drop() {
        TestDatabases.drop(first);
    }

    @Test
    void the_next_session_gets_the_same_connection_reset_and_out_of_the_last_schema() throws Exception {
        Connection used;
        try (ConnectionReuse reuse = new ConnectionReuse(2)) {
            try (TargetSession session = TargetSession.open(first, true, reuse)) {
                used = session.connection();
                Jdbc.execute(used, "CREATE TABLE marker (id INT)");
                Jdbc.execute(used, "SET work_mem = '7MB'");
                Jdbc.execute(used, "CREATE TEMP TABLE scratch_rows (id INT)");
                Jdbc.queryString(used, "SELECT pg_advisory_lock(4242)");
            }
            try (TargetSession next = TargetSession.open(missing, false, reuse)) {
                assertThat(next.connection()).as("reused").isSameAs(used);
                assertThat(next.schemaExists()).isFalse();
                assertThat(Jdbc.queryString(next.connection(), "SHOW search_path")).isEmpty();
                assertThat(Jdbc.queryString(next.connection(), "SHOW work_mem")).isNotEqualTo("7MB");
                assertThat(Jdbc.queryString(next.connection(), "SELECT to_regclass('pg_temp.scratch_rows')")).isNull();
                assertThat(Jdbc.queryString(next.connection(), "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'"
                        + " AND pid = pg_backend_pid()")).isEqualTo("0");
            }
            try (TargetSession again = TargetSession.open(first, false, reuse)) {
                assertThat(Jdbc.queryString(again.connection(), "SELECT COUNT(*) FROM marker")).isEqualTo("0");
            }
        }
        assertThat(used.isClosed()).as("closed with the reuse").isTrue();
    }

    @Test
    void a_connection_left_in_a_transaction_is_closed_not_kept() throws Exception {
        try (ConnectionReuse reuse = new ConnectionReuse(2)) {
            Connection used;
            try (TargetSession session = TargetSession.open(first, true, reuse)) {
                used = session.connection();
                used.setAutoCommit(false);
            }
            assertThat(used.isClosed()).isTrue();
        }
    }
}
