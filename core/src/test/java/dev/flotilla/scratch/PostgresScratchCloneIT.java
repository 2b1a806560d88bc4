package dev.flotilla.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Copying a PostgreSQL target's structure into a scratch database (a dry run's clone) waits for a table another session
 * holds no longer than it is given: pg_dump's --lock-wait-timeout, the dry run's lock timeout. Without it, pg_dump
 * waited for the holder up to its own ten-minute bound.
 */
class PostgresScratchCloneIT {
    private final TargetSpec target = TestDatabases.postgres(TestDatabases.uniqueName());

    @AfterEach
    void drop() {
        TestDatabases.drop(target);
    }

    @Test
    void a_copy_leaving_out_another_tools_history_table_leaves_out_the_sequence_its_serial_id_owns_too() throws Exception {
        try (TargetSession session = TargetSession.open(target, true)) {
            session.createSchemaIfMissing();
            Jdbc.execute(session.connection(), "CREATE TABLE schema_migrations (id SERIAL PRIMARY KEY, filename TEXT)");
            Jdbc.execute(session.connection(), "CREATE TABLE orders (id SERIAL PRIMARY KEY, note TEXT)");
            Jdbc.execute(session.connection(), "CREATE SEQUENCE invoice_numbers");
        }
        try (TargetSession source = TargetSession.open(target, false)) {
            String structure = String.join("\n", StructureScript.of(source, Set.of("schema_migrations")).statements());

            assertThat(structure).doesNotContain("schema_migrations").contains("orders_id_seq", "invoice_numbers");
        }
    }

    @Test
    @Timeout(60)
    void a_table_another_session_holds_fails_the_copy_after_the_lock_wait_naming_the_table() throws Exception {
        try (TargetSession session = TargetSession.open(target, true)) {
            session.createSchemaIfMissing();
            Jdbc.execute(session.connection(), "CREATE TABLE job_tickets (id INTEGER PRIMARY KEY)");
        }
        try (Connection holder = TargetSession.connectToServer(target);
             TargetSession source = TargetSession.open(target, false)) {
            holder.setAutoCommit(false);
            Jdbc.execute(holder, "LOCK TABLE \"" + target.schema() + "\".job_tickets IN ACCESS EXCLUSIVE MODE");
            long start = System.nanoTime();

            assertThatThrownBy(() -> ScratchClone.forDialect("postgresql", Duration.ofSeconds(1))
                    .create(source, Set.of(), RowSample.NONE).close())
                    .isInstanceOf(FlotillaException.class)
                    .satisfies(e -> assertThat(((FlotillaException) e).code()).isEqualTo(ErrorCode.CLONE_FAILED))
                    .hasMessageContaining("job_tickets");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            holder.rollback();
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_clone_another_session_holds_is_left_after_the_lock_wait_naming_it_and_the_cleanup() throws Exception {
        try (TargetSession session = TargetSession.open(target, true)) {
            session.createSchemaIfMissing();
        }
        try (Connection holder = TargetSession.connectToServer(target);
             TargetSession source = TargetSession.open(target, false)) {
            Scratch clone = ScratchClone.forDialect("postgresql", Duration.ofSeconds(1)).create(source, Set.of(), RowSample.NONE);
            // A comment on the database, its transaction open, holds a lock on the database DROP DATABASE waits for;
            // WITH (FORCE) ends the sessions connected to the clone, not this one, connected elsewhere.
            holder.setAutoCommit(false);
            Jdbc.execute(holder, "COMMENT ON DATABASE \"" + clone.name() + "\" IS 'held'");
            long start = System.nanoTime();

            assertThatThrownBy(clone::close)
                    .isInstanceOf(FlotillaException.class)
                    .satisfies(e -> assertThat(((FlotillaException) e).code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                    .hasMessageContaining("scratch database " + clone.name())
                    .hasMessageContaining("waited more than 1s (the lock timeout)")
                    .hasMessageContaining("`flotilla dry-run --cleanup`");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            holder.rollback();
            holder.setAutoCommit(true);
            Jdbc.execute(holder, "DROP DATABASE IF EXISTS \"" + clone.name() + "\" WITH (FORCE)");
        }
    }
}
