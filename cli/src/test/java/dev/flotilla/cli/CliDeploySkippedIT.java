package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.sql.Jdbc;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What deploy --json says of a tenant it did not start (SQLite tenants). */
class CliDeploySkippedIT {
    @TempDir
    Path temp;

    @Test
    void a_skipped_tenant_says_why_and_what_runs_it() throws Exception {
        EmbeddedFleet fleet = EmbeddedFleet.sqlite(temp);
        fleet.run("tenants", "add", "a");
        fleet.run("tenants", "add", "b");
        try (Connection a = fleet.connect("a")) {
            Jdbc.execute(a, "CREATE TABLE tags (id INT)");
        }

        JsonNode deploy = fleet.run("deploy", "--all", "--yes", "--concurrency", "1", "--json").json();

        String id = deploy.at("/data/deployment").asText();
        assertThat(deploy.at("/data/tenants/0/status").asText()).as(deploy.toString()).isEqualTo("failed");
        JsonNode skipped = deploy.at("/data/tenants/1");
        assertThat(skipped.get("status").asText()).isEqualTo("skipped");
        assertThat(skipped.get("reason").asText()).isEqualTo("not started after an earlier failure; `flotilla deploy"
                + " --resume " + id + "` runs it");
        assertThat(deploy.at("/data/tenants/0").has("reason")).isFalse();
    }
}
