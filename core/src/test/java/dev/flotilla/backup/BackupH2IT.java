package dev.flotilla.backup;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;

class BackupH2IT extends BackupContract {
    @Override
    TargetSpec createTarget(Path temp) {
        return new TargetSpec("jdbc:h2:file:" + temp.resolve("h2db") + ";DB_CLOSE_DELAY=-1", "sa", null, "TENANT_A", null);
    }
}
