package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;
import java.util.List;

/** Accepted live schemas on H2, a schema per tenant of one in-memory database; the structure is kept with SCRIPT. */
class DriftAcceptanceH2IT extends DriftAcceptanceContract {
    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.SCHEMA_PER_TENANT, "jdbc:h2:mem:" + TestDatabases.uniqueName() + ";DB_CLOSE_DELAY=-1",
                null, "s_{tenant}", "sa", null, null);
    }

    @Override
    void createTargets(List<TenantTarget> targets) {
    }

    @org.junit.jupiter.api.Test
    void a_failed_repeatable_of_a_second_folder_is_named_by_its_path() throws Exception {
        accepting_a_tenant_whose_repeatable_of_a_second_folder_failed_names_the_file_by_its_path();
    }
}
