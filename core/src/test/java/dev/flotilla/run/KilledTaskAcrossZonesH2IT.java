package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;

/** A killed task's read-back across time zones, on schemas of an in-memory H2 database (installed_on a wall-clock time). */
class KilledTaskAcrossZonesH2IT extends KilledTaskAcrossZonesContract {
    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.SCHEMA_PER_TENANT, "jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1", null, "s_{tenant}",
                "sa", null, null);
    }

    @Override
    void dropTargets() {
        // In memory: gone with the JVM.
    }
}
