package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;

/** A killed task's read-back across time zones, on PostgreSQL schemas (installed_on a TIMESTAMP: a wall-clock time). */
class KilledTaskAcrossZonesPostgresIT extends KilledTaskAcrossZonesContract {
    @Override
    Tenancy tenancy(String prefix) {
        return PostgresFleetFixture.schemaPerTenant(prefix);
    }
}
