package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;

/** A killed task's read-back across time zones, on SQLite files (installed_on kept as an exact instant). */
class KilledTaskAcrossZonesSqliteIT extends KilledTaskAcrossZonesContract {
    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, "jdbc:sqlite:" + temp + "/{tenant}.db", null, null, null,
                null);
    }

    @Override
    void dropTargets() {
        // Files in the test's temporary folder.
    }
}
