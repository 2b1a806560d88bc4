package dev.flotilla.backup;

import dev.flotilla.ErrorCode;
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
 * {@code mariadb} (or {@code mysql}).
 */
final class MariaDbBackupTool implements BackupTool {
    private static final Duration TIMEOUT = Duration.ofHours(2);

    @Override
    public String extension() {
        return "sql";
    }

    @Override
    public void backup(TargetSession session, Path file) {
        ExternalTool dump = new ExternalTool(ExternalTool.firstOnPath("mariadb-dump", "mysqldump"), "mariadb-client");
        withOptionFile(session, arguments -> {
            arguments.addAll(List.of("--single-transaction", "--routines", "--triggers", "--result-file=" + file, session.schema()));
            dump.run(arguments, Map.of(), null, null, TIMEOUT, session.spec(), ErrorCode.BACKUP_FAILED, "Backing up");
        });
    }

    @Override
    public void restore(TargetSession session, Path file) throws SQLException {
        List<String> charset = Jdbc.queryRow(session.connection(), "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME"
                + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", session.schema());
        String database = session.dialect().quote(session.schema());
        Jdbc.execute(session.connection(), "DROP DATABASE IF EXISTS " + database);
        Jdbc.execute(session.connection(), "CREATE DATABASE " + database
                + (charset.isEmpty() ? "" : " CHARACTER SET " + charset.get(0) + " COLLATE " + charset.get(1)));
        Jdbc.execute(session.connection(), "USE " + database);
        ExternalTool client = new ExternalTool(ExternalTool.firstOnPath("mariadb", "mysql"), "mariadb-client");
        withOptionFile(session, arguments -> {
            arguments.add(session.schema());
            client.run(arguments, Map.of(), file, null, TIMEOUT, session.spec(), ErrorCode.RESTORE_FAILED, "Restoring");
        });
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
