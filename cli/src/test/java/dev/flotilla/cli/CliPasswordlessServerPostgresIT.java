package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tenancy on a server that needs no password (here PostgreSQL trusting 127.0.0.1; MariaDB's root without one alike):
 * init's starter file named passwordEnv as if every server needed one, and said nothing of one that does not (a walk of
 * seed 000 found it). It says to leave passwordEnv out, and a configuration without it deploys.
 */
class CliPasswordlessServerPostgresIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @AfterEach
    void tearDown() throws Exception {
        fleet.dropSchemas();
    }

    @Test
    void init_says_what_to_do_for_a_server_that_needs_no_password() throws Exception {
        Path file = fleet.folder.resolve("starter/flotilla.yml");

        CliRun init = CliRun.of("init", "--config", file.toString());

        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("for a server that needs no password, delete passwordEnv");
        assertThat(Files.readString(file)).contains("A server that needs no password (PostgreSQL's trust, MariaDB's root"
                + " without one): delete the passwordEnv line.", "  passwordEnv: TENANT_DB_PASSWORD");
    }

    @Test
    void a_tenancy_without_passwordEnv_deploys_to_a_server_that_needs_no_password() throws Exception {
        Files.writeString(fleet.config, Files.readString(fleet.config).replace("  passwordEnv: TENANT_DB_PASSWORD\n", ""));
        assertThat(Files.readString(fleet.config)).doesNotContain("password");
        assertThat(CliRun.withConfig(Map.of(), fleet.config, "tenants", "add", "acme").exitCode()).isZero();

        CliRun deploy = CliRun.withConfig(Map.of(), fleet.config, "deploy", "--tenants", "acme", "--yes", "--json");

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(deploy.json().at("/data/tenants/0/applied")).hasSize(2);
    }

    @Test
    void a_passwordEnv_whose_variable_is_not_set_says_to_delete_it_for_a_server_that_needs_no_password() throws Exception {
        assertThat(CliRun.withConfig(Map.of(), fleet.config, "tenants", "add", "acme").exitCode()).isZero();

        CliRun deploy = CliRun.withConfig(Map.of(), fleet.config, "deploy", "--tenants", "acme", "--yes");

        assertThat(deploy.exitCode()).isNotZero();
        assertThat(deploy.out() + deploy.err()).contains("The environment variable TENANT_DB_PASSWORD named by"
                + " tenancy.passwordEnv is not set. Export it before running flotilla, or, for a server that needs no"
                + " password, delete tenancy.passwordEnv from flotilla.yml.");
    }
}
