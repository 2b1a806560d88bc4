package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;

/** {@link TestedPlansContract} on PostgreSQL, a schema per tenant. */
class TestedPlansPostgresIT extends TestedPlansContract {
    @Override
    Tenancy tenancy(String prefix) {
        return PostgresFleetFixture.schemaPerTenant(prefix);
    }
}
