package dev.flotilla.backup;

import dev.flotilla.ErrorCode;
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

    @Override
    public String extension() {
        return "dump";
    }

    @Override
    public void backup(TargetSession session, Path file) {
        PG_DUMP.run(List.of("--format=custom", "--schema=" + quoted(session.schema()), "--file=" + file,
                "--dbname=" + ClientConnection.conninfo(session.spec())), ClientConnection.postgresEnvironment(session.spec()),
                null, null, TIMEOUT, session.spec(), ErrorCode.BACKUP_FAILED, "Backing up");
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
