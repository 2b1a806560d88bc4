package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.sql.Jdbc;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A migration merged late, older than what the fleet already runs, taken out with --out-of-order (SQLite tenants). */
class CliOutOfOrderIT {
    @TempDir
    Path temp;

    @Test
    void a_fleet_applies_a_late_merged_migration_with_out_of_order_and_a_retry_keeps_it() throws Exception {
        EmbeddedFleet fleet = EmbeddedFleet.sqlite(temp);
        fleet.run("tenants", "add", "a");
        fleet.run("tenants", "add", "b");
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.migration("V1_5__late.sql", "CREATE TABLE late (id INT PRIMARY KEY);\n");
        try (Connection b = fleet.connect("b")) {
            Jdbc.execute(b, "CREATE TABLE late (id INT)");
        }

        CliRun refused = fleet.run("deploy", "--all", "--yes");
        CliRun plan = fleet.run("plan", "--all", "--out-of-order", "--json");
        CliRun dryRun = fleet.run("dry-run", "--tenants", "a", "--out-of-order");
        JsonNode deploy = fleet.run("deploy", "--all", "--yes", "--out-of-order", "--continue-on-error", "--json").json();

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err() + refused.out()).contains("OUT_OF_ORDER", "pass --out-of-order");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.json().at("/data/tenants").findValuesAsText("state")).containsOnly("pending");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(deploy.at("/data/tenants/0/applied").toString()).isEqualTo("[\"1.5\"]");
        assertThat(deploy.at("/data/tenants/1/status").asText()).isEqualTo("failed");
        String id = deploy.at("/data/deployment").asText();
        assertThat(fleet.run("audit", "--action", "deploy.started").out()).contains("outOfOrder");

        try (Connection b = fleet.connect("b")) {
            Jdbc.execute(b, "DROP TABLE late");
        }
        CliRun retry = fleet.run("deploy", "--retry-failed", id, "--yes");

        assertThat(retry.exitCode()).as(retry.out() + retry.err()).isZero();
        assertThat(retry.out()).contains("applying out-of-order migrations (as recorded)");
        assertThat(fleet.run("plan", "--all", "--json").json().at("/data/tenants").findValuesAsText("state"))
                .containsOnly("up-to-date");
    }
}
