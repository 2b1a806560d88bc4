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
import dev.flotilla.sql.SessionLock;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.ConnectionSource;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On SQLite the target lock is a lock file beside the database, which a deployment holds for the whole tenant: a restore
 * started while it migrates (in a migration, or between two) waits for it and reads the history under it, as on
 * PostgreSQL, so what the deployment applied meanwhile refuses the restore instead of being restored over.
 */
class RestoreDuringDeploySqliteIT {
    @TempDir
    Path temp;
    private TargetSpec target;
    private RestoreDuringDeploy started;
    private final AtomicReference<Thread> restorer = new AtomicReference<>();
    private final ExecutorService restoring = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "restoring");
        restorer.set(thread);
        return thread;
    });

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
        try (TargetSession deploying = deployment(); SessionLock held = deploying.heldLock()) {
            Connection connection = deploying.connection();
            connection.setAutoCommit(false); // a migration's transaction: BEGIN IMMEDIATE
            apply(deploying, "2", "tags");
            restore = restoring.submit(() -> started.backups.restoreNoting(started.backup, target, historyRead::countDown));
            assertThat(historyRead.await(30, TimeUnit.SECONDS)).as("the restore read the history before the lock").isTrue();
            connection.commit();
            connection.setAutoCommit(true);
            finished("2");
        }

        assertRefused(restore, "applied 2");
        assertThat(count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'tags'")).as("what the deployment applied is"
                + " still there").isEqualTo("1");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_restore_started_between_two_migrations_of_a_deployment_waits_for_its_end_and_is_refused() throws Exception {
        Future<Backups.Restored> restore;
        try (TargetSession deploying = deployment(); SessionLock held = deploying.heldLock()) {
            apply(deploying, "2", "tags"); // committed: the file's write lock is free until the next migration
            restore = restoring.submit(() -> started.backups.restoreNoting(started.backup, target));
            awaitWaitingOrDone(restore);
            apply(deploying, "3", "labels");
            finished("2", "3");
        }

        assertRefused(restore, "applied 3");
        assertThat(count("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('tags', 'labels')")).as("what the deployment"
                + " applied is still there").isEqualTo("2");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_restore_that_waited_for_a_deployment_that_changed_nothing_restores_once_it_ends() throws Exception {
        try (Connection connection = TestDatabases.connect(target)) {
            Jdbc.execute(connection, "INSERT INTO notes (id) VALUES (2)");
        }
        Future<Backups.Restored> restore;
        try (TargetSession deploying = deployment(); SessionLock held = deploying.heldLock()) {
            restore = restoring.submit(() -> started.backups.restoreNoting(started.backup, target));
            awaitWaitingOrDone(restore);
            assertThat(restore).as("held back while the deployment holds the lock").isNotDone();
        }

        assertThat(restore.get(30, TimeUnit.SECONDS).version()).isEqualTo("1");
        assertThat(count("SELECT COUNT(*) FROM notes")).as("restored").isEqualTo("1");
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

    /** A deployment's session on the tenant: the target lock taken, as a deploy takes it for the whole tenant. */
    private TargetSession deployment() {
        return TargetSession.openLocked(target, ConnectionSource.DIRECT, Duration.ofSeconds(5), true);
    }

    /** A migration creating {@code table}, recorded, in the session's transaction (committed at once in autocommit). */
    private static void apply(TargetSession deploying, String version, String table) throws SQLException {
        Jdbc.execute(deploying.connection(), "CREATE TABLE " + table + " (id INTEGER)");
        deploying.history().append(new AppliedMigration(0, version, table, MigrationKind.VERSIONED, "V" + version + "__"
                + table + ".sql", "c" + version, "alice", Instant.now(), 1, true, null, null));
    }

    private void finished(String... applied) {
        started.plane.deployments().taskFinished(started.deployment, ACME,
                TaskEnd.of(TaskStatus.SUCCEEDED, List.of(applied), TaskError.NONE, "", Instant.now()));
    }

    /**
     * Returns once the restore waits for the target lock (its thread is in the lock's wait) or has ended: it then
     * either waits for the deployment, or it did not and the test's assertions say so.
     */
    private void awaitWaitingOrDone(Future<?> restore) {
        while (!restore.isDone() && !waitingForLock(restorer.get())) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static boolean waitingForLock(Thread thread) {
        if (thread == null) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals("dev.flotilla.sql.LockWait")) {
                return true;
            }
        }
        return false;
    }

    private void assertRefused(Future<Backups.Restored> restore, String done) {
        assertThat(restore).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.TARGET_CHANGED))
                .withMessageContainingAll("Restoring acme waited ", "meanwhile deployment " + started.deployment
                        + " " + done + " there.", "Nothing was restored");
    }

    private String count(String sql) throws SQLException {
        try (Connection connection = TestDatabases.connect(target)) {
            return Jdbc.queryString(connection, sql);
        }
    }
}
