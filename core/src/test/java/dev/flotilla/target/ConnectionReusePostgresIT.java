package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.run.TargetRunner;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
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
    void a_locked_run_with_timeouts_leaves_the_kept_connection_unlocked_and_with_default_timeouts() throws Exception {
        Path folder = java.nio.file.Files.createTempDirectory("reuse");
        java.nio.file.Files.writeString(folder.resolve("V1__alpha.sql"), "CREATE TABLE alpha (id INT);\n");
        TargetOptions options = new TargetOptions(first, folder, java.util.Map.of(), null, Duration.ofSeconds(5),
                Duration.ofMillis(1234), Duration.ofMinutes(3), null, null);
        LoadedMigrations migrations = new MigrationLoader(java.util.Set.of()).load(folder);
        try (ConnectionReuse reuse = new ConnectionReuse(1)) {
            assertThat(new TargetRunner(options, migrations, reuse).migrate().ok()).isTrue();
            try (TargetSession next = TargetSession.open(missing, false, reuse)) {
                Connection kept = next.connection();
                assertThat(Jdbc.queryString(kept, "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'"
                        + " AND pid = pg_backend_pid()")).as("target lock released").isEqualTo("0");
                assertThat(Jdbc.queryString(kept, "SHOW lock_timeout")).isNotEqualTo("1234ms");
                assertThat(Jdbc.queryString(kept, "SHOW statement_timeout")).isNotEqualTo("3min");
            }
        }
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
