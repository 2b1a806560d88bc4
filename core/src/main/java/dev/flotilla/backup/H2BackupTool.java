package dev.flotilla.backup;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import java.nio.file.Path;
import java.sql.SQLException;

/** H2's {@code SCRIPT TO .. SCHEMA} with data; restore drops the schema's objects and runs the script. */
final class H2BackupTool implements BackupTool {
    @Override
    public String extension() {
        return "sql";
    }

    @Override
    public void backup(TargetSession session, Path file) throws SQLException {
        Jdbc.prepareAndRun(session.connection(), "SCRIPT TO ? SCHEMA " + session.dialect().quote(session.schema()),
                file.toAbsolutePath().toString());
    }

    @Override
    public void restore(TargetSession session, Path file) throws SQLException {
        String schema = session.dialect().quote(session.schema());
        if (session.schema().equalsIgnoreCase("PUBLIC")) {
            Jdbc.execute(session.connection(), "DROP ALL OBJECTS");
        } else {
            Jdbc.execute(session.connection(), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        Jdbc.prepareAndRun(session.connection(), "RUNSCRIPT FROM ?", file.toAbsolutePath().toString());
        Jdbc.execute(session.connection(), "SET SCHEMA " + schema);
    }
}
