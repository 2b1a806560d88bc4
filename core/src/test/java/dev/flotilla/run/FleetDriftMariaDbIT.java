package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import java.sql.SQLException;
import java.util.List;

/** Drift over 200 MariaDB databases, one per tenant, each read on its own within the per-server limit. */
class FleetDriftMariaDbIT extends FleetDriftContract {
    @Override
    Tenancy tenancy(String prefix) {
        return MariaDbTenants.tenancy(prefix);
    }

    @Override
    int fleetSize() {
        return 200;
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
