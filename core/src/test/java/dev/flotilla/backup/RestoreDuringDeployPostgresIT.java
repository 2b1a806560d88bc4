package dev.flotilla.backup;

import static dev.flotilla.backup.RestoreDuringDeploy.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.control.TaskEnd;
import dev.flotilla.control.TaskError;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TargetLockWaiters;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore started while a deployment migrates the tenant waits for its target lock. When the deployment changed the
 * tenant's history meanwhile, the backup predates what it applied, which whoever confirmed the restore had not seen: the
 * restore is refused, naming the deployment and what it applied, nothing restored. A wait that changed nothing is said.
 */
class RestoreDuringDeployPostgresIT {
    @TempDir
    Path temp;
    private final TargetSpec target = TestDatabases.postgres(TestDatabases.uniqueName());
    private RestoreDuringDeploy started;
    private final ExecutorService restoring = Executors.newSingleThreadExecutor();

    @BeforeEach
    void deploy_and_back_up() {
        started = new RestoreDuringDeploy(target, temp);
    }

    @AfterEach
    void drop() {
        restoring.shutdownNow();
        started.close();
        TestDatabases.drop(target);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_restore_that_waited_while_a_deployment_applied_a_migration_is_refused_naming_it_and_restores_nothing()
            throws Exception {
        Future<Backups.Restored> restore;
        try (TargetSession deploying = TargetSession.open(target, false);
             var held = deploying.lock(target.historyTable(), Duration.ofSeconds(5))) {
            restore = restoring.submit(() -> started.backups.restoreNoting(started.backup, target));
            TargetLockWaiters.awaitPollingForTheLock(target, Jdbc.queryString(deploying.connection(), "SELECT pg_backend_pid()"),
                    Duration.ZERO);
            Jdbc.execute(deploying.connection(), "CREATE TABLE tags (id INTEGER)");
            deploying.history().append(new AppliedMigration(0, "2", "tags", MigrationKind.VERSIONED, "V2__tags.sql", "c2",
                    "alice", Instant.now(), 1, true, null, null));
            started.plane.deployments().taskFinished(started.deployment, ACME,
                    TaskEnd.of(TaskStatus.SUCCEEDED, List.of("2"), TaskError.NONE, "", Instant.now()));
        }

        assertThat(restore).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.TARGET_CHANGED))
                .withMessageContainingAll("Restoring acme waited ", "for its target lock, and meanwhile deployment "
                        + started.deployment + " applied 2 there.", "Nothing was restored: backup manual-1 was taken before that",
                        "run the restore again");
        assertThat(count("SELECT COUNT(*) FROM pg_tables WHERE schemaname = '" + target.schema() + "' AND tablename = 'tags'"))
                .as("what the deployment applied is still there").isEqualTo("1");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_restore_that_waited_for_a_deployment_which_changed_nothing_restores_and_says_whom_it_waited_for() throws Exception {
        TestDatabases.execute(target, "INSERT INTO \"" + target.schema() + "\".notes (id) VALUES (2)");
        Future<Backups.Restored> restore;
        try (TargetSession deploying = TargetSession.open(target, false);
             var held = deploying.lock(target.historyTable(), Duration.ofSeconds(5))) {
            restore = restoring.submit(() -> started.backups.restoreNoting(started.backup, target));
            TargetLockWaiters.awaitPollingForTheLock(target, Jdbc.queryString(deploying.connection(), "SELECT pg_backend_pid()"),
                    RestoreWait.NOTABLE.plusMillis(200));
            started.plane.deployments().taskFinished(started.deployment, ACME,
                    TaskEnd.of(TaskStatus.FAILED, List.of(), TaskError.of(ErrorCode.SQL_ERROR, "V2 failed"),
                            "", Instant.now()));
        }

        Backups.Restored restored = restore.get(30, TimeUnit.SECONDS);
        assertThat(restored.version()).isEqualTo("1");
        assertThat(restored.waited()).startsWith("waited ").endsWith(" for deployment " + started.deployment
                + ", which changed nothing of its history meanwhile");
        assertThat(count("SELECT COUNT(*) FROM \"" + target.schema() + "\".notes")).as("restored").isEqualTo("1");
    }

    private String count(String sql) throws SQLException {
        try (Connection connection = TestDatabases.connect(target)) {
            return Jdbc.queryString(connection, sql);
        }
    }
}
