package dev.flotilla.run;

import java.util.Optional;

/**
 * What a deployment's task (a rollback's too) says in its log of the backup it took before changing its target: one
 * line, written by {@link TaskBackup}, read back by whoever asks why a tenant has no backup of the deployment. A task
 * whose log holds none ran without backups (the deployment's policy was off) or ended before it got to its backup.
 */
public enum BackupNote {
    /** A backup was taken, or one from the deployment's first attempt kept ({@code backup <file> ...}). */
    TAKEN("backup "),
    /** The target's history had nothing pending: nothing to back up. */
    UP_TO_DATE("nothing to back up: up to date"),
    /** The target held no table and no history yet. */
    EMPTY("no backup: the target holds nothing yet (no table, no history)"),
    /** The target's schema did not exist yet. */
    NO_SCHEMA("no backup: the target has no schema yet");

    private final String line;

    BackupNote(String line) {
        this.line = line;
    }

    /** The start of the log line that says this. */
    String line() {
        return line;
    }

    /**
     * The note in a task's log: a taken backup wins over anything an earlier attempt said, otherwise the last note;
     * empty when the log holds none (or is null).
     */
    public static Optional<BackupNote> in(String log) {
        if (log == null) {
            return Optional.empty();
        }
        BackupNote found = null;
        for (String text : log.split("\n")) {
            for (BackupNote note : values()) {
                if (text.startsWith(note.line) && found != TAKEN) {
                    found = note;
                }
            }
        }
        return Optional.ofNullable(found);
    }
}
