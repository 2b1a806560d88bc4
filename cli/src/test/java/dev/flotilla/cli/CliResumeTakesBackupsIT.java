package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.sql.Jdbc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups and checks are the safe side: a retry of a deployment started with --skip-backup and --skip-checks takes
 * them as configured unless the flags are given again, and says so on its second line (SQLite tenants).
 */
class CliResumeTakesBackupsIT {
    @TempDir
    Path temp;

    @Test
    void a_retry_of_a_deployment_run_without_backups_and_checks_takes_them_and_says_it_does() throws Exception {
        EmbeddedFleet fleet = EmbeddedFleet.sqlite(temp);
        Files.writeString(fleet.config, Files.readString(fleet.config).replace("backup: false", "backup: true"));
        fleet.run("tenants", "add", "a");
        fleet.run("tenants", "add", "b");
        try (Connection b = fleet.connect("b")) {
            Jdbc.execute(b, "CREATE TABLE tags (id INT)");
        }
        JsonNode deploy = fleet.run("deploy", "--all", "--yes", "--skip-backup", "--skip-checks", "--continue-on-error",
                "--json").json();
        String id = deploy.at("/data/deployment").asText();
        assertThat(deploy.at("/data/failed").asInt()).as(deploy.toString()).isEqualTo(1);
        try (Connection b = fleet.connect("b")) {
            Jdbc.execute(b, "DROP TABLE tags");
        }

        CliRun retry = fleet.run("deploy", "--retry-failed", id, "--yes");

        assertThat(retry.exitCode()).as(retry.out() + retry.err()).isZero();
        assertThat(retry.out()).contains(", running the checks, though it was started without them (--skip-checks again"
                + " skips them), taking backups, though it was started without them (--skip-backup again skips them)");
        try (var files = Files.walk(temp.resolve("backups"))) {
            assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())).as("b's backup")
                    .anyMatch(f -> f.startsWith("b."));
        }
    }
}
