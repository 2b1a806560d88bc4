package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;

/** A {@link FleetFixture} of one tenant, a schema of an in-memory H2 database of its own, gone with the JVM. */
abstract class H2FleetFixture extends FleetFixture {
    /** Schema-per-tenant in the in-memory H2 database {@code prefix}: tenant {@code t000}'s schema is {@code s_t000}. */
    static Tenancy inMemory(String prefix) {
        return new Tenancy(TenancyModel.SCHEMA_PER_TENANT, "jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1", null, "s_{tenant}",
                "sa", null, null);
    }

    @Override
    Tenancy tenancy(String prefix) {
        return inMemory(prefix);
    }

    @Override
    int fleetSize() {
        return 1;
    }

    @Override
    void dropTargets() {
        // In memory: gone with the JVM.
    }
}
