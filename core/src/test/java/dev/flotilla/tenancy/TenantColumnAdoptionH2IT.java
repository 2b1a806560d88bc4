package dev.flotilla.tenancy;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;

class TenantColumnAdoptionH2IT extends TenantColumnAdoptionContract {
    @Override
    protected TargetSpec createTarget(Path temp) {
        return TestDatabases.h2(TestDatabases.uniqueName());
    }
}
