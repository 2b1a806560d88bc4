package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} on one target says in which zone it shows the history's times, on H2 (wall clock) and SQLite (instant). */
class CliStatusTimeZoneIT {
    @TempDir
    Path temp;

    @Test
    void status_labels_an_h2_historys_wall_clock_times_with_the_zone_they_are_read_in() throws Exception {
        String url = "jdbc:h2:mem:fxb_zone_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        String zone = ZoneId.systemDefault().getId();

        migrateThenStatus(url, "sa");

        CliRun text = CliRun.of("status", "--url", url, "--user", "sa", "--migrations", migrations().toString());
        JsonNode json = CliRun.of("status", "--json", "--url", url, "--user", "sa", "--migrations", migrations().toString())
                .json();
        assertThat(text.out()).contains("Installed on (" + zone + ")");
        assertThat(json.at("/data/historyTimeZone").asText()).as(json.toString()).isEqualTo(zone);
        assertThat(json.at("/data/migrations/0/installedOn").asText()).as("an instant, as before").endsWith("Z");
    }

    @Test
    void status_on_sqlite_labels_its_times_and_says_the_history_keeps_instants() throws Exception {
        String url = "jdbc:sqlite:" + temp.resolve("tenant.db");

        migrateThenStatus(url, null);

        CliRun text = CliRun.of("status", "--url", url, "--migrations", migrations().toString());
        JsonNode json = CliRun.of("status", "--json", "--url", url, "--migrations", migrations().toString()).json();
        assertThat(text.out()).contains("Installed on (" + ZoneId.systemDefault().getId() + ")");
        assertThat(json.at("/data").has("historyTimeZone")).as(json.toString()).isTrue();
        assertThat(json.at("/data/historyTimeZone").isNull()).as("exact instants, read in no zone").isTrue();
    }

    private void migrateThenStatus(String url, String user) throws Exception {
        Files.createDirectories(migrations());
        Files.writeString(migrations().resolve("V1__notes.sql"), "CREATE TABLE notes (id INT);\n");
        CliRun migrate = user == null ? CliRun.of("migrate", "--url", url, "--migrations", migrations().toString())
                : CliRun.of("migrate", "--url", url, "--user", user, "--migrations", migrations().toString());
        assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isZero();
    }

    private Path migrations() {
        return temp.resolve("migrations");
    }
}
