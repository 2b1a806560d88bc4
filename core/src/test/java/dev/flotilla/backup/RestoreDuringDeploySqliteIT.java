package dev.flotilla.backup;

import static dev.flotilla.backup.RestoreDuringDeploy.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
 * On SQLite the target lock is the database file's write lock, which a deployment holds while it applies a migration:
 * a restore started then waits for it and reads the history under it, as on PostgreSQL, so what the migration applied
 * meanwhile refuses the restore instead of being restored over.
 */
class RestoreDuringDeploySqliteIT {
    @TempDir
    Path temp;
    private TargetSpec target;
    private RestoreDuringDeploy started;
    private final ExecutorService restoring = Executors.newSingleThreadExecutor();

    @BeforeEach
    void deploy_and_back_up() {
        target = TestDatabases.sqlite(temp);
        started = new RestoreDuringDeploy(target, temp);
    }

    @AfterEach
    void close() {
        restoring.shutdownNow();
        started.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_restore_that_waited_while_a_deployment_applied_a_migration_is_refused_and_restores_nothing() throws Exception {
        CountDownLatch historyRead = new CountDownLatch(1);
        Future<Backups.Restored> restore;
        try (TargetSession deploying = TargetSession.open(target, false)) {
            Connection connection = deploying.connection();
            connection.setAutoCommit(false); // as a migration's transaction: BEGIN IMMEDIATE, the file's write lock
            Jdbc.execute(connection, "CREATE TABLE tags (id INTEGER)");
            deploying.history().append(new AppliedMigration(0, "2", "tags", MigrationKind.VERSIONED, "V2__tags.sql", "c2",
                    "alice", Instant.now(), 1, true, null, null));
            restore = restoring.submit(() -> started.backups.restoreNoting(started.backup, target, historyRead::countDown));
            assertThat(historyRead.await(30, TimeUnit.SECONDS)).as("the restore read the history before the lock").isTrue();
            connection.commit();
            connection.setAutoCommit(true);
            started.plane.deployments().taskFinished(started.deployment, ACME, TaskStatus.SUCCEEDED, List.of("2"), null, null, "",
                    Instant.now());
        }

        assertThat(restore).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.TARGET_CHANGED))
                .withMessageContainingAll("Restoring acme waited ", "meanwhile deployment " + started.deployment
                        + " applied 2 there.",
                        "Nothing was restored");
        assertThat(count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'tags'")).as("what the deployment applied is"
                + " still there").isEqualTo("1");
    }

    @Test
    void a_restore_that_waited_for_nobody_restores() throws Exception {
        try (Connection connection = TestDatabases.connect(target)) {
            Jdbc.execute(connection, "INSERT INTO notes (id) VALUES (2)");
        }

        Backups.Restored restored = started.backups.restoreNoting(started.backup, target);

        assertThat(restored.version()).isEqualTo("1");
        assertThat(restored.waited()).isNull();
        assertThat(count("SELECT COUNT(*) FROM notes")).as("restored").isEqualTo("1");
    }

    private String count(String sql) throws SQLException {
        try (Connection connection = TestDatabases.connect(target)) {
            return Jdbc.queryString(connection, sql);
        }
    }
}
