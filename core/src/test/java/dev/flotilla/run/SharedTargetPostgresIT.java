package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;

/** Three tenants sharing one PostgreSQL schema. */
class SharedTargetPostgresIT extends SharedTargetContract {
    @Override
    Tenancy tenancy(String shared) {
        return new Tenancy(TenancyModel.SHARED_SCHEMA, TestDatabases.POSTGRES_URL, null, shared, TestDatabases.POSTGRES_USER,
                null, null);
    }

    @Override
    String orphanMigration(String row) {
        return "ALTER TABLE serials DROP CONSTRAINT serials_company;\nINSERT INTO serials VALUES " + row + ";\n"
                + "ALTER TABLE serials ADD CONSTRAINT serials_company FOREIGN KEY (tenant_id, company_id)"
                + " REFERENCES companies (tenant_id, id) NOT VALID;\n";
    }
}
