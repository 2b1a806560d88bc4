package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.scratch.ScratchCleanup;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A clone dry run stopped mid-way by a real signal: SIGTERM drops its scratch database on the way out,
 * SIGKILL leaves it behind for {@code dry-run --cleanup}, which leaves it alone while its process runs.
 */
class CliDryRunProcessIT {
    private static final TargetSpec SERVER = TestDatabases.postgres(null);

    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @BeforeEach
    void setUp() throws Exception {
        fleet.addTenants(1);
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.migration("V3__slow.sql", "ALTER TABLE notes ADD COLUMN owner INT;\nSELECT pg_sleep(30);\n");
    }

    /** Starts a clone dry run and waits until its scratch database exists; returns the scratch's name. */
    private String startDryRun(List<Process> started) throws Exception {
        List<String> before = ScratchCleanup.find(SERVER);
        Process dryRun = fleet.start("dry-run", "--all", "--mode", "clone");
        started.add(dryRun);
        // Other runs on the shared server make scratch databases too: this dry run's is named with its process.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<String> now = new ArrayList<>(ScratchCleanup.find(SERVER));
            now.removeAll(before);
            for (String scratch : now) {
                if (scratch.contains("_p" + dryRun.pid() + "_") && slowMigrationRunsIn(scratch)) {
                    return scratch;
                }
            }
            if (dryRun.waitFor(50, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the dry run ended (exit " + dryRun.exitValue() + ") before its slow migration ran");
            }
        }
        throw new AssertionError("no dry run was running its slow migration in a scratch database within 60 s");
    }

    /** The copy is done and the dry run sits in the migration's pg_sleep inside the scratch database. */
    private static boolean slowMigrationRunsIn(String scratch) throws Exception {
        try (java.sql.Connection c = FleetSetup.connect()) {
            return dev.flotilla.sql.Jdbc.queryString(c, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ?"
                    + " AND state = 'active' AND query LIKE '%pg_sleep(30)%'", scratch).equals("1");
        }
    }

    /** Ends the server sessions connected to {@code scratch} and waits until the server has none left there. */
    private static void endSessionsOf(String scratch) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (java.sql.Connection c = FleetSetup.connect()) {
            while (!dev.flotilla.sql.Jdbc.queryString(c, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ?", scratch)
                    .equals("0")) {
                assertThat(System.nanoTime() < deadline).as("the sessions of " + scratch + " end within 60 s").isTrue();
                dev.flotilla.sql.Jdbc.queryStrings(c, "SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity"
                        + " WHERE datname = ?", scratch);
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    @Test
    void sigterm_drops_the_scratch_database_on_the_way_out() throws Exception {
        List<Process> started = new ArrayList<>();
        String scratch = startDryRun(started);

        started.get(0).destroy();

        assertThat(started.get(0).waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ScratchCleanup.find(SERVER)).doesNotContain(scratch);
        assertThat(fleet.applied("t00")).containsExactly("1", "2");
    }

    @Test
    void cleanup_while_the_dry_run_runs_leaves_its_scratch_database_saying_its_process_still_runs() throws Exception {
        List<Process> started = new ArrayList<>();
        String scratch = startDryRun(started);

        CliRun cleanup = fleet.run("dry-run", "--all", "--cleanup");

        assertThat(cleanup.exitCode()).as(cleanup.err()).isZero();
        assertThat(cleanup.out()).contains("Skipped scratch database " + scratch, "its process " + started.get(0).pid()
                + " on this machine is still running");
        assertThat(ScratchCleanup.find(SERVER)).contains(scratch);
        // Stopped as the SIGTERM test does; its hook drops the copy once the migration's statement gives way.
        started.get(0).destroy();
        assertThat(started.get(0).waitFor(120, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void after_sigkill_cleanup_finds_and_drops_the_scratch_database() throws Exception {
        List<Process> started = new ArrayList<>();
        String scratch = startDryRun(started);

        started.get(0).destroyForcibly();
        assertThat(started.get(0).waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ScratchCleanup.find(SERVER)).as("SIGKILL runs no shutdown hook").contains(scratch);

        // The killed run's statement (pg_sleep) goes on in its server session until it ends: until then the copy is in
        // use, skipped and said so. The test then ends that session, as an administrator would, not waiting out the sleep.
        CliRun cleanup = fleet.run("dry-run", "--all", "--cleanup");
        if (!cleanup.out().contains("Dropped scratch database " + scratch)) {
            assertThat(cleanup.out()).contains("Skipped scratch database " + scratch, "open session(s)");
            endSessionsOf(scratch);
            cleanup = fleet.run("dry-run", "--all", "--cleanup");
        }

        assertThat(cleanup.exitCode()).as(cleanup.err()).isZero();
        assertThat(cleanup.out()).contains("Dropped scratch database " + scratch);
        assertThat(ScratchCleanup.find(SERVER)).doesNotContain(scratch);
        assertThat(fleet.applied("t00")).containsExactly("1", "2");
    }
}
