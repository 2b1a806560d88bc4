package dev.flotilla.schema;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;

class SnapshotReaderH2IT extends SnapshotReaderContract {
    @Override
    TargetSpec newTarget(Path temp, int n) {
        return TestDatabases.h2(TestDatabases.uniqueName());
    }
}
