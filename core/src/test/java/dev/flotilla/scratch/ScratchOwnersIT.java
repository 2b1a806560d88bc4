package dev.flotilla.scratch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.Runner;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.OtherProcesses;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cleanup drops only the scratch it can prove unused: another process's scratch is told by the owner its name records,
 * a process that ended (its scratch dropped) from one that runs (its scratch kept, saying so). The other processes are
 * real ones: one already ended, one sleeping until the test ends. Each test cleans only the names it made.
 */
class ScratchOwnersIT {
    private final OtherProcesses processes = new OtherProcesses();
    private final List<Runnable> drops = new ArrayList<>();

    @AfterEach
    void tearDown() {
        processes.close();
        drops.forEach(Runnable::run);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void a_killed_processs_scratch_database_is_dropped_and_a_running_ones_is_left_saying_its_process_runs(String dialect)
            throws Exception {
        TargetSpec server = "postgresql".equals(dialect) ? TestDatabases.postgres(null) : TestDatabases.mariadb(null);
        String killed = ScratchNames.named(processes.ended(), Runner.place(), Instant.now());
        String running = ScratchNames.named(processes.running(), Runner.place(), Instant.now());
        create(server, "DATABASE", killed);
        create(server, "DATABASE", running);

        ScratchCleanup.Result result = ScratchCleanup.dropUnused(server, List.of(killed, running));

        assertThat(result.dropped()).containsExactly(killed);
        assertThat(result.skipped()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo(running);
            assertThat(s.reason()).contains("still running");
        });
        assertThat(ScratchCleanup.find(server)).contains(running).doesNotContain(killed);
    }

    @Test
    void a_drift_checks_scratch_schema_is_dropped_only_once_its_process_has_ended() throws Exception {
        TargetSpec server = TestDatabases.postgres(null);
        String killed = ScratchNames.named(processes.ended(), Runner.place(), Instant.now());
        String running = ScratchNames.named(processes.running(), Runner.place(), Instant.now());
        create(server, "SCHEMA", killed);
        create(server, "SCHEMA", running);

        ScratchCleanup.Result result = ScratchCleanup.dropUnused(server, List.of("schema " + killed, "schema " + running));

        assertThat(result.dropped()).containsExactly("schema " + killed);
        assertThat(result.skipped()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("schema " + running));
        assertThat(ScratchCleanup.find(server)).contains("schema " + running).doesNotContain("schema " + killed);
    }

    @Test
    void a_cleanup_leaves_the_scratch_schema_its_own_process_has_open_and_drops_it_once_closed() throws Exception {
        TargetSpec server = TestDatabases.postgres(null);
        ScratchTarget scratch = ScratchTarget.beside(server, java.time.Duration.ofSeconds(5));
        drops.add(scratch::close);
        create(server, "SCHEMA", scratch.name());

        assertThat(ScratchCleanup.dropUnused(server, List.of("schema " + scratch.name())).skipped())
                .singleElement().satisfies(s -> assertThat(s.reason()).isEqualTo("this process is using it"));
        ScratchRegistry.forget(scratch.name());
        assertThat(ScratchCleanup.dropUnused(server, List.of("schema " + scratch.name())).dropped())
                .containsExactly("schema " + scratch.name());
    }

    @Test
    void a_scratch_schema_of_another_machine_or_of_an_older_flotilla_is_left_saying_how_to_remove_it() throws Exception {
        TargetSpec server = TestDatabases.postgres(null);
        String elsewhere = ScratchNames.named(processes.ended(), "0badc0de".equals(Runner.place()) ? "0badc0df" : "0badc0de",
                Instant.now());
        String older = ScratchNames.named(0, null, Instant.now());
        create(server, "SCHEMA", elsewhere);
        create(server, "SCHEMA", older);

        ScratchCleanup.Result result = ScratchCleanup.dropUnused(server, List.of("schema " + elsewhere, "schema " + older));

        assertThat(result.dropped()).isEmpty();
        assertThat(result.skipped()).extracting(ScratchCleanup.Skipped::reason).satisfiesExactly(
                reason -> assertThat(reason).contains("another machine", "run --cleanup there"),
                reason -> assertThat(reason).contains("does not say which process made it", "DROP SCHEMA"));
    }

    private void create(TargetSpec server, String kind, String name) throws Exception {
        try (Connection admin = TargetSession.connectToServerOnly(server)) {
            Jdbc.execute(admin, "CREATE " + kind + " " + name);
        }
        drops.add(() -> {
            try (Connection admin = TargetSession.connectToServerOnly(server)) {
                Jdbc.execute(admin, "DROP " + kind + " IF EXISTS " + name + ("SCHEMA".equals(kind) ? " CASCADE" : ""));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
