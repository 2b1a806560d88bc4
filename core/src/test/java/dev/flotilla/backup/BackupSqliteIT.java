package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BackupSqliteIT extends BackupContract {
    @Override
    TargetSpec createTarget(Path temp) {
        return TestDatabases.sqlite(temp);
    }

    /** SQLite opens a file it may not write (chattr +i, a read-only mount) read-only, as open_mode=1 asks. */
    @Test
    void a_restore_onto_a_file_that_cannot_be_written_fails_and_says_so() throws Exception {
        BackupRecord backup = backups.take(TenantId.of("acme"), target, "d1").orElseThrow();
        sql("INSERT INTO notes (id, body) VALUES (3, 'after the backup')");
        TargetSpec readOnly = new TargetSpec(target.url() + "?open_mode=1", target.user(), target.password(), target.schema(),
                target.historyTable());

        assertThatThrownBy(() -> backups.restore(backup, readOnly)).isInstanceOfSatisfying(FlotillaException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RESTORE_FAILED);
            assertThat(e.getMessage()).contains("cannot write", "SQLITE_READONLY", "Nothing was restored", "writable");
        });
        assertThat(query("SELECT COUNT(*) FROM notes")).isEqualTo("3");
    }
}
