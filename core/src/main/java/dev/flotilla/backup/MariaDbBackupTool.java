package dev.flotilla.backup;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.ChildProcesses;
import dev.flotilla.target.ClientConnection;
import dev.flotilla.target.ClientOptionFiles;
import dev.flotilla.target.ExternalTool;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

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
                // No --connect-timeout: mariadb-dump (10.11) refuses it; the session's connection reached the server just before.
                withOptionFile(session, ClientConnection::mariadbArguments, arguments -> {
                    MariaDbClientEncryption.require(session.spec(), arguments, ErrorCode.BACKUP_FAILED, "Backing up");
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
                        + " the lock, or raise deploy.lockTimeout (--lock-timeout).", e).masked(session.spec()::scrub);
            }
        }
    }

    /**
     * Checks that the client logs in and the file can be read, and only then drops, recreates and refills the database:
     * a client that cannot log in (another password than JDBC's, max_user_connections) changes nothing.
     */
    @Override
    public void restore(TargetSession session, Path file) throws SQLException {
        ExternalTool client = new ExternalTool(ExternalTool.firstOnPath("mariadb", "mysql"), "mariadb-client");
        withOptionFile(session, ClientConnection::mariadbClientArguments, arguments -> {
            MariaDbClientEncryption.require(session.spec(), arguments, ErrorCode.RESTORE_FAILED, "Restoring");
            checkBeforeDropping(session, client, arguments, file);
            List<String> charset = Jdbc.queryRow(session.connection(), "SELECT DEFAULT_CHARACTER_SET_NAME,"
                    + " DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", session.schema());
            String database = session.dialect().quote(session.schema());
            dropWithin(session, database);
            Jdbc.execute(session.connection(), "CREATE DATABASE " + database
                    + (charset.isEmpty() ? "" : " CHARACTER SET " + charset.get(0) + " COLLATE " + charset.get(1)));
            Jdbc.execute(session.connection(), "USE " + database);
            if (lockTimeout != null) {
                arguments.add("--init-command=SET SESSION lock_wait_timeout = " + seconds(lockTimeout));
            }
            arguments.add(session.schema());
            try {
                client.run(arguments, Map.of(), file, null, TIMEOUT, session.spec(), ErrorCode.RESTORE_FAILED, "Restoring");
            } catch (FlotillaException e) {
                throw new FlotillaException(e.code(), e.getMessage() + " " + stateAfterFailedFeed(session, file), e)
                        .masked(session.spec()::scrub);
            }
        });
    }

    /** Logs the client in (SELECT 1) and opens the file; either failing says that nothing was dropped. */
    private static void checkBeforeDropping(TargetSession session, ExternalTool client, List<String> arguments, Path file) {
        String nothingChanged = " Nothing was dropped: " + session.spec().displayName() + " is as it was.";
        try (var readable = Files.newInputStream(file)) {
            readable.read();
        } catch (IOException e) {
            throw new FlotillaException(ErrorCode.RESTORE_FAILED, "Restoring " + session.spec().displayName() + " failed: cannot"
                    + " read the backup file " + file + " (" + e.getMessage() + ")." + nothingChanged
                    + " Make the file readable by this user and restore again.");
        }
        List<String> login = new ArrayList<>(arguments);
        login.addAll(List.of("--batch", "--skip-column-names", "--execute=SELECT 1", session.schema()));
        try {
            client.run(login, Map.of(), null, null, Duration.ofMinutes(1), session.spec(), ErrorCode.RESTORE_FAILED, "Restoring");
        } catch (FlotillaException e) {
            throw new FlotillaException(e.code(), e.getMessage() + " " + client.program() + " could not log in as JDBC did,"
                    + " so the backup could not have been fed back." + nothingChanged + " Check the password it is given (it reads"
                    + " no option file but Flotilla's, not ~/.my.cnf) and the user's connection limits, then restore again.", e)
                    .masked(session.spec()::scrub);
        }
    }

    /** What the database holds now that the client failed part way through the backup, for the message. */
    private static String stateAfterFailedFeed(TargetSession session, Path file) {
        String tables;
        try {
            List<String> names = Jdbc.queryStrings(session.connection(), "SELECT TABLE_NAME FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME", session.schema());
            tables = names.isEmpty() ? "no tables" : names.size() + " table(s) (" + String.join(", ", names.subList(0,
                    Math.min(10, names.size()))) + (names.size() > 10 ? ", ..." : "") + ")";
        } catch (SQLException e) {
            tables = "an unknown part of it (listing its tables failed too: " + session.spec().scrub(e.getMessage()) + ")";
        }
        return "The database " + session.schema() + " had been dropped and recreated empty before the backup was fed back:"
                + " it now holds only what the client loaded before it failed, " + tables + ", and none of what it"
                + " held before the restore. Fix the cause and restore again from " + file + ".";
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
            throw dropHeld(session.spec(), lockTimeout, e);
        }
    }

    /** The LOCK_TIMEOUT of a drop that waited too long, its cause (the driver's words) masked of {@code spec}'s secrets. */
    static FlotillaException dropHeld(TargetSpec spec, Duration lockTimeout, SQLException e) {
        return new FlotillaException(ErrorCode.LOCK_TIMEOUT, "Restoring " + spec.displayName() + " waited more than "
                + seconds(lockTimeout) + " s (the lock timeout) to drop its database: another session holds one of its"
                + " tables (an open transaction, LOCK TABLES); nothing was changed. Restore again when the application has"
                + " released it (or stop the application during the restore), or raise deploy.lockTimeout.", e)
                .masked(spec::scrub);
    }

    /** lock_wait_timeout is in whole seconds, at least one. */
    private static long seconds(Duration timeout) {
        return Math.max(1, timeout.toSeconds());
    }

    /** Work done with the client's connection arguments. */
    @FunctionalInterface
    private interface ClientWork {
        void run(List<String> arguments) throws SQLException;
    }

    /**
     * The client's connection arguments, with the password in an option file that is deleted afterwards (also when the
     * process is stopped; when it is killed, by the next start: see {@link ClientOptionFiles}).
     */
    private static void withOptionFile(TargetSession session, BiFunction<TargetSpec, Path, List<String>> connection,
            ClientWork work) throws SQLException {
        Path options = null;
        try {
            options = ClientOptionFiles.create();
            ChildProcesses.partial(options);
            work.run(new ArrayList<>(connection.apply(session.spec(), options)));
        } catch (IOException e) {
            throw new FlotillaException(ErrorCode.INTERNAL, "Cannot create the option file for MariaDB's client programs in "
                    + "the temporary folder: " + e.getMessage() + ". Check that it is writable and not full.");
        } finally {
            if (options != null) {
                options.toFile().delete();
                ChildProcesses.complete(options);
            }
        }
    }
}
