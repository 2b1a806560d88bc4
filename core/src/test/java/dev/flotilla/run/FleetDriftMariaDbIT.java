package dev.flotilla.run;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Drift over 200 MariaDB databases, one per tenant, each read on its own within the per-server limit. */
class FleetDriftMariaDbIT extends FleetDriftContract {
    private static final String SERVER = TestDatabases.MARIADB_URL.substring(0, TestDatabases.MARIADB_URL.lastIndexOf('/') + 1);

    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, SERVER + prefix + "_{tenant}", null,
                TestDatabases.MARIADB_USER, null, null);
    }

    @Override
    int fleetSize() {
        return 200;
    }

    @Override
    void prepare(List<TenantTarget> targets) throws SQLException {
        try (Connection c = TestDatabases.connect(TestDatabases.mariadb(null))) {
            for (TenantTarget target : targets) {
                Jdbc.execute(c, "CREATE DATABASE `" + database(target) + "`");
            }
        }
    }

    @Override
    void dropTargets() throws SQLException {
        try (Connection c = TestDatabases.connect(TestDatabases.mariadb(null))) {
            for (TenantTarget target : fleet.targets()) {
                Jdbc.execute(c, "DROP DATABASE IF EXISTS `" + database(target) + "`");
            }
        }
    }

    private static String database(TenantTarget target) {
        String url = target.target().url();
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
