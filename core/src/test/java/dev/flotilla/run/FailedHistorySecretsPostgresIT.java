package dev.flotilla.run;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;

/** A VACUUM runs its migration outside a transaction; PostgreSQL quotes the value it cannot cast. */
class FailedHistorySecretsPostgresIT extends FailedHistorySecretsContract {
    @Override
    TargetSpec newTarget() {
        return TestDatabases.postgres(TestDatabases.uniqueName());
    }

    @Override
    String failingOutsideTransaction() {
        return "CREATE TABLE kept (x INT);\nVACUUM kept;\nSELECT '${db_password}'::int;\n";
    }
}
