package dev.flotilla.control;

import dev.flotilla.testing.PostgresPlaneDatabase;
import dev.flotilla.testing.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A PostgreSQL control plane keeping each tenant's dry-run error code. */
class DryRunErrorCodesPostgresIT extends DryRunErrorCodesContract {
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
