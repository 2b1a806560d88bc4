package dev.flotilla.control;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL database of its own for each test of a control plane, created empty before it and dropped after it (its
 * sessions ended) after the test's own {@code @AfterEach}: register with {@code @RegisterExtension}. {@link #name()} and {@link #url()} are known from the start,
 * for fields that build on them.
 */
final class PostgresPlaneDatabase implements BeforeEachCallback, AfterEachCallback {
    private final String name = TestDatabases.uniqueName();

    /** The database's name. */
    String name() {
        return name;
    }

    /** The database's URL on the PostgreSQL test server. */
    String url() {
        return spec().url();
    }

    /** The database on the PostgreSQL test server, as its user, for a connection of the test's own. */
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
