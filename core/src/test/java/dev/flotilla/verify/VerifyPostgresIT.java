package dev.flotilla.verify;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

class VerifyPostgresIT extends VerifyContract {
    @Override
    TargetSpec createTarget(Path temp) {
        return TestDatabases.postgres(TestDatabases.uniqueName());
    }

    /** A foreign key added NOT VALID does not look at the rows already there. */
    @Override
    void insertOrphan(Connection connection) throws SQLException {
        String fk = Jdbc.queryString(connection, "SELECT conname FROM pg_constraint WHERE contype = 'f'"
                + " AND conrelid = 'serials'::regclass");
        Jdbc.execute(connection, "ALTER TABLE serials DROP CONSTRAINT " + fk);
        Jdbc.execute(connection, "INSERT INTO serials (id, company_id, serial_no) VALUES (99, 42, 'orphan')");
        Jdbc.execute(connection, "ALTER TABLE serials ADD CONSTRAINT " + fk + " FOREIGN KEY (company_id)"
                + " REFERENCES companies (id) ON DELETE CASCADE NOT VALID");
    }
}
