package dev.flotilla.run;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;

/** Provisioning MariaDB databases named by a URL template: the database itself is created and dropped. */
class TenantProvisioningMariaDbIT extends TenantProvisioningContract {
    private static final String SERVER = TestDatabases.MARIADB_URL.substring(0, TestDatabases.MARIADB_URL.lastIndexOf('/') + 1);

    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, SERVER + prefix + "_{tenant}", null,
                TestDatabases.MARIADB_USER, null, null);
    }

    @Override
    void prepare(TenantTarget target) throws SQLException {
        try (Connection c = TestDatabases.connect(TestDatabases.mariadb(null))) {
            Jdbc.execute(c, "CREATE DATABASE `" + database(target) + "`");
        }
    }

    @Override
    boolean exists(TenantTarget target) throws SQLException {
        try (Connection c = TestDatabases.connect(TestDatabases.mariadb(null))) {
            return Jdbc.queryString(c, "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", database(target)) != null;
        }
    }

    @Override
    void dropTarget(TenantTarget target) throws SQLException {
        try (Connection c = TestDatabases.connect(TestDatabases.mariadb(null))) {
            Jdbc.execute(c, "DROP DATABASE IF EXISTS `" + database(target) + "`");
        }
    }

    private static String database(TenantTarget target) {
        String url = target.target().url();
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
