package dev.flotilla.backup;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import java.nio.file.Path;
import java.sql.SQLException;

/** SQLite's online backup API, through the driver's {@code backup to} and {@code restore from}. */
final class SqliteBackupTool implements BackupTool {
    @Override
    public String extension() {
        return "db";
    }

    @Override
    public void backup(TargetSession session, Path file) throws SQLException {
        Jdbc.execute(session.connection(), "backup to " + file.toAbsolutePath());
    }

    @Override
    public void restore(TargetSession session, Path file) throws SQLException {
        Jdbc.execute(session.connection(), "restore from " + file.toAbsolutePath());
    }
}
