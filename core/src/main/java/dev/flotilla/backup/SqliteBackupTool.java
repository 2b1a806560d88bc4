package dev.flotilla.backup;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
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

    @Override
    public void restore(TargetSession session, Path file) throws SQLException {
        restore(session, file, () -> null);
    }

    /**
     * Runs with the target lock (the lock file beside the database) held by the caller for the whole restore, so no other
     * Flotilla run comes in. {@code check} runs in a write transaction ({@code BEGIN IMMEDIATE}, waiting for another
     * program's write up to the busy timeout, the lock timeout), so it reads the file as nobody is changing it. The backup
     * API cannot start in a transaction of its own connection: that transaction ends before the restore, which takes the
     * file's write lock again.
     *
     * <p>SQLite opens a file it may not write (permissions, {@code chattr +i}, a read-only mount) read-only without a
     * word, and the driver's {@code restore from} then changes nothing and reports nothing: the file is written first
     * (its user version, to the value it has), so that such a file fails here, before anything is restored.
     */
    @Override
    public String restore(TargetSession session, Path file, LockedCheck check) throws SQLException {
        Connection connection = session.connection();
        Jdbc.execute(connection, "BEGIN IMMEDIATE");
        String said;
        try {
            writeUserVersion(session);
            said = check.run();
            Jdbc.execute(connection, "COMMIT");
        } catch (SQLException | RuntimeException e) {
            rollBack(connection, e);
            throw e;
        }
        Jdbc.execute(connection, "restore from " + file.toAbsolutePath());
        return said;
    }

    private static void writeUserVersion(TargetSession session) throws SQLException {
        Connection connection = session.connection();
        try {
            Jdbc.execute(connection, "PRAGMA user_version = " + Jdbc.queryString(connection, "PRAGMA user_version"));
        } catch (SQLException e) {
            if (session.dialect().isLockTimeout(e)) {
                throw e; // the write lock not had within the lock wait: LOCK_TIMEOUT
            }
            throw unwritable(session.spec(), e);
        }
    }

    /** The file that could not be written, its cause (the driver's words) masked of {@code spec}'s secrets as its message is. */
    static FlotillaException unwritable(TargetSpec spec, SQLException e) {
        return new FlotillaException(ErrorCode.RESTORE_FAILED, "Restoring " + spec.displayName() + " failed: cannot write its"
                + " database file: " + Failures.sentence(spec.scrub(String.valueOf(e.getMessage()))) + " Nothing was restored."
                + " Make the file and its folder writable (permissions, `chattr -i`, a read-only mount) and restore again.", e)
                .masked(spec::scrub);
    }

    private static void rollBack(Connection connection, Exception failure) {
        try {
            Jdbc.execute(connection, "ROLLBACK");
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
