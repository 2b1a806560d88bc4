package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;

/**
 * A killed task's read-back across time zones, on SQLite files whose URL has the driver write times as text
 * ({@code date_class=TEXT}): a {@link java.sql.Timestamp} would be written as the writing JVM's wall-clock time, not the
 * instant SQLite keeps by default.
 */
class KilledTaskAcrossZonesSqliteTextDatesIT extends KilledTaskAcrossZonesContract {
    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, "jdbc:sqlite:" + temp + "/{tenant}.db?date_class=TEXT",
                null, null, null, null);
    }

    @Override
    void dropTargets() {
        // Files in the test's temporary folder.
    }
}
