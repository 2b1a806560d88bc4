package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;

/** A schema per tenant on PostgreSQL, where a key re-added NOT VALID lets rows past it. */
class OrphansAfterDeployPostgresIT extends OrphansAfterDeployContract {
    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.POSTGRES_URL, null, prefix + "_{tenant}",
                TestDatabases.POSTGRES_USER, null, null);
    }

    @Override
    Tenancy sharedTenancy(String schema) {
        return new Tenancy(TenancyModel.SHARED_SCHEMA, TestDatabases.POSTGRES_URL, null, schema, TestDatabases.POSTGRES_USER,
                null, null);
    }

    @Override
    String insertPastTheKey(String rows) {
        return "ALTER TABLE serials DROP CONSTRAINT serials_company;\nINSERT INTO serials VALUES " + rows + ";\n"
                + "ALTER TABLE serials ADD CONSTRAINT serials_company FOREIGN KEY (company_id) REFERENCES companies (id)"
                + " NOT VALID;\n";
    }

    @Override
    String addKeyWithoutChecking() {
        return "ALTER TABLE notes ADD CONSTRAINT notes_company FOREIGN KEY (company_id) REFERENCES companies (id) NOT VALID;\n";
    }
}
