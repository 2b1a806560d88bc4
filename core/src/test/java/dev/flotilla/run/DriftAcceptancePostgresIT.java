package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;
import java.util.List;

/** Accepted live schemas on PostgreSQL, a schema per tenant; the structure is kept with pg_dump. */
class DriftAcceptancePostgresIT extends DriftAcceptanceContract {
    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.POSTGRES_URL, null, prefix + "_{tenant}",
                TestDatabases.POSTGRES_USER, null, null);
    }

    @Override
    void createTargets(List<TenantTarget> targets) {
    }
}
