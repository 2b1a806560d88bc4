package dev.flotilla.verify;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

class VerifySqliteIT extends VerifyContract {
    @Override
    protected TargetSpec createTarget(Path temp) {
        return TestDatabases.sqlite(temp);
    }

    /** SQLite enforces foreign keys only where a connection asks for it. */
    @Override
    public void insertOrphan(Connection connection) throws SQLException {
        Jdbc.execute(connection, "INSERT INTO serials (id, company_id, serial_no) VALUES (99, 42, 'orphan')");
    }
}
