package dev.flotilla.backup;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import java.nio.file.Path;
import java.sql.Connection;
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

    /**
     * SQLite opens a file it may not write (permissions, {@code chattr +i}, a read-only mount) read-only without a
     * word, and the driver's {@code restore from} then changes nothing and reports nothing: the file is written
     * first (its user version, to the value it has), so that such a file fails here, before anything is restored.
     */
    @Override
    public void restore(TargetSession session, Path file) throws SQLException {
        Connection connection = session.connection();
        try {
            Jdbc.execute(connection, "PRAGMA user_version = " + Jdbc.queryString(connection, "PRAGMA user_version"));
        } catch (SQLException e) {
            throw new FlotillaException(ErrorCode.RESTORE_FAILED, "Restoring " + session.spec().displayName() + " failed:"
                    + " cannot write its database file: " + Failures.sentence(session.spec().scrub(String.valueOf(
                    e.getMessage()))) + " Nothing was restored. Make the file and its folder writable (permissions,"
                    + " `chattr -i`, a read-only mount) and restore again.", e);
        }
        Jdbc.execute(connection, "restore from " + file.toAbsolutePath());
    }
}
