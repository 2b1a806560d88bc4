package dev.flotilla.run;

import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;

/** Three tenants sharing one MariaDB database. */
class SharedTargetMariaDbIT extends SharedTargetContract {
    @Override
    Tenancy tenancy(String shared) {
        return new Tenancy(TenancyModel.SHARED_SCHEMA, TestDatabases.MARIADB_URL, null, shared, TestDatabases.MARIADB_USER,
                null, null);
    }

    @Override
    String orphanMigration(String row) {
        return "SET FOREIGN_KEY_CHECKS = 0;\nINSERT INTO serials VALUES " + row + ";\nSET FOREIGN_KEY_CHECKS = 1;\n";
    }
}
