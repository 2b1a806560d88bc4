package dev.flotilla.run;

import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test of a fleet of PostgreSQL schemas it makes in {@link #fleet}: dropped, with the fleet closed, after each test. */
abstract class PostgresFleetTest {
    @TempDir
    Path temp;
    Fleet fleet;

    /** Makes {@link #fleet}: {@code tenants} schema-per-tenant tenants on the test server, named uniquely, of {@code migrations}. */
    Fleet fleetOfSchemas(Path migrations, int tenants) {
        fleet = new Fleet(PostgresFleetFixture.schemaPerTenant(TestDatabases.uniqueName()), migrations, tenants);
        return fleet;
    }

    @AfterEach
    void drop() {
        if (fleet != null) {
            fleet.drop();
            fleet.close();
        }
    }
}
