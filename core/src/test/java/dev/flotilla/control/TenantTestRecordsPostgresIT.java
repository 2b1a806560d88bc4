package dev.flotilla.control;

import dev.flotilla.testing.PostgresPlaneDatabase;
import dev.flotilla.testing.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link TenantTestRecordsContract} on a PostgreSQL control plane. */
class TenantTestRecordsPostgresIT extends TenantTestRecordsContract {
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
