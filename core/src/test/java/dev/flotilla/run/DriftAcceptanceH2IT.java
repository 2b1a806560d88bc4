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
}
