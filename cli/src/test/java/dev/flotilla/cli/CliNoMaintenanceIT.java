package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.sql.Jdbc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment started with --no-maintenance records it, and its retry runs without the tenant hooks too (SQLite
 * tenants); a tenant whose target already has a table a migration creates is told so, not to fix the script. A
 * rollback started with --no-maintenance records it too, and its resume runs without the tenant hooks.
 */
class CliNoMaintenanceIT {
    @TempDir
    Path temp;

    @Test
    void a_retry_of_a_deployment_started_with_no_maintenance_runs_no_tenant_hook_and_says_so() throws Exception {
        EmbeddedFleet fleet = EmbeddedFleet.sqlite(temp);
        Path ran = temp.resolve("hooks.log");
        Files.writeString(fleet.config, "hooks:\n  beforeTenant: \"echo $FLOTILLA_TENANT >> " + ran + "\"\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        fleet.run("tenants", "add", "a");
        fleet.run("tenants", "add", "b");
        try (Connection b = fleet.connect("b")) {
            Jdbc.execute(b, "CREATE TABLE tags (id INT)");
        }

        JsonNode deploy = fleet.run("deploy", "--all", "--yes", "--no-maintenance", "--continue-on-error", "--json").json();

        String id = deploy.at("/data/deployment").asText();
        assertThat(deploy.at("/data/tenants/1/status").asText()).isEqualTo("failed");
        assertThat(deploy.at("/data/tenants/1/error").asText()).contains("The target already has what the statement"
                + " creates", "`flotilla deploy --retry-failed " + id + "`").doesNotContainIgnoringCase("fix the script");
        assertThat(fleet.run("audit", "--action", "deploy.started").out()).contains("maintenance=off");
        try (Connection b = fleet.connect("b")) {
            Jdbc.execute(b, "DROP TABLE tags");
        }

        CliRun retry = fleet.run("deploy", "--retry-failed", id, "--yes");

        assertThat(retry.exitCode()).as(retry.out() + retry.err()).isZero();
        assertThat(retry.out()).contains("without the beforeTenant/afterTenant hooks (--no-maintenance, as recorded)");
        assertThat(ran).as("no tenant hook ran, in the deployment or its retry").doesNotExist();
        assertThat(fleet.run("audit", "--action", "deploy.retry-failed").out()).contains("maintenance=off");
        fleet.run("tenants", "add", "c");
        assertThat(fleet.run("deploy", "--tenants", "c", "--yes").exitCode()).isZero();
        assertThat(Files.readAllLines(ran)).as("a deployment without --no-maintenance runs the hook").containsExactly("c");
    }

    @Test
    void a_resume_of_a_rollback_started_with_no_maintenance_runs_no_tenant_hook_and_says_so() throws Exception {
        EmbeddedFleet fleet = EmbeddedFleet.sqlite(temp);
        fleet.migration("U2__tags.sql", "DROP TABLE tags;\n");
        for (String tenant : new String[] {"a", "b", "c"}) {
            fleet.run("tenants", "add", tenant);
        }
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        Path ran = temp.resolve("hooks.log");
        Files.writeString(fleet.config, "hooks:\n  beforeTenant: \"echo $FLOTILLA_TENANT >> " + ran + "\"\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        try (Connection a = fleet.connect("a"); Connection c = fleet.connect("c")) {
            Jdbc.execute(a, "DROP TABLE tags"); // U2 fails on a and c, whichever runs first, and the rest are skipped
            Jdbc.execute(c, "DROP TABLE tags");
        }

        JsonNode rollback = fleet.run("rollback", "--all", "--steps", "1", "--concurrency", "1", "--yes", "--no-maintenance",
                "--json").json();

        String id = rollback.at("/data/deployment").asText();
        assertThat(rollback.at("/data/skipped").asInt()).as(rollback.toString()).isPositive();
        assertThat(fleet.run("audit", "--action", "rollback.started").out()).contains("maintenance=off");
        try (Connection a = fleet.connect("a"); Connection c = fleet.connect("c")) {
            Jdbc.execute(a, "CREATE TABLE tags (id INT)");
            Jdbc.execute(c, "CREATE TABLE tags (id INT)");
        }

        CliRun resumed = fleet.run("rollback", "--resume", id);

        assertThat(resumed.out()).as(resumed.out() + resumed.err())
                .contains("without the beforeTenant/afterTenant hooks (--no-maintenance, as recorded)");
        assertThat(resumed.out()).as("it ran the tenants skipped before").contains("succeeded");
        assertThat(ran).as("no tenant hook ran, in the rollback or its resume").doesNotExist();
        assertThat(fleet.run("audit", "--action", "rollback.resumed").out()).contains("maintenance=off");
    }
}
