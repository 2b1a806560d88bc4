package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;

/** A killed task's read-back across time zones, on schemas of an in-memory H2 database (installed_on a wall-clock time). */
class KilledTaskAcrossZonesH2IT extends KilledTaskAcrossZonesContract {
    @Override
    Tenancy tenancy(String prefix) {
        return H2FleetFixture.inMemory(prefix);
    }

    @Override
    void dropTargets() {
        // In memory: gone with the JVM.
    }
}
