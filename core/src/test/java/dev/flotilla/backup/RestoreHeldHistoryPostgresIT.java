package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore's target lock reads the history table in its round trip: while another session holds that table (an
 * uncommitted ALTER TABLE or LOCK TABLE), the restore gives up after the lock timeout, naming the table and its holder,
 * instead of waiting for as long as the other session keeps it.
 */
class RestoreHeldHistoryPostgresIT {
    /**
     * The holder's transaction is ended by the server once idle this long: a restore that waits without bound then gets
     * the table, goes ahead, and the test fails instead of hanging.
     */
    private static final String HOLDER_IDLE = "10s";

    @TempDir
    Path temp;
    private final TargetSpec target = TestDatabases.postgres(TestDatabases.uniqueName());
    private ControlPlane plane;

    @BeforeEach
    void deploy() {
        plane = ControlPlane.open("jdbc:h2:mem:cp_" + TestDatabases.uniqueName() + ";DB_CLOSE_DELAY=-1", "sa", null);
        MigrationFolder files = new MigrationFolder(temp.resolve("migrations"))
                .write("V1__notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY);\nINSERT INTO notes (id) VALUES (1);\n");
        assertThat(Flotilla.load(TargetOptions.of(target, files.path())).migrate().ok()).isTrue();
    }

    @AfterEach
    void drop() {
        plane.close();
        TestDatabases.drop(target);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_restore_gives_up_after_the_lock_timeout_while_another_session_holds_the_history_table_and_names_it()
            throws Exception {
        Backups bounded = new Backups(plane, temp.resolve("backups"), Duration.ofSeconds(1));
        BackupRecord backup = bounded.take(TenantId.of("acme"), target, "d1").orElseThrow();
        TestDatabases.execute(target, "INSERT INTO \"" + target.schema() + "\".notes (id) VALUES (2)");

        try (Connection holder = TestDatabases.connect(target)) {
            Jdbc.execute(holder, "SET idle_in_transaction_session_timeout = '" + HOLDER_IDLE + "'");
            holder.setAutoCommit(false);
            Jdbc.execute(holder, "LOCK TABLE \"" + target.schema() + "\".tenant_migrations IN ACCESS EXCLUSIVE MODE");

            assertThatThrownBy(() -> bounded.restore(backup, target)).isInstanceOfSatisfying(FlotillaException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                    .hasMessageContaining("Restoring " + target.displayName() + " waited more than 1 s (the lock timeout)"
                            + " to read its history table tenant_migrations (SQLSTATE 55P03)")
                    .hasMessageContainingAll("another session holds tenant_migrations (process ", "nothing was changed",
                            "deploy.lockTimeout");
        }

        assertThat(notes()).as("not restored").isEqualTo("2");
        bounded.restore(backup, target);
        assertThat(notes()).as("restored once the table was released").isEqualTo("1");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_restore_waits_for_another_runs_target_lock_no_longer_than_the_lock_wait_it_is_given() throws Exception {
        Backups bounded = new Backups(plane, temp.resolve("backups"), Duration.ofSeconds(1), Duration.ofMillis(300));
        BackupRecord backup = bounded.take(TenantId.of("acme"), target, "d1").orElseThrow();
        TestDatabases.execute(target, "INSERT INTO \"" + target.schema() + "\".notes (id) VALUES (2)");

        try (dev.flotilla.target.TargetSession deploying = dev.flotilla.target.TargetSession.open(target, false);
             var held = deploying.lock(target.historyTable(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> bounded.restore(backup, target)).isInstanceOfSatisfying(FlotillaException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                    .hasMessageContaining("within 300 ms: another Flotilla run is migrating it");
        }

        assertThat(notes()).as("not restored").isEqualTo("2");
    }

    private String notes() throws SQLException {
        try (Connection connection = TestDatabases.connect(target)) {
            return Jdbc.queryString(connection, "SELECT COUNT(*) FROM \"" + target.schema() + "\".notes");
        }
    }
}
