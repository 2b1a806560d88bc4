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
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup taken with the dialect's own tools gives back schema, data and history after a destructive change. */
abstract class BackupContract {
    @TempDir
    Path temp;
    TargetSpec target;
    final String planeUrl = "jdbc:h2:mem:cp_" + TestDatabases.uniqueName() + ";DB_CLOSE_DELAY=-1";
    ControlPlane plane;
    Backups backups;

    abstract TargetSpec createTarget(Path temp);

    @BeforeEach
    void setUp() {
        target = createTarget(temp);
        plane = ControlPlane.open(planeUrl, "sa", null);
        backups = new Backups(plane, temp.resolve("backups"));
        MigrationFolder files = new MigrationFolder(temp.resolve("migrations"));
        files.write("V1__notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(100) NOT NULL);\n"
                + "CREATE INDEX idx_notes_body ON notes (body);\n"
                + "INSERT INTO notes (id, body) VALUES (1, 'keep me');\nINSERT INTO notes (id, body) VALUES (2, 'me too');\n");
        assertThat(Flotilla.load(TargetOptions.of(target, files.path())).migrate().ok()).isTrue();
    }

    @AfterEach
    void tearDown() {
        plane.close();
        TestDatabases.drop(target);
    }

    String fingerprint() throws SQLException {
        return TestDatabases.snapshot(target).fingerprint();
    }

    void sql(String statement) throws SQLException {
        try (TargetSession session = TargetSession.open(target, false)) {
            Jdbc.execute(session.connection(), statement);
        }
    }

    String query(String sql) throws SQLException {
        try (TargetSession session = TargetSession.open(target, false)) {
            return Jdbc.queryString(session.connection(), sql);
        }
    }

    @Test
    void a_restore_gives_back_a_dropped_table_with_its_data_and_removes_what_came_after() throws Exception {
        String before = fingerprint();
        BackupRecord backup = backups.take(TenantId.of("acme"), target, "d1").orElseThrow();
        sql("DROP TABLE notes");
        sql("CREATE TABLE later (id INTEGER PRIMARY KEY)");

        String version = backups.restore(backup, target);

        assertThat(version).as("the version the restored history is at").isEqualTo("1");
        assertThat(backup.sizeBytes()).isPositive();
        assertThat(backup.sha256()).hasSize(64);
        assertThat(backup.path()).startsWith(temp.resolve("backups").resolve("d1"));
        assertThat(query("SELECT body FROM notes WHERE id = 1")).isEqualTo("keep me");
        assertThat(query("SELECT COUNT(*) FROM notes")).isEqualTo("2");
        try (TargetSession session = TargetSession.open(target, false)) {
            assertThat(session.history().read()).hasSize(1);
        }
        assertThat(fingerprint()).isEqualTo(before);
        assertThat(plane.backups().forDeployment("d1", TenantId.of("acme"))).contains(backup);
    }

