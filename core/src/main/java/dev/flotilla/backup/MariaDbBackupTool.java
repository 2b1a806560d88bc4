package dev.flotilla.backup;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.ClientConnection;
import dev.flotilla.target.ExternalTool;
import dev.flotilla.target.TargetSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code mariadb-dump --single-transaction --routines --triggers} (or {@code mysqldump}) of the tenant's
 * database; restore drops and recreates the database with its character set and feeds the dump to
 * {@code mariadb} (or {@code mysql}). Both give up waiting for a table another session holds after the lock timeout
 * ({@code LOCK_TIMEOUT}), instead of waiting for as long as the application holds it.
 */
final class MariaDbBackupTool implements BackupTool {
    private static final Duration TIMEOUT = Duration.ofHours(2);

    /** How long to wait for a table's lock; null waits as long as the server's lock_wait_timeout says. */
    private final Duration lockTimeout;

    MariaDbBackupTool(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    @Override
    public String extension() {
        return "sql";
    }

    @Override
    public void backup(TargetSession session, Path file) throws SQLException {
        ExternalTool dump = new ExternalTool(ExternalTool.firstOnPath("mariadb-dump", "mysqldump"), "mariadb-client");
        try (DumpLockWatch watch = lockTimeout == null ? null : DumpLockWatch.start(session.connection(), session.schema(), lockTimeout)) {
            try {
                withOptionFile(session, arguments -> {
                    arguments.addAll(List.of("--single-transaction", "--routines", "--triggers", "--result-file=" + file,
                            session.schema()));
                    dump.run(arguments, Map.of(), null, null, TIMEOUT, session.spec(), ErrorCode.BACKUP_FAILED, "Backing up");
                });
            } catch (FlotillaException e) {
                if (watch == null || !watch.stopped()) {
                    throw e;
                }
                throw new FlotillaException(ErrorCode.LOCK_TIMEOUT, "Backing up " + session.spec().displayName() + " waited more"
                        + " than " + watch.waitSeconds() + " s (the lock timeout) for a table another session holds (LOCK TABLES,"
                        + " DDL), so the backup was stopped; nothing was changed. Try again when the application has released"
                        + " the lock, or raise deploy.lockTimeout (--lock-timeout).", e);
            }
        }
    }

    @Override
    public void restore(TargetSession session, Path file) throws SQLException {
        List<String> charset = Jdbc.queryRow(session.connection(), "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME"
                + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", session.schema());
        String database = session.dialect().quote(session.schema());
        dropWithin(session, database);
        Jdbc.execute(session.connection(), "CREATE DATABASE " + database
                + (charset.isEmpty() ? "" : " CHARACTER SET " + charset.get(0) + " COLLATE " + charset.get(1)));
        Jdbc.execute(session.connection(), "USE " + database);
        ExternalTool client = new ExternalTool(ExternalTool.firstOnPath("mariadb", "mysql"), "mariadb-client");
        try {
            withOptionFile(session, arguments -> {
                if (lockTimeout != null) {
                    arguments.add("--init-command=SET SESSION lock_wait_timeout = " + seconds(lockTimeout));
                }
                arguments.add(session.schema());
                client.run(arguments, Map.of(), file, null, TIMEOUT, session.spec(), ErrorCode.RESTORE_FAILED, "Restoring");
            });
        } catch (FlotillaException e) {
            throw new FlotillaException(e.code(), e.getMessage() + " The database was dropped before the backup was fed back,"
                    + " so it is partly restored: restore it again once that is fixed.", e);
        }
    }

    /**
     * Drops the database, waiting no longer than the lock timeout for the tables other sessions hold (an open
     * transaction, LOCK TABLES): the server takes every table's lock before it drops any, so a timeout changes nothing.
     */
    private void dropWithin(TargetSession session, String database) throws SQLException {
        if (lockTimeout != null) {
            Jdbc.execute(session.connection(), "SET SESSION lock_wait_timeout = " + seconds(lockTimeout));
        }
        try {
            Jdbc.execute(session.connection(), "DROP DATABASE IF EXISTS " + database);
        } catch (SQLException e) {
            if (!session.dialect().isLockTimeout(e)) {
                throw e;
            }
            throw new FlotillaException(ErrorCode.LOCK_TIMEOUT, "Restoring " + session.spec().displayName() + " waited more than "
                    + seconds(lockTimeout) + " s (the lock timeout) to drop its database: another session holds one of its"
                    + " tables (an open transaction, LOCK TABLES); nothing was changed. Restore again when the application has"
                    + " released it (or stop the application during the restore), or raise deploy.lockTimeout.", e);
        }
    }

    /** lock_wait_timeout is in whole seconds, at least one. */
    private static long seconds(Duration timeout) {
        return Math.max(1, timeout.toSeconds());
    }

    /** The client's connection arguments, with the password in an option file that is deleted afterwards. */
    private static void withOptionFile(TargetSession session, java.util.function.Consumer<List<String>> work) {
        Path options = null;
        try {
            options = Files.createTempFile("flotilla-client", ".cnf");
            work.accept(new ArrayList<>(ClientConnection.mariadbArguments(session.spec(), options)));
        } catch (IOException e) {
            throw new dev.flotilla.FlotillaException(ErrorCode.INTERNAL, "Cannot create a temporary file: " + e.getMessage());
        } finally {
            if (options != null) {
                options.toFile().delete();
            }
        }
    }
}
