package dev.flotilla.tenancy;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;

class TenantColumnAdoptionPostgresIT extends TenantColumnAdoptionContract {
    @Override
    TargetSpec createTarget(Path temp) {
        return TestDatabases.postgres(TestDatabases.uniqueName());
    }

    @Override
    boolean clearsChosenColumns() {
        return true;
    }
}
