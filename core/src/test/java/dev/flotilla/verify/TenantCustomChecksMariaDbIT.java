package dev.flotilla.verify;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;

class TenantCustomChecksMariaDbIT extends TenantCustomChecksContract {
    @Override
    TargetSpec createTarget() {
        return TestDatabases.mariadb(TestDatabases.uniqueName());
    }
}
