package dev.flotilla.target;

import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class HistoryInstantsSqliteIT extends HistoryInstantsContract {
    @TempDir
    Path folder;

    @Override
    TargetSpec newTarget() {
        try {
            return TestDatabases.sqlite(Files.createTempDirectory(folder, "target"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
