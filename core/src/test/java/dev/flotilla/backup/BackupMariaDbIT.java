package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackupMariaDbIT extends BackupContract {
    /** Short, so the tests take a second or two. */
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(1);
    /**
     * The holder's session is closed by the server once idle this long, which releases what it holds: a backup or
     * restore that waits without bound then gets the lock, goes ahead, and the test fails instead of hanging.
     */
    private static final int HOLDER_IDLE_SECONDS = 10;

    @Override
    TargetSpec createTarget(Path temp) {
        return TestDatabases.mariadb(TestDatabases.uniqueName());
    }

    /** A second session on the tenant's database; closing it releases its locks and ends its transaction. */
    private TargetSession holder() throws Exception {
        TargetSession holder = TargetSession.open(target, false);
        Jdbc.execute(holder.connection(), "SET SESSION wait_timeout = " + HOLDER_IDLE_SECONDS);
        return holder;
    }

    @Test
    void a_backup_gives_up_after_the_lock_timeout_while_another_session_holds_a_table() throws Exception {
        Backups bounded = new Backups(plane, temp.resolve("backups"), LOCK_TIMEOUT);
        try (TargetSession holder = holder()) {
            Jdbc.execute(holder.connection(), "LOCK TABLES notes WRITE");
            assertThatThrownBy(() -> bounded.take(TenantId.of("acme"), target, "d1")).isInstanceOfSatisfying(
                    FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                    .hasMessageContaining("Backing up " + target.displayName())
                    .hasMessageContainingAll("another session holds", "nothing was changed", "released the lock");
        }

        assertThat(plane.backups().forDeployment("d1", TenantId.of("acme"))).isEmpty();
        assertThat(bounded.take(TenantId.of("acme"), target, "d2")).as("once the lock is released").isPresent();
    }

    @Test
    void backups_given_no_lock_timeout_wait_the_default_one_not_the_servers_own() throws Exception {
        Backups unset = new Backups(plane, temp.resolve("backups"), (Duration) null);
        try (TargetSession holder = holder()) {
            Jdbc.execute(holder.connection(), "LOCK TABLES notes WRITE");
            // The server's lock_wait_timeout would wait until the holder idles out (then the backup would succeed).
            assertThatThrownBy(() -> unset.take(TenantId.of("acme"), target, "d1")).isInstanceOfSatisfying(
                    FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                    .hasMessageContaining("Backing up " + target.displayName());
        }
    }

    @Test
    void a_restore_gives_up_after_the_lock_timeout_behind_an_open_transaction_and_changes_nothing() throws Exception {
        BackupRecord backup = backups.take(TenantId.of("acme"), target, "d1").orElseThrow();
        sql("INSERT INTO notes (id, body) VALUES (3, 'after the backup')");
        Backups bounded = new Backups(plane, temp.resolve("backups"), LOCK_TIMEOUT);
        try (TargetSession holder = holder()) {
            holder.connection().setAutoCommit(false);
            Jdbc.queryString(holder.connection(), "SELECT body FROM notes WHERE id = 1");
            assertThatThrownBy(() -> bounded.restore(backup, target)).isInstanceOfSatisfying(FlotillaException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                    .hasMessageContaining("Restoring " + target.displayName())
                    .hasMessageContainingAll("another session holds", "nothing was changed");
        }

        assertThat(query("SELECT body FROM notes WHERE id = 3")).as("not half-restored").isEqualTo("after the backup");
        bounded.restore(backup, target);
        assertThat(query("SELECT COUNT(*) FROM notes")).as("restored once the transaction ended").isEqualTo("2");
    }
}
