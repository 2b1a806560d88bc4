package dev.flotilla.run;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of one tenant for each test of a subclass ({@link FleetFixture#inH2}): the schema s_t000 of an in-memory H2
 * database of its own, V1 to deploy in {@code temp}'s folder migrations, in-memory control plane; closed after the test.
 */
abstract class OneTenantH2Fleet {
    @TempDir
    Path temp;
    Fleet fleet;

    @BeforeEach
    void createFleet() {
        fleet = FleetFixture.inH2(temp, 1);
    }

    @AfterEach
    void closeFleet() {
        fleet.close();
    }
}
