package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fleet commands on database-per-tenant fleets of SQLite and H2 files, whose drivers create a file on connecting. */
class CliEmbeddedFleetIT {
    @TempDir
    Path temp;

    @Test
    void a_sqlite_tenant_whose_file_is_gone_is_refused_by_deploy_and_no_file_is_made() throws Exception {
        refuses_a_tenant_whose_file_is_gone(EmbeddedFleet.sqlite(temp));
    }

    @Test
    void an_h2_tenant_whose_file_is_gone_is_refused_by_deploy_and_no_file_is_made() throws Exception {
        refuses_a_tenant_whose_file_is_gone(EmbeddedFleet.h2(temp));
    }

    private void refuses_a_tenant_whose_file_is_gone(EmbeddedFleet fleet) throws Exception {
        fleet.run("tenants", "add", "c");
        assertThat(fleet.run("deploy", "--tenants", "c", "--yes").exitCode()).isZero();
        Files.delete(fleet.file("c"));

        JsonNode deploy = fleet.run("deploy", "--tenants", "c", "--yes", "--json").json();

        assertThat(deploy.get("ok").asBoolean()).isFalse();
        assertThat(deploy.at("/errors/0/code").asText()).isEqualTo("TARGET_MISSING");
        assertThat(deploy.at("/errors/0/message").asText()).contains("database file " + fleet.file("c"), "Nothing was created");
        assertThat(fleet.file("c")).doesNotExist();
    }
}
