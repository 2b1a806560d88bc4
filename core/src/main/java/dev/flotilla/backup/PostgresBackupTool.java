package dev.flotilla.backup;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.PostgresLockHolders;
import dev.flotilla.target.ClientConnection;
import dev.flotilla.target.ExternalTool;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.ToolPipe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pg_dump --format=custom} of the tenant's schema. Restore streams the dump as a script ({@code pg_restore
 * --file=-}) into {@code psql --single-transaction} after {@code DROP SCHEMA ... CASCADE}, no plain copy written: the
 * drop and the load commit together or not at all. Both wait no longer than the lock timeout for a table another session holds
 * (the script's own {@code SET lock_timeout = 0} is commented out), then fail with {@code LOCK_TIMEOUT}, the tenant as it was.
 */
final class PostgresBackupTool implements BackupTool {
    private static final Duration TIMEOUT = Duration.ofHours(2);
    private static final ExternalTool PG_DUMP = new ExternalTool("pg_dump", "postgresql-client");
    private static final ExternalTool PG_RESTORE = new ExternalTool("pg_restore", "postgresql-client");
    private static final ExternalTool PSQL = new ExternalTool("psql", "postgresql-client");
    /**
     * How long pg_dump waits for a table's lock when no lock timeout is configured: a session holding a table
     * exclusively (an application's own migration, a long ALTER) otherwise kept the backup, and the deploy, waiting.
     */
    static final Duration LOCK_WAIT = Duration.ofSeconds(30);
    /** How much of a restore script's start holds pg_restore's SETs, with room to spare. */
    private static final int HEADER_BYTES = 8192;

    /** How long to wait for a table's lock; null: pg_dump {@link #LOCK_WAIT}, the restore the server's lock_timeout. */
    private final Duration lockTimeout;

    PostgresBackupTool(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    @Override
    public String extension() {
        return "dump";
    }

    @Override
    public void backup(TargetSession session, Path file) {
        Duration wait = lockTimeout != null ? lockTimeout : LOCK_WAIT;
        try {
            PG_DUMP.run(List.of("--format=custom", "--lock-wait-timeout=" + Math.max(1, wait.toMillis()),
                    "--schema=" + quoted(session.schema()), "--file=" + file, "--dbname=" + ClientConnection.conninfo(session.spec())),
                    ClientConnection.postgresEnvironment(session.spec()), null, null, TIMEOUT, session.spec(), ErrorCode.BACKUP_FAILED,
                    "Backing up");
        } catch (FlotillaException e) {
            if (!e.getMessage().contains("Query was: LOCK TABLE")) {
                throw e;
            }
            throw new FlotillaException(ErrorCode.LOCK_TIMEOUT, "Backing up " + session.spec().displayName() + " waited more than "
                    + said(wait) + " (" + (lockTimeout != null ? "the lock timeout" : "pg_dump's lock wait") + ") for a table: "
                    + session.spec().scrub(PostgresLockHolders.phrase(session.connection(), session.schema()))
                    + ", so the backup was stopped; nothing"
                    + " was changed. Try again when the application has released the lock, or raise deploy.lockTimeout"
                    + " (--lock-timeout).\n" + e.getMessage(), e).masked(session.spec()::scrub);
        }
    }

    @Override
    public void restore(TargetSession session, Path file) {
        String schema = quoted(session.schema());
        List<String> arguments = new ArrayList<>(List.of("--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
                "--command=DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
        if (!createsSchema(session, file)) {
            arguments.add("--command=CREATE SCHEMA " + schema);
        }
        arguments.addAll(List.of("--file=-", "--dbname=" + ClientConnection.conninfo(session.spec())));
        // pg_restore's script goes straight into psql: a plain copy of the rows is never written anywhere.
        ToolPipe load = new ToolPipe(PG_RESTORE, List.of("--no-owner", "--file=-", file.toString()), PSQL, arguments,
                environment(session));
        try {
            load.run(lockTimeout != null ? PostgresBackupTool::keepLockTimeout : ToolPipe.Filter.NONE, TIMEOUT, session.spec(),
                    ErrorCode.RESTORE_FAILED, "Restoring");
        } catch (FlotillaException e) {
            throw failure(session, e);
        }
    }

    /**
     * Copies the script with the {@code SET lock_timeout = 0;} of its header commented out (the rows are copied as
     * they are), so the session's lock timeout bounds the whole load, not only the drop: creating a foreign key to a
     * table an application holds waited forever.
     */
    static void keepLockTimeout(InputStream script, OutputStream into) throws IOException {
        String header = new String(script.readNBytes(HEADER_BYTES), StandardCharsets.ISO_8859_1); // a byte a char
        int firstEntry = header.indexOf("\n-- Name: ");
        int at = header.indexOf("\nSET lock_timeout = 0;\n");
        if (at >= 0 && (firstEntry < 0 || at < firstEntry)) {
            header = header.substring(0, at + 1) + "-- " + header.substring(at + 1);
        }
        into.write(header.getBytes(StandardCharsets.ISO_8859_1));
        script.transferTo(into);
    }

    /** Whether the dump creates the schema itself (pg_dump 15 does for public too); when not, the restore does. */
    private static boolean createsSchema(TargetSession session, Path file) {
        String contents = PG_RESTORE.run(List.of("--list", file.toString()), Map.of(), null, null, TIMEOUT, session.spec(),
                ErrorCode.RESTORE_FAILED, "Restoring");
        return contents.lines().anyMatch(line -> line.matches("^\\d+; \\d+ \\d+ SCHEMA - \\Q" + session.schema() + "\\E( .*)?$"));
    }

    /**
     * The password as pg_dump gets it, and the lock timeout for the whole session, the drop's wait included: the only
     * option set (the ambient PGOPTIONS is not the clients').
     */
    private Map<String, String> environment(TargetSession session) {
        Map<String, String> environment = new HashMap<>(ClientConnection.postgresEnvironment(session.spec()));
        if (lockTimeout != null) {
            environment.put("PGOPTIONS", "-c lock_timeout=" + Math.max(1, lockTimeout.toMillis()));
        }
        return environment;
    }

    /** Nothing is changed by a failed restore: psql rolls its one transaction back, the drop with it. */
    private FlotillaException failure(TargetSession session, FlotillaException e) {
        if (lockTimeout != null && e.getMessage().contains("due to lock timeout")) {
            return new FlotillaException(ErrorCode.LOCK_TIMEOUT, "Restoring " + session.spec().displayName() + " waited more than "
                    + said(lockTimeout) + " (the lock timeout) for a table while dropping or loading its schema: "
                    + holders(session) + "; nothing was changed (the drop and the load run in one transaction, rolled back)."
                    + " Restore again when the application has released it (or stop the application during the restore), or"
                    + " raise deploy.lockTimeout.\n" + e.getMessage(), e).masked(session.spec()::scrub);
        }
        if (loginFailed(e)) {
            return new FlotillaException(e.code(), e.getMessage() + " psql could not log in as Flotilla's connection did, so"
                    + " nothing was dropped: " + session.spec().displayName() + " is as it was. Check the password it is given"
                    + " (the same as Flotilla's connection) and the role's connection limit, then restore again.", e)
                    .masked(session.spec()::scrub);
        }
        return new FlotillaException(e.code(), e.getMessage() + " Nothing was changed: the drop and the load run in one"
                + " transaction, rolled back.", e).masked(session.spec()::scrub);
    }

    /** Whether psql failed to connect (libpq's "connection to server ... failed", before 14 "could not connect"). */
    private static boolean loginFailed(FlotillaException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("psql: error: connection to server") || message.contains("psql: error: could not connect")
                || message.contains("psql: could not connect");
    }

    /** Who holds the schema's tables, or that a table it locks (its own, or one its foreign keys reference) is held. */
    private static String holders(TargetSession session) {
        String holders = session.spec().scrub(PostgresLockHolders.of(session.connection(), session.schema()));
        return holders != null ? "another session holds " + holders
                : "another session holds a table it locks (one of its own, or one its foreign keys reference)";
    }

    /** A wait as said in a message: {@code 5 s}, {@code 1500 ms}. */
    static String said(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
