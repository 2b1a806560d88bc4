package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import java.sql.SQLException;
import java.util.List;

/** Accepted live schemas on MariaDB, a database per tenant; the structure is kept with SHOW CREATE. */
class DriftAcceptanceMariaDbIT extends DriftAcceptanceContract {
    @Override
    Tenancy tenancy(String prefix) {
        return MariaDbTenants.tenancy(prefix);
    }

    @Override
    void createTargets(List<TenantTarget> targets) throws SQLException {
        MariaDbTenants.create(targets);
    }

    @Override
    void dropTargets() throws SQLException {
        MariaDbTenants.drop(fleet.targets());
    }

    @org.junit.jupiter.api.Test
    void a_failed_repeatable_of_a_second_folder_is_named_by_its_path() throws Exception {
        accepting_a_tenant_whose_repeatable_of_a_second_folder_failed_names_the_file_by_its_path();
    }
}
