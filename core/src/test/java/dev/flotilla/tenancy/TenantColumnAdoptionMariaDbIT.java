package dev.flotilla.tenancy;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;

class TenantColumnAdoptionMariaDbIT extends TenantColumnAdoptionContract {
    @Override
    protected TargetSpec createTarget(Path temp) {
        return TestDatabases.mariadb(TestDatabases.uniqueName());
    }
}
