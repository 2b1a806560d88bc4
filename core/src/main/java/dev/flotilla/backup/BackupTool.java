package dev.flotilla.backup;

import dev.flotilla.target.TargetSession;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Writes one target's schema and data to a file and puts them back, with the dialect's own means:
 * PostgreSQL {@code pg_dump -Fc} / {@code pg_restore}, MariaDB/MySQL {@code mariadb-dump} / {@code mariadb},
 * SQLite's online backup API, H2 {@code SCRIPT} / {@code RUNSCRIPT}.
 */
interface BackupTool {
    String extension();

    /** Writes the session's schema (a database on MariaDB, the file on SQLite) to {@code file}. */
    void backup(TargetSession session, Path file) throws SQLException;

    /**
     * Replaces the session's schema with what {@code file} holds: objects created since the backup are gone
     * afterwards. Runs with the target lock held by the caller.
     */
    void restore(TargetSession session, Path file) throws SQLException;

    /**
     * As {@link #restore(TargetSession, Path)}, after {@code check} passed (it throws to refuse the restore) with the
     * target lock held: the caller's, unless the dialect's restore must take its own (SQLite).
     *
     * @return what {@code check} returned
     */
    default String restore(TargetSession session, Path file, LockedCheck check) throws SQLException {
        String said = check.run();
        restore(session, file);
        return said;
    }

    /** What a restore checks under the target lock before it replaces anything (see {@link RestoreWait#afterLock}). */
    @FunctionalInterface
    interface LockedCheck {
        String run() throws SQLException;
    }

    /** @param lockTimeout how long a dump and a restore wait for a table another session holds; null: the tool's or server's own wait */
    static BackupTool forDialect(String dialect, java.time.Duration lockTimeout) {
        return switch (dialect) {
            case "postgresql" -> new PostgresBackupTool(lockTimeout);
            case "mariadb" -> new MariaDbBackupTool(lockTimeout);
            case "sqlite" -> new SqliteBackupTool();
            default -> new H2BackupTool();
        };
    }
}
