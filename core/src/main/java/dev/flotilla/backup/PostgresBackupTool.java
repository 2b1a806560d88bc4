package dev.flotilla.backup;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.ClientConnection;
import dev.flotilla.target.ExternalTool;
import dev.flotilla.target.TargetSession;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** {@code pg_dump --format=custom} of the tenant's schema; restore drops the schema and runs {@code pg_restore}. */
final class PostgresBackupTool implements BackupTool {
    private static final Duration TIMEOUT = Duration.ofHours(2);
    private static final ExternalTool PG_DUMP = new ExternalTool("pg_dump", "postgresql-client");
    private static final ExternalTool PG_RESTORE = new ExternalTool("pg_restore", "postgresql-client");
    /**
     * How long pg_dump waits for a table's lock before it gives up: a session holding a table exclusively (an
     * application's own migration, a long ALTER) otherwise kept the backup, and the tenant's deploy, waiting for it.
     */
    static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private final Duration lockWait;

    PostgresBackupTool() {
        this(LOCK_WAIT);
    }

    PostgresBackupTool(Duration lockWait) {
        this.lockWait = lockWait;
    }

    @Override
    public String extension() {
        return "dump";
    }

    @Override
    public void backup(TargetSession session, Path file) {
        try {
            PG_DUMP.run(List.of("--format=custom", "--lock-wait-timeout=" + lockWait.toMillis(), "--schema=" + quoted(session.schema()),
                    "--file=" + file, "--dbname=" + ClientConnection.conninfo(session.spec())),
                    ClientConnection.postgresEnvironment(session.spec()), null, null, TIMEOUT, session.spec(), ErrorCode.BACKUP_FAILED,
                    "Backing up");
        } catch (FlotillaException e) {
            if (!e.getMessage().contains("Query was: LOCK TABLE")) {
                throw e;
            }
            throw new FlotillaException(ErrorCode.BACKUP_FAILED, e.getMessage() + "\nAnother session held a table of the schema"
                    + " for more than " + lockWait.toSeconds() + " s, so the backup (and the deploy after it) did not start;"
                    + " nothing was changed. Try again once that session is done.", e);
        }
    }

    @Override
    public void restore(TargetSession session, Path file) throws SQLException {
        Jdbc.execute(session.connection(), "DROP SCHEMA IF EXISTS " + session.dialect().quote(session.schema()) + " CASCADE");
        if ("public".equals(session.schema())) {
            Jdbc.execute(session.connection(), "CREATE SCHEMA public");
        }
        PG_RESTORE.run(List.of("--no-owner", "--exit-on-error", "--dbname=" + ClientConnection.conninfo(session.spec()),
                file.toString()), ClientConnection.postgresEnvironment(session.spec()), null, null, TIMEOUT, session.spec(),
                ErrorCode.RESTORE_FAILED, "Restoring");
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
