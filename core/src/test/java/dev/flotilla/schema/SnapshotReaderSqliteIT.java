package dev.flotilla.schema;

import dev.flotilla.target.TargetSpec;
import java.nio.file.Path;

class SnapshotReaderSqliteIT extends SnapshotReaderContract {
    @Override
    TargetSpec newTarget(Path temp, int n) {
        return new TargetSpec("jdbc:sqlite:" + temp.resolve("tenant" + n + ".db"), null, null, null, null);
    }
}
