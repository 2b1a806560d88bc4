package dev.flotilla.run;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test of a fleet of MariaDB databases it makes in {@link #fleet}: dropped, with the fleet closed, after each test. */
abstract class MariaDbFleetTest {
    @TempDir
    Path temp;
    Fleet fleet;

    @AfterEach
    void drop() throws Exception {
        if (fleet != null) {
            MariaDbTenants.drop(fleet.targets());
            fleet.close();
        }
    }
}
