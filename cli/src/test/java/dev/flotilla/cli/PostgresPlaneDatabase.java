package dev.flotilla.cli;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL database of a test's own for its fleet's control plane, the one a team runs: made before each test,
 * dropped (its sessions ended) after it. Register it with {@code @Order(1)} before the {@link FleetSetup} that takes
 * {@link #config()}, so that it is dropped after the fleet's own clean-up.
 */
final class PostgresPlaneDatabase implements BeforeEachCallback, AfterEachCallback {
    final String name = TestDatabases.uniqueName();

    /** The flotilla.yml lines that put the control plane in this database. */
    String config() {
        return "controlPlane:\n  url: " + spec().url() + "\n  user: " + TestDatabases.POSTGRES_USER + "\n";
    }

    /** The database, to connect to it. */
    TargetSpec spec() {
        return TestDatabases.postgresIn(name, null);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        TestDatabases.execute(TestDatabases.postgres(null), "CREATE DATABASE " + name);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        TestDatabases.execute(TestDatabases.postgres(null), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
