package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;

/** {@link TestedPlansContract} on SQLite, a file per tenant. */
class TestedPlansSqliteIT extends TestedPlansContract {
    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, "jdbc:sqlite:" + temp + "/" + prefix + "_{tenant}.db", null,
                null, null, null);
    }
}
