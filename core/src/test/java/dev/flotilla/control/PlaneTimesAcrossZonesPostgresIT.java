package dev.flotilla.control;

import dev.flotilla.testing.PostgresPlaneDatabase;
import dev.flotilla.testing.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A PostgreSQL control plane, written by a process in one time zone and read by processes in others. */
class PlaneTimesAcrossZonesPostgresIT extends PlaneTimesAcrossZonesContract {
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
