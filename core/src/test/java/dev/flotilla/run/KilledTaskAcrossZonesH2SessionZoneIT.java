package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;

/**
 * A killed task's read-back across time zones, on schemas of an in-memory H2 database whose URL sets its sessions' zone
 * ({@code TIME ZONE=Asia/Tokyo}): a {@link java.sql.Timestamp} would be written as Tokyo's wall-clock time, not the
 * writing process's.
 */
class KilledTaskAcrossZonesH2SessionZoneIT extends KilledTaskAcrossZonesContract {
    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.SCHEMA_PER_TENANT, "jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1;TIME ZONE=Asia/Tokyo",
                null, "s_{tenant}", "sa", null, null);
    }

    @Override
    void dropTargets() {
        // In memory: gone with the JVM.
    }
}
