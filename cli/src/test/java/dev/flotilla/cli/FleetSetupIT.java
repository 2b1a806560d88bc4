package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CLI tests' fleet is on the PostgreSQL server, and is reached as the user, that {@link TestDatabases} names: with
 * FLOTILLA_TEST_POSTGRES_URL set, the fleet's tenants and the test's own reads go to the same place.
 */
class FleetSetupIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @Test
    void the_fleets_tenants_are_on_the_server_test_databases_names_as_its_user() throws Exception {
        fleet.addTenants(1);

        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();

        assertThat(Files.readString(fleet.config)).contains("url: " + TestDatabases.POSTGRES_URL + "\n",
                "user: " + TestDatabases.POSTGRES_USER + "\n");
        assertThat(TestDatabases.snapshot(TestDatabases.postgres(fleet.schema("t00"))).table("notes")).isPresent();
        assertThat(fleet.applied("t00")).containsExactly("1", "2");
    }
}