    @Test
    void a_backup_file_changed_since_it_was_taken_is_refused_and_nothing_is_restored() throws Exception {
        BackupRecord backup = backups.take(TenantId.of("acme"), target, "d1").orElseThrow();
        Files.writeString(backup.path(), "tampered", java.nio.file.StandardOpenOption.APPEND);
        sql("CREATE TABLE later (id INTEGER PRIMARY KEY)");

        assertThatThrownBy(() -> backups.restore(backup, target)).isInstanceOfSatisfying(FlotillaException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RESTORE_FAILED);
            assertThat(e.getMessage()).contains("has changed since it was taken", "nothing was restored",
                    "`flotilla backups list --tenant acme` lists its other backups");
        });
        assertThat(query("SELECT COUNT(*) FROM later")).isEqualTo("0");
    }

    @Test
    void a_backup_file_deleted_since_it_was_taken_is_refused_naming_where_the_others_are_listed() throws Exception {
        BackupRecord backup = backups.take(TenantId.of("acme"), target, "d1").orElseThrow();
        Files.delete(backup.path());

        assertThatThrownBy(() -> backups.restore(backup, target)).isInstanceOfSatisfying(FlotillaException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RESTORE_FAILED);
            assertThat(e.getMessage()).contains("is gone; nothing was restored",
                    "`flotilla backups list --tenant acme` lists its other backups");
        });
    }

    @Test
    void only_the_newest_deployments_keep_their_backup_files() throws Exception {
        BackupRecord oldest = backups.take(TenantId.of("acme"), target, "d1").orElseThrow();
        backups.take(TenantId.of("acme"), target, "d2").orElseThrow();
        BackupRecord newest = backups.take(TenantId.of("acme"), target, "d3").orElseThrow();

        assertThat(backups.prune(2)).containsExactly("d1");

        assertThat(oldest.path()).doesNotExist();
        assertThat(oldest.path().getParent()).as("the folder of d1, empty now").doesNotExist();
        assertThat(newest.path()).exists();
        assertThat(plane.backups().forDeployment("d1", TenantId.of("acme"))).isEmpty();
    }

    @Test
    void pruning_keeps_a_folder_that_holds_something_else_and_counts_manual_runs_as_backups() throws Exception {
        String run = backups.startManual();
        BackupRecord manual = backups.takeManual(TenantId.of("acme"), target, run).orElseThrow();
        Files.writeString(manual.path().resolveSibling("notes.txt"), "an operator's own file");
        backups.take(TenantId.of("acme"), target, "d2").orElseThrow();

        assertThat(backups.prune(1)).containsExactly(run);

        assertThat(manual.path()).doesNotExist();
        assertThat(manual.path().resolveSibling("notes.txt")).exists();
        assertThat(plane.backups().find(run, TenantId.of("acme"))).isEmpty();
    }

    @Test
    void every_tenant_of_a_manual_run_goes_to_the_one_folder_its_id_names_however_long_the_run_takes() {
        Backups slow = new Backups(plane, temp.resolve("backups"), new TickingClock());
        String run = slow.startManual();

        BackupRecord first = slow.takeManual(TenantId.of("acme"), target, run).orElseThrow();
        BackupRecord second = slow.takeManual(TenantId.of("beta"), target, run).orElseThrow();

        assertThat(run).matches("manual-\\d{8}-\\d{6}");
        assertThat(first.path().getParent()).isEqualTo(second.path().getParent())
                .isEqualTo(temp.resolve("backups").resolve(run).toAbsolutePath());
        assertThat(plane.backups().find(run, TenantId.of("beta"))).contains(second);
        assertThat(first.backupId()).isEqualTo(run);
        assertThat(first.deployment()).isNull();
    }

    @Test
    void manual_runs_started_in_the_same_second_get_ids_and_folders_of_their_own() {
        Backups stopped = new Backups(plane, temp.resolve("backups"), Clock.fixed(Instant.parse("2026-12-04T21:22:04Z"),
                ZoneOffset.UTC));
        String first = stopped.startManual();
        String second = stopped.startManual();

        BackupRecord before = stopped.takeManual(TenantId.of("acme"), target, first).orElseThrow();
        BackupRecord after = stopped.takeManual(TenantId.of("acme"), target, second).orElseThrow();

        assertThat(first).isEqualTo("manual-20261204-212204");
        assertThat(second).isEqualTo("manual-20261204-212204-2");
        assertThat(before.path()).isNotEqualTo(after.path()).exists();
        assertThat(Backups.sha256(before.path())).isEqualTo(before.sha256());
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 20, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void a_manual_run_whose_backup_dir_lies_under_a_file_fails_at_once_instead_of_trying_ever_more_folder_names()
            throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-folder"), "a file where backup.dir should be");
        Backups misplaced = new Backups(plane, file.resolve("backups"));

        assertThatThrownBy(misplaced::startManual)
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_FAILED))
                .hasMessageContainingAll("cannot write under " + file.resolve("backups"), "Check backup.dir");
    }

    @Test
    void backup_folders_and_files_are_readable_by_their_owner_only() throws Exception {
        Assumptions.assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        BackupRecord before = backups.take(TenantId.of("acme"), target, "d1").orElseThrow();
        String run = backups.startManual();
        BackupRecord manual = backups.takeManual(TenantId.of("acme"), target, run).orElseThrow();

        assertThat(permissions(temp.resolve("backups"))).as("backup.dir, created for the first backup").isEqualTo("rwx------");
        assertThat(permissions(before.path().getParent())).isEqualTo("rwx------");
        assertThat(permissions(manual.path().getParent())).isEqualTo("rwx------");
        assertThat(permissions(before.path())).isEqualTo("rw-------");
        assertThat(permissions(manual.path())).isEqualTo("rw-------");
    }

    private static String permissions(Path path) throws java.io.IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** A clock a second further on at every reading: a run that reads it more than once would see the time move. */
    private static final class TickingClock extends Clock {
        private Instant now = Instant.parse("2026-12-04T21:22:04Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }
    }
}
