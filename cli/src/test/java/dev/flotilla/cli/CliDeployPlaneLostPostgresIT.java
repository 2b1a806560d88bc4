package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.testing.PostgresPlaneDatabase;
import dev.flotilla.testing.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL control plane whose connection is lost while a deploy runs (here its session ended by the server, as a
 * restart or a failover ends it) fails the deploy with CONNECTION_FAILED, as a plane that cannot be reached at all does,
 * saying what to check and the resume that continues it: not SQL_ERROR, which asks to fix a statement.
 */
class CliDeployPlaneLostPostgresIT {
    @RegisterExtension
    @Order(1)
    final PostgresPlaneDatabase plane = new PostgresPlaneDatabase();

    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh(FleetSetup.planeIn(plane));

    @BeforeEach
    void setUp() throws Exception {
        fleet.addTenants(1);
    }

    @Test
    void a_deploy_whose_postgresql_control_plane_is_lost_mid_run_fails_with_connection_failed_and_names_the_resume()
            throws Exception {
        TestDatabases.execute(plane.spec(), """
                CREATE FUNCTION end_my_session() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$;
                CREATE TRIGGER lost BEFORE UPDATE ON deployment_tasks FOR EACH ROW EXECUTE FUNCTION end_my_session();
                """);

        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--json");

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isEqualTo(1);
        JsonNode json = deploy.json();
        String deployment = json.at("/data/deployment").asText();
        assertThat(json.at("/errors")).singleElement().satisfies(error -> {
            assertThat(error.get("code").asText()).as(error.toString()).isEqualTo("CONNECTION_FAILED");
            assertThat(error.get("message").asText()).contains("The control plane", "connection was lost",
                    "Check that its server is running", "controlPlane.url", "`flotilla deploy --resume " + deployment + "`");
        });
    }
}
