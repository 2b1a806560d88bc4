package dev.flotilla.testing;

import dev.flotilla.target.TargetSpec;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL database of its own for each test of a control plane, created empty before it and dropped after it (its
 * sessions ended) after the test's own {@code @AfterEach}: register with {@code @RegisterExtension}. {@link #name()} and {@link #url()} are known from the start,
 * for fields that build on them (register it with {@code @Order(1)} before an extension that takes them, so that it is
 * dropped after that one's own clean-up). In the tests' jar for web and cli too.
 */
public final class PostgresPlaneDatabase implements BeforeEachCallback, AfterEachCallback {
    private final String name = TestDatabases.uniqueName();

    /** The database's name. */
    public String name() {
        return name;
    }

    /** The database's URL on the PostgreSQL test server. */
    public String url() {
        return spec().url();
    }

    /** The database on the PostgreSQL test server, as its user, for a connection of the test's own. */
    public TargetSpec spec() {
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
