package dev.flotilla.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dropping a scratch target (a drift check's, a baseline's) waits for a table another session holds no longer than the run's lock timeout. */
class ScratchTargetIT {
    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void a_scratch_whose_table_another_session_holds_is_left_after_the_lock_timeout_naming_it_and_the_cleanup(String dialect)
            throws Exception {
        boolean postgres = "postgresql".equals(dialect);
        TargetSpec server = postgres ? TestDatabases.postgres(null) : TestDatabases.mariadb(null);
        ScratchTarget scratch = ScratchTarget.beside(server, Duration.ofSeconds(1));
        String left = (postgres ? "schema " : "") + scratch.name();
        try (TargetSession session = TargetSession.open(scratch.spec(), true)) {
            Jdbc.execute(session.connection(), "CREATE TABLE t (id INTEGER PRIMARY KEY)");
        }
        try (Connection holder = TestDatabases.connect(server)) {
            holder.setAutoCommit(false);
            Jdbc.queryStrings(holder, "SELECT count(*) FROM " + (postgres ? "\"" + scratch.name() + "\"" : "`" + scratch.name() + "`") + ".t");

            // Without a bound the drop waited for the holder, here until the test's own bound.
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(scratch::close)
                    .isInstanceOf(FlotillaException.class)
                    .satisfies(e -> assertThat(((FlotillaException) e).code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                    .hasMessageContaining("Could not drop the scratch " + (postgres ? "schema " : "database ") + scratch.name())
                    .hasMessageContaining("waited more than 1s (the lock timeout) for one of its tables, which another session holds")
                    .hasMessageContaining("remove it with `flotilla dry-run --cleanup` once that session has ended"));
            holder.rollback();
        } finally {
            assertThat(ScratchCleanup.find(server)).contains(left);
            assertThat(ScratchCleanup.dropUnused(server, List.of(left)).dropped()).containsExactly(left);
        }
    }
}
