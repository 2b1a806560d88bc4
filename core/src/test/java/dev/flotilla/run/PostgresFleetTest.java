package dev.flotilla.run;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
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

    /**
     * The {@link #fleet} of one tenant, pending the migrations in {@code migrations}, its schema made, then what the
     * statements {@code made} make ({@code {schema}} in each: the schema, quoted).
     */
    TenantTarget oneTenant(Path migrations, String... made) throws Exception {
        TenantTarget tenant = fleetOfSchemas(migrations, 1).targets().get(0);
        try (Connection c = TestDatabases.connect(tenant.target())) {
            Jdbc.execute(c, "CREATE SCHEMA " + quoted(tenant));
            for (String statement : made) {
                Jdbc.execute(c, statement.replace("{schema}", quoted(tenant)));
            }
        }
        return tenant;
    }

    /** {@code tenant}'s schema, quoted. */
    static String quoted(TenantTarget tenant) {
        return "\"" + tenant.target().schema() + "\"";
    }

    @AfterEach
    void drop() {
        if (fleet != null) {
            fleet.drop();
            fleet.close();
        }
    }
}
