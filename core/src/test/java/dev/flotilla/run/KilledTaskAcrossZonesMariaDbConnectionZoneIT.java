package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;
import java.sql.SQLException;
import java.util.List;

/**
 * A killed task's read-back across time zones, on MariaDB databases whose URL has the driver convert times to a zone of
 * its own ({@code connectionTimeZone=Asia/Tokyo&preserveInstants=true}): a {@link java.sql.Timestamp} would be written
 * as Tokyo's wall-clock time, not the writing process's.
 */
class KilledTaskAcrossZonesMariaDbConnectionZoneIT extends KilledTaskAcrossZonesContract {
    @Override
    Tenancy tenancy(String prefix) {
        String server = TestDatabases.MARIADB_URL.substring(0, TestDatabases.MARIADB_URL.lastIndexOf('/') + 1);
        return new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, server + prefix + "_{tenant}"
                + "?connectionTimeZone=Asia/Tokyo&preserveInstants=true", null, TestDatabases.MARIADB_USER, null, null);
    }

    @Override
    void prepare(List<TenantTarget> targets) throws SQLException {
        MariaDbTenants.create(targets);
    }

    @Override
    void dropTargets() throws SQLException {
        MariaDbTenants.drop(fleet.targets());
    }
}
