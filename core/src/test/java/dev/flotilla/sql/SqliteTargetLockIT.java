package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.ChildJvm;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's target lock is a lock file beside the database, held for the whole run: a second session of this process or
 * another process waits for it the lock wait, then is told who holds it; it is free once released, and once its
 * holder's process dies.
 */
class SqliteTargetLockIT {
    @TempDir
    Path temp;

    private TargetSpec target() {
        return TestDatabases.sqlite(temp);
    }

    @Test
    void a_second_session_of_this_process_waits_the_lock_wait_and_is_told_another_session_here_holds_it() throws Exception {
        try (TargetSession holder = TargetSession.open(target(), true);
             SessionLock held = holder.lock(target().historyTable(), Duration.ofSeconds(1))) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> lock(Duration.ofMillis(400))).isInstanceOfSatisfying(FlotillaException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
                assertThat(e.getMessage()).contains("Could not lock " + target().displayName() + " within 400 ms: another"
                        + " Flotilla run is migrating it. Wait for it to finish, or raise --lock-wait",
                        "It is held by another session of this process (process " + ProcessHandle.current().pid() + " since ");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited the lock wait").isGreaterThanOrEqualTo(
                    Duration.ofMillis(350));
        }
        lock(Duration.ofMillis(1)); // had at once, once released
    }

    @Test
    void another_process_holding_the_lock_keeps_this_one_off_until_that_process_dies() throws Exception {
        lock(Duration.ofMillis(1)); // the database file and its lock file are there, as after a first run
        Path lockFile = temp.toRealPath().resolve("tenant.db.flotilla-lock");
        Process other = startHolder();
        try {
            assertThatThrownBy(() -> lock(Duration.ofMillis(300))).isInstanceOfSatisfying(FlotillaException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
                assertThat(e.getMessage()).contains("within 300 ms: another Flotilla run is migrating it",
                        "It is held by process " + other.pid() + " since ", "as its lock file " + lockFile + " says.");
            });
        } finally {
            other.destroyForcibly();
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).as("the holder was killed").isTrue();
        }
        lock(Duration.ofSeconds(5)); // the OS let go of a dead process's lock
    }

    @Test
    void the_lock_file_is_kept_beside_the_database_and_may_be_deleted_between_runs() throws Exception {
        lock(Duration.ofMillis(1));
        Path lockFile = temp.resolve("tenant.db.flotilla-lock");
        assertThat(lockFile).exists();

        Files.delete(lockFile);

        lock(Duration.ofMillis(1));
        assertThat(lockFile).exists();
    }

    @Test
    void a_lock_file_that_cannot_be_created_fails_saying_where_and_what_to_do_and_locks_nothing() throws Exception {
        lock(Duration.ofMillis(1));
        Path lockFile = temp.resolve("tenant.db.flotilla-lock");
        Files.delete(lockFile);
        Files.createDirectory(lockFile); // as a folder that cannot be written refuses it (the tests run as root)
        Path shown = temp.toRealPath().resolve("tenant.db.flotilla-lock");

        assertThatThrownBy(() -> lock(Duration.ofSeconds(1))).isInstanceOfSatisfying(FlotillaException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SQL_ERROR);
            assertThat(e.getMessage()).contains("Could not lock " + target().displayName() + ": its lock file "
                    + shown + " cannot be created or opened (",
                    "make the folder writable", "Nothing was changed.");
        });
        Files.delete(lockFile);
        lock(Duration.ofMillis(1)); // the failed try left no turn taken
    }

    private void lock(Duration wait) throws Exception {
        try (TargetSession session = TargetSession.open(target(), true);
             SessionLock held = session.lock(target().historyTable(), wait)) {
            assertThat(held).isNotNull();
        }
    }

    /** Another JVM holding the lock, once it says so. */
    private Process startHolder() throws Exception {
        return ChildJvm.startReady(HoldsSqliteLock.class, "locked", target().url());
    }
}
