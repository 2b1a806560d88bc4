package dev.flotilla.verify;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

class VerifyMariaDbIT extends VerifyContract implements OtherSchemaChecksContract {
    @Override
    protected TargetSpec createTarget(Path temp) {
        return TestDatabases.mariadb(TestDatabases.uniqueName());
    }

    /** What a bulk load with FOREIGN_KEY_CHECKS=0 leaves behind. */
    @Override
    public void insertOrphan(Connection connection) throws SQLException {
        Jdbc.execute(connection, "SET FOREIGN_KEY_CHECKS = 0");
        Jdbc.execute(connection, "INSERT INTO serials (id, company_id, serial_no) VALUES (99, 42, 'orphan')");
        Jdbc.execute(connection, "SET FOREIGN_KEY_CHECKS = 1");
    }

    @Override
    public String dropIndex(String index, String table) {
        return index + " ON " + table;
    }
}
