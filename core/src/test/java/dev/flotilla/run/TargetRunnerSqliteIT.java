package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TargetRunnerSqliteIT extends TargetRunnerContract {
    @Override
    protected TargetSpec createTarget(Path temp) {
        return TestDatabases.sqlite(temp);
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Test
    void a_read_and_a_deploy_wait_the_lock_timeout_for_a_file_another_session_is_writing() throws Exception {
        TargetOptions options = options().withLockTimeout(Duration.ofSeconds(7)).withLockWait(Duration.ofSeconds(9));

        String reading = TargetWork.run(options, false, false, session -> Jdbc.queryString(session.connection(), "PRAGMA busy_timeout"));
        String locked = TargetWork.run(options, false, true, session -> Jdbc.queryString(session.connection(), "PRAGMA busy_timeout"));

        assertThat(reading).as("plan, status, verify, drift: not the driver's 3 s").isEqualTo("7000");
        assertThat(locked).as("the lock wait is for another run's lock file; an application's write, as on the other"
                + " databases, is waited for the lock timeout").isEqualTo("7000");
    }

    @Test
    void a_deploy_waits_the_lock_timeout_for_another_program_writing_the_file_and_says_what_holds_it() throws Exception {
        files.write("V1__alpha.sql", CREATE_A);
        try (Connection writer = TestDatabases.connect(target)) {
            Jdbc.execute(writer, "BEGIN IMMEDIATE"); // another program's write transaction: readers go on, writers wait
            Flotilla impatient = Flotilla.load(options().withLockTimeout(Duration.ofMillis(300)));

            assertThatThrownBy(impatient::migrate).isInstanceOfSatisfying(FlotillaException.class, e -> {
                assertThat(e.code()).isEqualTo(dev.flotilla.ErrorCode.LOCK_TIMEOUT);
                assertThat(e.getMessage()).contains(target.displayName() + ": its database file is being written by"
                        + " another program", "wait longer with deploy.lockTimeout").doesNotContain("ALTER TABLE");
            });
            Jdbc.execute(writer, "ROLLBACK");
        }
    }

    @Test
    void the_target_lock_is_free_after_a_run_and_after_a_failed_one() throws Exception {
        files.write("V1__alpha.sql", CREATE_A);
        assertThat(flotilla().migrate().ok()).isTrue();
        assertThat(lockedByAnotherRun()).as("after a run").isFalse();

        files.write("V2__broken.sql", "CREATE TABLE broken (;");
        assertThat(flotilla().migrate().ok()).isFalse();
        assertThat(lockedByAnotherRun()).as("after a failed run").isFalse();
    }

    @Test
    void the_probe_for_a_run_still_migrating_sees_one_that_holds_the_target_lock() throws Exception {
        try (AutoCloseable held = holdLock()) {
            assertThat(lockedByAnotherRun()).isTrue();
        }
        assertThat(lockedByAnotherRun()).isFalse();
    }

    private boolean lockedByAnotherRun() {
        return new TargetRunner(options(), flotilla().migrations()).lockedByAnotherRun();
    }

    @Test
    void a_read_of_a_file_being_written_fails_with_lock_timeout_naming_the_file_and_the_setting_to_raise() throws Exception {
        try (AutoCloseable held = holdExclusively()) {
            assertThatThrownBy(() -> Flotilla.load(options().withLockTimeout(Duration.ofMillis(200))).status())
                    .isInstanceOfSatisfying(FlotillaException.class,
                            e -> assertThat(e.code()).isEqualTo(dev.flotilla.ErrorCode.LOCK_TIMEOUT))
                    .hasMessageContaining("Could not read " + target.displayName() + ": it is locked")
                    .hasMessageContaining("run again once it has finished, or wait longer with deploy.lockTimeout");
        }
    }

    /** A writer holding the file exclusively, as another process writing it does: readers wait too. */
    private AutoCloseable holdExclusively() throws Exception {
        Connection writer = TestDatabases.connect(target);
        Jdbc.execute(writer, "BEGIN EXCLUSIVE");
        return () -> {
            Jdbc.execute(writer, "ROLLBACK");
            writer.close();
        };
    }

    @Test
    void dry_run_leaves_the_database_file_unchanged() throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("V2__beta.sql", CREATE_B);

        RunReport report = flotilla().dryRun().run();

        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(report.migrations()).extracting(MigrationRun::version).containsExactly("1", "2");
        assertThat(tables()).isEmpty();
    }

    @Test
    void trigger_bodies_run_whole() throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("V2__trigger.sql", """
                CREATE TABLE audit (msg TEXT);
                CREATE TRIGGER alpha_audit AFTER INSERT ON alpha BEGIN
                  INSERT INTO audit VALUES ('inserted; ' || NEW.name);
                END;
                INSERT INTO alpha VALUES (1, 'x');
                """);

        assertThat(flotilla().migrate().ok()).isTrue();
        try (Connection c = TestDatabases.connect(target)) {
            assertThat(Jdbc.queryString(c, "SELECT msg FROM audit")).isEqualTo("inserted; x");
        }
    }

    /** SQLite opens a file it may not write (chattr +i, a read-only mount) read-only, as open_mode=1 asks. */
    @Test
    void a_file_that_cannot_be_written_fails_naming_the_step_and_what_to_do() throws Exception {
        files.write("V1__alpha.sql", CREATE_A);
        try (Connection c = TestDatabases.connect(target)) {
            Jdbc.execute(c, "CREATE TABLE kept (id INT)");
        }
        TargetSpec readOnly = new TargetSpec(target.url() + "?open_mode=1", null, null, null, target.historyTable());

        assertThatThrownBy(() -> Flotilla.load(TargetOptions.of(readOnly, files.path())).migrate())
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.getMessage()).contains(
                        "creating the history table tenant_migrations before V1__alpha.sql (nothing of it ran)",
                        "SQLITE_READONLY", "make it and its folder writable"));
        assertThat(tables()).containsExactly("kept");
    }
}
