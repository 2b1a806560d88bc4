package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;

/** A {@link FleetFixture} of three tenants, each a PostgreSQL schema of its own on the test server. */
abstract class PostgresFleetFixture extends FleetFixture {
    /** Schema-per-tenant on the test server: tenant {@code t000}'s schema is {@code <prefix>_t000}. */
    static Tenancy schemaPerTenant(String prefix) {
        return new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.POSTGRES_URL, null, prefix + "_{tenant}",
                TestDatabases.POSTGRES_USER, null, null);
    }

    /** Every tenant in the one schema {@code schema} of the test server, their rows told apart by tenant_id. */
    static Tenancy sharedSchema(String schema) {
        return new Tenancy(TenancyModel.SHARED_SCHEMA, TestDatabases.POSTGRES_URL, null, schema, TestDatabases.POSTGRES_USER,
                null, null);
    }

    @Override
    Tenancy tenancy(String prefix) {
        return schemaPerTenant(prefix);
    }

    @Override
    int fleetSize() {
        return 3;
    }
}
