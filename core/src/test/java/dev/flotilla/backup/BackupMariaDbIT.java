package dev.flotilla.backup;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;

class BackupMariaDbIT extends BackupContract {
    @Override
    TargetSpec createTarget(Path temp) {
        return TestDatabases.mariadb(TestDatabases.uniqueName());
    }
}
