package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;

/** A database per tenant on MariaDB, where FOREIGN_KEY_CHECKS=0 lets rows past a key, as a bulk load does. */
class OrphansAfterDeployMariaDbIT extends OrphansAfterDeployContract {
    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.MARIADB_URL, null, prefix + "_{tenant}",
                TestDatabases.MARIADB_USER, null, null);
    }

    @Override
    Tenancy sharedTenancy(String schema) {
        return new Tenancy(TenancyModel.SHARED_SCHEMA, TestDatabases.MARIADB_URL, null, schema, TestDatabases.MARIADB_USER,
                null, null);
    }

    @Override
    String insertPastTheKey(String rows) {
        return "SET FOREIGN_KEY_CHECKS = 0;\nINSERT INTO serials VALUES " + rows + ";\nSET FOREIGN_KEY_CHECKS = 1;\n";
    }

    @Override
    String addKeyWithoutChecking() {
        return "SET FOREIGN_KEY_CHECKS = 0;\nALTER TABLE notes ADD CONSTRAINT notes_company FOREIGN KEY (company_id)"
                + " REFERENCES companies (id);\nSET FOREIGN_KEY_CHECKS = 1;\n";
    }
}
