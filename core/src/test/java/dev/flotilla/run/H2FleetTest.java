package dev.flotilla.run;

import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test of a fleet of schemas in an in-memory H2 database of its own ({@link #url}), the fleet closed after each test. */
abstract class H2FleetTest {
    final String url = "jdbc:h2:mem:" + TestDatabases.uniqueName() + ";DB_CLOSE_DELAY=-1";
    @TempDir
    Path temp;
    Fleet fleet;

    @AfterEach
    void close() {
        if (fleet != null) {
            fleet.close();
        }
    }
}
