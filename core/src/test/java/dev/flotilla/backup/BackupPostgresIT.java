package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
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
import org.junit.jupiter.api.Test;

class BackupPostgresIT extends BackupContract {
    @Override
    TargetSpec createTarget(Path temp) {
        return TestDatabases.postgres(TestDatabases.uniqueName());
    }

    @Test
    void a_table_held_exclusively_by_another_session_fails_the_backup_in_time_instead_of_waiting_for_it() throws Exception {
        try (TargetSession holder = TargetSession.open(target, false); TargetSession session = TargetSession.open(target, false)) {
            holder.connection().setAutoCommit(false);
            Jdbc.execute(holder.connection(), "LOCK TABLE notes IN ACCESS EXCLUSIVE MODE");
            long start = System.nanoTime();

            assertThatThrownBy(() -> new PostgresBackupTool(Duration.ofMillis(1500)).backup(session, temp.resolve("held.dump")))
                    .isInstanceOfSatisfying(FlotillaException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_FAILED);
                        assertThat(e.getMessage()).contains("Another session held a table", "nothing was changed");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            holder.connection().rollback();
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
}
