package dev.flotilla.tenancy;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;

class TenantColumnAdoptionSqliteIT extends TenantColumnAdoptionContract {
    @Override
    TargetSpec createTarget(Path temp) {
        return TestDatabases.sqlite(temp);
    }

    @Override
    boolean rerunnable() {
        return false;
    }

    @Override
    void enforceForeignKeys(java.sql.Connection connection) throws SQLException {
        Jdbc.execute(connection, "PRAGMA foreign_keys = ON");
    }
}
