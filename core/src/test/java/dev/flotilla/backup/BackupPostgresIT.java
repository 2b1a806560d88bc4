package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BackupPostgresIT extends BackupContract {
    @Override
    TargetSpec createTarget(Path temp) {
        return TestDatabases.postgres(TestDatabases.uniqueName());
    }

    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(1);
    /**
     * The holder's transaction is ended by the server once idle this long, which releases what it holds: a backup or
     * restore that waits without bound then gets the lock, goes ahead, and the test fails instead of hanging.
     */
    private static final String HOLDER_IDLE = "10s";

    /** A second session on the tenant's schema, in a transaction that the server ends once idle for long. */
    private TargetSession holder() throws Exception {
        TargetSession holder = TargetSession.open(target, false);
        Jdbc.execute(holder.connection(), "SET idle_in_transaction_session_timeout = '" + HOLDER_IDLE + "'");
        holder.connection().setAutoCommit(false);
        return holder;
    }

    @Test
    void a_tenant_whose_url_names_its_user_is_backed_up_and_restored_as_that_user_as_its_connection_is() throws Exception {
        // The configuration's user (tenancy.user) names a role that does not exist; pgjdbc logs in as the URL's user=.
        TargetSpec urlUser = new TargetSpec(TestDatabases.withParameter(target.url(), "user=" + TestDatabases.POSTGRES_USER),
                "flt_no_such_role", target.password(), target.schema(), target.historyTable());
        BackupRecord backup = backups.take(TenantId.of("acme"), urlUser, "d1").orElseThrow();
        sql("DROP TABLE notes");

        backups.restore(backup, urlUser);

        assertThat(query("SELECT COUNT(*) FROM notes")).isEqualTo("2");
    }

    @Test
    void a_backup_gives_up_after_the_lock_timeout_while_another_session_holds_a_table_and_names_it() throws Exception {
        Backups bounded = new Backups(plane, temp.resolve("backups"), LOCK_TIMEOUT);
        try (TargetSession holder = holder()) {
            Jdbc.execute(holder.connection(), "LOCK TABLE notes IN ACCESS EXCLUSIVE MODE");
            assertThatThrownBy(() -> bounded.take(TenantId.of("acme"), target, "d1")).isInstanceOfSatisfying(
                    FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                    .hasMessageContaining("Backing up " + target.displayName() + " waited more than 1 s (the lock timeout)")
                    .hasMessageContainingAll("another session holds notes (process ", "nothing was changed", "deploy.lockTimeout");
        }

        assertThat(plane.backups().forDeployment("d1", TenantId.of("acme"))).isEmpty();
        assertThat(bounded.take(TenantId.of("acme"), target, "d2")).as("once the lock is released").isPresent();
    }

    @Test
    void backups_made_without_a_lock_timeout_give_up_after_the_default_deploy_lock_timeout_not_the_server_s()
            throws Exception {
        try (TargetSession holder = holder()) {
            Jdbc.execute(holder.connection(), "LOCK TABLE notes IN ACCESS EXCLUSIVE MODE");
            assertThatThrownBy(() -> backups.take(TenantId.of("acme"), target, "d1")).isInstanceOfSatisfying(
                    FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                    .hasMessageContaining("Backing up " + target.displayName() + " waited more than "
                            + TargetOptions.DEFAULT_LOCK_TIMEOUT.toSeconds() + " s (the lock timeout)");
        }
    }

    @Test
    void pg_dump_gives_up_after_the_lock_timeout_on_a_table_held_exclusively_and_names_it() throws Exception {
        try (TargetSession holder = holder(); TargetSession session = TargetSession.open(target, false)) {
            Jdbc.execute(holder.connection(), "LOCK TABLE notes IN ACCESS EXCLUSIVE MODE");

            assertThatThrownBy(() -> new PostgresBackupTool(LOCK_TIMEOUT).backup(session, temp.resolve("held.dump")))
                    .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                    .hasMessageContainingAll("waited more than 1 s (the lock timeout) for a table: another session holds notes"
                            + " (process ", "nothing was changed", "Query was: LOCK TABLE");
        }
    }

    @Test
    void a_backup_failure_naming_a_table_whose_name_holds_a_password_shows_it_masked_whoever_said_it() throws Exception {
        // A table named after a connection string (a careless import): what Flotilla and pg_dump say of it quotes the name.
        String table = "\"dsn password=Kw0rdValue9\"";
        sql("CREATE TABLE " + table + " (id INT)");
        Backups bounded = new Backups(plane, temp.resolve("backups"), LOCK_TIMEOUT);
        try (TargetSession holder = holder(); TargetSession session = TargetSession.open(target, false)) {
            Jdbc.execute(holder.connection(), "LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");

            assertThatThrownBy(() -> bounded.take(TenantId.of("acme"), target, "d1")).isInstanceOfSatisfying(
                    FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                    .hasMessageContaining("password=****").hasMessageNotContaining("Kw0rdValue9");
            assertThatThrownBy(() -> new PostgresBackupTool(LOCK_TIMEOUT).backup(session, temp.resolve("held.dump")))
                    .hasMessageContainingAll("Query was: LOCK TABLE", "password=****").hasMessageNotContaining("Kw0rdValue9");
        }
    }

    @Test
    void a_restore_gives_up_after_the_lock_timeout_behind_an_open_transaction_and_changes_nothing() throws Exception {
        BackupRecord backup = backups.take(TenantId.of("acme"), target, "d1").orElseThrow();
        sql("INSERT INTO notes (id, body) VALUES (3, 'after the backup')");
        sql("CREATE TABLE later (id INTEGER)");
        Backups bounded = new Backups(plane, temp.resolve("backups"), LOCK_TIMEOUT);
        try (TargetSession holder = holder()) {
            Jdbc.queryString(holder.connection(), "SELECT body FROM notes WHERE id = 1");
            assertThatThrownBy(() -> bounded.restore(backup, target)).isInstanceOfSatisfying(FlotillaException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                    .hasMessageContaining("Restoring " + target.displayName() + " waited more than 1 s (the lock timeout)")
                    .hasMessageContainingAll("another session holds notes (process ", "idle in transaction", "nothing was changed");
        }

        assertThat(query("SELECT body FROM notes WHERE id = 3")).as("not half-restored").isEqualTo("after the backup");
        assertThat(query("SELECT COUNT(*) FROM later")).as("nothing dropped").isEqualTo("0");
        bounded.restore(backup, target);
        assertThat(query("SELECT COUNT(*) FROM notes")).as("restored once the transaction ended").isEqualTo("2");
    }

    @Test
    void a_restore_gives_up_after_the_lock_timeout_loading_a_foreign_key_to_a_table_an_application_holds() throws Exception {
        String other = target.schema() + "_owners";
        try (Connection admin = DriverManager.getConnection(TestDatabases.POSTGRES_URL, TestDatabases.POSTGRES_USER, null)) {
            Jdbc.execute(admin, "CREATE SCHEMA " + other);
            try {
                Jdbc.execute(admin, "CREATE TABLE " + other + ".owners (id INTEGER PRIMARY KEY)");
                sql("CREATE TABLE owned (owner INTEGER REFERENCES " + other + ".owners (id))");
                BackupRecord backup = backups.take(TenantId.of("acme"), target, "d1").orElseThrow();
                sql("DROP TABLE owned"); // the drop then leaves the other schema alone: only the load needs its table
                Backups bounded = new Backups(plane, temp.resolve("backups"), LOCK_TIMEOUT);
                try (TargetSession holder = holder()) {
                    Jdbc.execute(holder.connection(), "LOCK TABLE " + other + ".owners IN ROW EXCLUSIVE MODE"); // as an UPDATE
                    assertThatThrownBy(() -> bounded.restore(backup, target)).isInstanceOfSatisfying(FlotillaException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                            .hasMessageContaining("Restoring " + target.displayName() + " waited more than 1 s (the lock timeout)")
                            .hasMessageContainingAll("one its foreign keys reference", "nothing was changed");
                }
                assertThat(query("SELECT to_regclass('" + target.schema() + ".owned') IS NULL")).as("not half-restored").isEqualTo("t");
            } finally {
                Jdbc.execute(admin, "DROP SCHEMA " + other + " CASCADE");
            }
        }
    }

    @Test
    void a_tenant_in_the_public_schema_of_its_own_database_is_restored_whole() throws Exception {
        String database = TestDatabases.uniqueName();
        try (Connection admin = TestDatabases.connect(target)) {
            Jdbc.execute(admin, "CREATE DATABASE " + database);
        }
        TargetSpec own = new TargetSpec(TestDatabases.POSTGRES_URL.replaceFirst("/[^/]*$", "/" + database),
                TestDatabases.POSTGRES_USER, null, "public", null);
        try {
            assertThat(Flotilla.load(TargetOptions.of(own, temp.resolve("migrations"))).migrate().ok()).isTrue();
            BackupRecord backup = backups.take(TenantId.of("own"), own, "d1").orElseThrow();
            try (Connection c = TestDatabases.connect(own)) {
                Jdbc.execute(c, "DROP TABLE notes");
                Jdbc.execute(c, "CREATE TABLE later (id INTEGER)");
            }

            backups.restore(backup, own);

            try (Connection c = TestDatabases.connect(own)) {
                assertThat(Jdbc.queryString(c, "SELECT COUNT(*) FROM public.notes")).isEqualTo("2");
                assertThat(Jdbc.queryString(c, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'later'"))
                        .isEqualTo("0");
            }
        } finally {
            try (Connection admin = TestDatabases.connect(target)) {
                Jdbc.execute(admin, "DROP DATABASE " + database + " WITH (FORCE)");
            }
        }
    }

    @Test
    void a_backup_an_earlier_version_recorded_is_checked_in_the_fingerprint_format_it_was_recorded_in() throws Exception {
        sql("CREATE FUNCTION note_length(n notes) RETURNS integer LANGUAGE sql AS $$ SELECT length(n.body) $$");
        BackupRecord taken = backups.take(TenantId.of("acme"), target, "d1").orElseThrow();
        // As the version before sequences and routines recorded it: the fingerprint of tables and views alone.
        try (Connection control = DriverManager.getConnection(planeUrl, "sa", "")) {
            Jdbc.update(control, "UPDATE backups SET fingerprint = ?, fingerprint_format = 1 WHERE id = ?",
                    TestDatabases.snapshot(target).fingerprint(1), taken.id());
        }
        BackupRecord recorded = plane.backups().find("d1", TenantId.of("acme")).orElseThrow();
        sql("DROP TABLE notes CASCADE");

        backups.restore(recorded, target);

        assertThat(recorded.fingerprintFormat()).isEqualTo(1);
        assertThat(taken.fingerprintFormat()).isEqualTo(SchemaSnapshot.FINGERPRINT_FORMAT);
        assertThat(query("SELECT COUNT(*) FROM notes")).isEqualTo("2");
        assertThat(TestDatabases.snapshot(target).routines()).extracting(SchemaSnapshot.Routine::signature)
                .containsExactly("note_length(n notes)");
    }

    @Test
    void the_check_after_a_restore_gives_up_after_the_lock_timeout_while_another_session_holds_a_table() throws Exception {
        BackupRecord backup = backups.take(TenantId.of("acme"), target, "d1").orElseThrow();
        Backups bounded = new Backups(plane, temp.resolve("backups"), LOCK_TIMEOUT);
        try (TargetSession holder = holder()) {
            Jdbc.execute(holder.connection(), "LOCK TABLE notes IN ACCESS EXCLUSIVE MODE");
            assertThatThrownBy(() -> bounded.check(backup, target)).isInstanceOfSatisfying(FlotillaException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                    .hasMessageContaining("Checking the restore of " + target.displayName() + " waited more than 1 s (the lock"
                            + " timeout) to read its schema")
                    .hasMessageContainingAll("another session holds notes (process ", "The restore is done (committed)");
        }

        assertThat(dev.flotilla.plan.TargetPlan.versionInEffect(bounded.check(backup, target))).as("once the lock is released")
                .isEqualTo("1");
    }

    @Test
    void a_restore_writes_no_plain_copy_of_the_rows_to_disk_while_it_loads_them() throws Exception {
        String row = "ops-row-" + UUID.randomUUID();
        sql("INSERT INTO notes (id, body) VALUES (3, '" + row + "')");
        BackupRecord backup = backups.take(TenantId.of("acme"), target, "d1").orElseThrow();
        sql("DELETE FROM notes WHERE id = 3");
        long since = System.currentTimeMillis() - 2_000;
        ExecutorService restoring = Executors.newSingleThreadExecutor();
        try (TargetSession holder = holder()) {
            String holderPid = Jdbc.queryString(holder.connection(), "SELECT pg_backend_pid()");
            Jdbc.queryString(holder.connection(), "SELECT body FROM notes WHERE id = 1"); // the restore's DROP waits for it
            Future<String> restore = restoring.submit(() -> backups.restore(backup, target));
            awaitBlockedBy(holderPid);

            assertThat(filesHolding(row, since, backup.path())).as("while the rows are loaded").isEmpty();
            holder.connection().rollback();
            restore.get(60, TimeUnit.SECONDS);
        } finally {
            restoring.shutdownNow();
        }

        assertThat(filesHolding(row, since, backup.path())).as("once restored").isEmpty();
        assertThat(query("SELECT body FROM notes WHERE id = 3")).as("the row restored").isEqualTo(row);
    }

    @Test
    void a_restore_from_a_dump_cut_short_fails_and_commits_nothing_of_what_it_streamed() throws Exception {
        Path whole = temp.resolve("whole.dump");
        Path cut = temp.resolve("cut.dump");
        try (TargetSession session = TargetSession.open(target, false)) {
            new PostgresBackupTool(null).backup(session, whole);
        }
        byte[] dump = java.nio.file.Files.readAllBytes(whole);
        // Its table of contents whole, the last table's rows cut: pg_restore has written the script's start when it fails.
        java.nio.file.Files.write(cut, java.util.Arrays.copyOf(dump, dump.length - 10));
        sql("CREATE TABLE later (id INTEGER)");

        try (TargetSession session = TargetSession.open(target, false)) {
            assertThatThrownBy(() -> new PostgresBackupTool(null).restore(session, cut)).isInstanceOfSatisfying(
                    FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESTORE_FAILED))
                    .hasMessageContainingAll("pg_restore exited with 1", "end of file", "Nothing was changed");
        }

        assertThat(query("SELECT COUNT(*) FROM later")).as("not dropped: psql committed nothing").isEqualTo("0");
        assertThat(query("SELECT COUNT(*) FROM notes")).isEqualTo("2");
    }

    /** Waits (at most 8 s, less than the holder's idle limit) until a session waits for a lock the holder holds. */
    private static void awaitBlockedBy(String holderPid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        try (Connection watcher = DriverManager.getConnection(TestDatabases.POSTGRES_URL, TestDatabases.POSTGRES_USER, null)) {
            while (Jdbc.queryString(watcher, "SELECT COUNT(*) FROM pg_stat_activity WHERE " + holderPid
                    + " = ANY(pg_blocking_pids(pid))").equals("0")) {
                assertThat(System.nanoTime()).as("the restore waits for the holder's transaction").isLessThan(deadline);
                Thread.onSpinWait();
            }
        }
    }

    /**
     * The files written since {@code since} in the temporary folder and under the test's folder (the backups among them),
     * but the backup itself (compressed), that hold {@code text}.
     */
    private List<Path> filesHolding(String text, long since, Path backup) throws Exception {
        byte[] wanted = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Stream<Path> tmp = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")));
             Stream<Path> ours = java.nio.file.Files.walk(temp)) {
            return Stream.concat(tmp, ours).filter(java.nio.file.Files::isRegularFile).filter(f -> !f.equals(backup))
                    .filter(f -> f.toFile().lastModified() >= since && f.toFile().length() < 64 << 20)
                    .filter(f -> contains(f, wanted)).toList();
        }
    }

    private static boolean contains(Path file, byte[] wanted) {
        try {
            byte[] bytes = java.nio.file.Files.readAllBytes(file);
            return java.util.stream.IntStream.rangeClosed(0, bytes.length - wanted.length).anyMatch(i ->
                    java.util.Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length));
        } catch (java.io.IOException unreadable) {
            return false; // another user's file, or one deleted meanwhile
        }
    }
}
