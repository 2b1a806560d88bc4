package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TargetLockWaiters;
import dev.flotilla.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What `restore` prints for a tenant whose target lock another run held: the wait on its line when nothing changed
 * meanwhile, the TARGET_CHANGED refusal when the history did (nothing restored).
 */
class CliRestoreWaitIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");
    private String backup;
    private TargetSpec t00;

    @BeforeEach
    void deploy_and_back_up() throws Exception {
        fleet.addTenants(1);
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        backup = fleet.run("backup", "--tenants", "t00", "--json").json().at("/data/backup").asText();
        t00 = TestDatabases.postgres(fleet.schema("t00"));
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_restore_that_waited_for_a_run_which_changed_nothing_says_so_on_the_tenants_line() throws Exception {
        CliRun restored = restoreWhileHeld(Duration.ofMillis(1200), holder -> { });

        assertThat(restored.exitCode()).as(restored.out() + restored.err()).isZero();
        assertThat(restored.out()).containsPattern("restored t00 from \\S+ \\(it waited \\d+[smh] for another Flotilla run,"
                + " which changed nothing of its history meanwhile\\)\n").contains("Restored 1 of 1 tenant(s) from backup " + backup);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_restore_that_waited_while_the_tenants_history_changed_is_refused_with_target_changed() throws Exception {
        CliRun refused = restoreWhileHeld(Duration.ZERO, holder -> {
            Jdbc.execute(holder.connection(), "CREATE TABLE labels (id INTEGER)");
            holder.history().append(new AppliedMigration(0, "3", "labels", MigrationKind.VERSIONED, "V3__labels.sql", "c3",
                    "alice", Instant.now(), 1, true, null, null));
        });

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.out()).contains("FAILED t00: Restoring t00 waited ", " for its target lock, and meanwhile another"
                + " Flotilla run applied 3 there. Nothing was restored: backup " + backup + " was taken before that",
                "run the restore again if that is what you want undone.", "Restored 0 of 1 tenant(s) from backup " + backup);
        assertThat(refused.err()).contains("TARGET_CHANGED");
        assertThat(fleet.applied("t00")).containsExactly("1", "2", "3");
    }

    /** What the test does while it holds the target lock, after the restore has waited for it {@code atLeast}. */
    private interface Meanwhile {
        void run(TargetSession holder) throws Exception;
    }

    /** `restore` of t00 from the backup, run while the test holds t00's target lock and does {@code meanwhile}. */
    private CliRun restoreWhileHeld(Duration atLeast, Meanwhile meanwhile) throws Exception {
        CompletableFuture<CliRun> restore;
        try (TargetSession holder = TargetSession.open(t00, false);
             var held = holder.lock(t00.historyTable(), Duration.ofSeconds(5))) {
            restore = CompletableFuture.supplyAsync(() -> fleet.run("restore", "--backup", backup, "--tenants", "t00", "--yes"));
            TargetLockWaiters.awaitPollingForTheLock(t00, Jdbc.queryString(holder.connection(), "SELECT pg_backend_pid()"),
                    atLeast);
            meanwhile.run(holder);
        }
        return restore.get(60, TimeUnit.SECONDS);
    }
}
