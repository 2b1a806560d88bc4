package dev.flotilla.control;

import dev.flotilla.testing.PostgresPlaneDatabase;
import dev.flotilla.testing.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link FleetDryRunListContract} on a PostgreSQL control plane. */
class FleetDryRunListPostgresIT extends FleetDryRunListContract {
    @RegisterExtension
    final PostgresPlaneDatabase database = new PostgresPlaneDatabase();

    @Override
    String url() {
        return database.url();
    }

    @Override
    String user() {
        return TestDatabases.POSTGRES_USER;
    }
}
