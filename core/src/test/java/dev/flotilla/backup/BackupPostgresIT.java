package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
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
}
