package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status on one target while another run applies a migration there, and after it. */
class CliStatusIT {
    private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";

    @TempDir
    Path temp;

    @Test
    void a_migration_another_run_is_applying_shows_as_running_not_failed() throws Exception {
        String database = "flc_status_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String url = SERVER + database;
        try (Connection c = DriverManager.getConnection(SERVER + "test", "root", "")) {
            c.createStatement().execute("CREATE DATABASE " + database);
        }
        try {
            Files.writeString(temp.resolve("V1__slow.sql"), "CREATE TABLE a (id INT);\nDO SLEEP(6);\nCREATE TABLE b (id INT);\n");
            // Another process, as another run would be.
            Process migrate = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "migrate", "--url", url, "--user", "root", "--migrations", temp.toString())
                    .redirectErrorStream(true).redirectOutput(temp.resolve("migrate.log").toFile()).start();
            JsonNode during = null;
            StringBuilder seen = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (System.nanoTime() < deadline) {
                JsonNode status = CliRun.of("status", "--json", "--url", url, "--user", "root", "--migrations", temp.toString()).json();
                seen.append(status).append('\n');
                if (status.at("/data/migrations/0/installedOn").isTextual()) {
                    during = status;
                    break;
                }
                Thread.sleep(100);
            }
            CliRun text = CliRun.of("status", "--url", url, "--user", "root", "--migrations", temp.toString());
            assertThat(migrate.waitFor(60, TimeUnit.SECONDS)).isTrue();
            JsonNode after = CliRun.of("status", "--json", "--url", url, "--user", "root", "--migrations", temp.toString()).json();

            assertThat(during).as("a status while the migration ran: " + seen).isNotNull();
            assertThat(during.at("/data/migrations/0/state").asText()).isEqualTo("running");
            assertThat(text.out()).contains("running", "Another run holds the lock");
            assertThat(migrate.exitValue()).as(Files.readString(temp.resolve("migrate.log"))).isZero();
            assertThat(after.at("/data/migrations/0/state").asText()).isEqualTo("applied");
        } finally {
            try (Connection c = DriverManager.getConnection(SERVER + "test", "root", "")) {
                c.createStatement().execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }
}
