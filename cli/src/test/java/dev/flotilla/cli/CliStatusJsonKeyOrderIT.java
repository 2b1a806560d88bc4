package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys of {@code status --json} and {@code status --fleet --json} in the order README's JSON section lists them, in
 * every run: a map whose order depends on the JVM (Java's {@code Map.of} iterates in an order salted per process) would
 * give another order in some runs, so the fleet's is also read from processes of their own.
 */
class CliStatusJsonKeyOrderIT {
    private static final List<String> ENVELOPE = List.of("ok", "command", "data", "errors");
    private static final List<String> FLEET_TENANT = List.of("id", "name", "groups", "target", "status", "currentVersion",
            "pending", "pendingCount", "lastDeployment", "lastError", "updatedAt", "checkedAt", "pendingVersions");
    /** Fresh JVMs read: a key order that depends on the process's salt shows in one of them (or in-process) but 1 in 16. */
    private static final int PROCESSES = 3;

    @TempDir
    Path temp;

    @Test
    void status_of_the_fleet_gives_its_keys_in_the_documented_order_in_every_process() throws Exception {
        EmbeddedFleet fleet = EmbeddedFleet.h2(temp);
        assertThat(fleet.run("tenants", "add", "acme").exitCode()).isZero();

        List<JsonNode> documents = new ArrayList<>(List.of(fleet.run("status", "--fleet", "--json").json()));
        for (int i = 0; i < PROCESSES; i++) {
            Process status = new ProcessBuilder(Programs.flotillaCommand(List.of(), "status", "--fleet", "--json",
                    "--config", fleet.config.toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            documents.add(new ObjectMapper().readTree(Programs.outputOnceEnded(status, 120)));
        }

        for (JsonNode json : documents) {
            assertThat(keys(json)).as(json.toString()).isEqualTo(ENVELOPE);
            assertThat(keys(json.get("data"))).as(json.toString()).containsExactly("tenants", "live");
            assertThat(keys(json.at("/data/tenants/0"))).as(json.toString()).isEqualTo(FLEET_TENANT);
        }
    }

    @Test
    void status_of_one_target_gives_its_keys_in_the_documented_order() throws Exception {
        EmbeddedFleet files = EmbeddedFleet.h2(temp);
        String[] target = {"--url", files.url("one"), "--user", "sa", "--migrations", temp.resolve("migrations").toString()};
        assertThat(CliRun.of(concat("migrate", target)).exitCode()).isZero();

        JsonNode json = CliRun.of(concat("status", concat("--json", target))).json();

        assertThat(keys(json)).as(json.toString()).isEqualTo(ENVELOPE);
        assertThat(keys(json.get("data"))).as(json.toString()).containsExactly("migrations", "historyTimeZone");
        assertThat(keys(json.at("/data/migrations/0"))).as(json.toString()).containsExactly("version", "description", "script",
                "state", "checksum", "installedOn", "installedBy", "executionMs");
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
