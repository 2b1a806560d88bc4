package dev.flotilla.verify;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;

class TenantCustomChecksPostgresIT extends TenantCustomChecksContract {
    @Override
    TargetSpec createTarget() {
        return TestDatabases.postgres(TestDatabases.uniqueName());
    }
}
