package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import java.sql.SQLException;
import java.util.List;

/** Provisioning MariaDB databases named by a URL template: the database itself is created and dropped. */
class TenantProvisioningMariaDbIT extends TenantProvisioningContract {
    @Override
    Tenancy tenancy(String prefix) {
        return MariaDbTenants.tenancy(prefix);
    }

    @Override
    void prepare(TenantTarget target) throws SQLException {
        MariaDbTenants.create(List.of(target));
    }

    @Override
    boolean exists(TenantTarget target) throws SQLException {
        return MariaDbTenants.exists(target);
    }

    @Override
    void dropTarget(TenantTarget target) throws SQLException {
        MariaDbTenants.drop(List.of(target));
    }
}
