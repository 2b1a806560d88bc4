package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackupNoteTest {
    @Test
    void a_task_log_says_why_its_tenant_has_no_backup_in_the_words_task_backup_writes() {
        StringBuilder upToDate = new StringBuilder("lock taken\n");
        new TaskBackup(null, "d-1", null, null).before(0, false, java.util.List.of(), upToDate);
        StringBuilder empty = new StringBuilder();
        new TaskBackup(null, "d-1", null, null).before(2, true, java.util.List.of(), empty);

        assertThat(BackupNote.in(upToDate + "applied 3\n")).contains(BackupNote.UP_TO_DATE);
        assertThat(BackupNote.in(empty.toString())).contains(BackupNote.EMPTY);
        assertThat(BackupNote.in("no backup: the target has no schema yet\n")).contains(BackupNote.NO_SCHEMA);
    }

    @Test
    void a_backup_taken_by_any_attempt_wins_and_a_log_without_a_note_has_none() {
        String retried = "backup /b/d-1/t1.db (2048 bytes, 3 ms)\nattempt 1: connection refused\n"
                + "backup /b/d-1/t1.db kept from this deployment's first attempt (the tenant as it was before the deployment)\n";

        assertThat(BackupNote.in(retried)).contains(BackupNote.TAKEN);
        assertThat(BackupNote.in("nothing to back up: up to date\nbackup /b/t1.db (1 bytes, 1 ms)\n")).contains(BackupNote.TAKEN);
        assertThat(BackupNote.in("applied V2 in 4 ms\n")).isEmpty();
        assertThat(BackupNote.in(null)).isEmpty();
    }
}
