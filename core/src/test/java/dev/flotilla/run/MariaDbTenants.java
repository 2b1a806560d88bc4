package dev.flotilla.run;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** MariaDB tenants with a database each, reached through a URL template: created, checked and dropped by tests. */
final class MariaDbTenants {
    private static final String SERVER = TestDatabases.MARIADB_URL.substring(0, TestDatabases.MARIADB_URL.lastIndexOf('/') + 1);

    private MariaDbTenants() {
    }

    static Tenancy tenancy(String prefix) {
        return tenancy(prefix, "");
    }

    /** As {@link #tenancy(String)}, the URL ending in {@code parameters} ({@code ?sessionVariables=...}). */
    static Tenancy tenancy(String prefix, String parameters) {
        return new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, SERVER + prefix + "_{tenant}" + parameters, null,
                TestDatabases.MARIADB_USER, null, null);
    }

    static void create(List<TenantTarget> targets) throws SQLException {
        run(targets, "CREATE DATABASE `%s`");
    }

    static void drop(List<TenantTarget> targets) throws SQLException {
        run(targets, "DROP DATABASE IF EXISTS `%s`");
    }

    static boolean exists(TenantTarget target) throws SQLException {
        try (Connection c = TestDatabases.connect(TestDatabases.mariadb(null))) {
            return Jdbc.queryString(c, "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", database(target)) != null;
        }
    }

    private static void run(List<TenantTarget> targets, String statement) throws SQLException {
        try (Connection c = TestDatabases.connect(TestDatabases.mariadb(null))) {
            for (TenantTarget target : targets) {
                Jdbc.execute(c, statement.formatted(database(target)));
            }
        }
    }

    private static String database(TenantTarget target) {
        String url = target.target().url().split("\\?", 2)[0]; // without the URL's parameters
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
