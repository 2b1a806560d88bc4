package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import java.sql.SQLException;
import java.util.List;

/** A killed task's read-back across time zones, on MariaDB databases (installed_on a DATETIME: a wall-clock time). */
class KilledTaskAcrossZonesMariaDbIT extends KilledTaskAcrossZonesContract {
    @Override
    Tenancy tenancy(String prefix) {
        return MariaDbTenants.tenancy(prefix);
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
