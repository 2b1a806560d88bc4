package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A placeholder read from an environment variable that is not set: the commands that put placeholders' values into
 * migrations refuse, naming the placeholder and the variable; the others work without it.
 */
class CliUnsetPlaceholderH2IT {
    @TempDir
    Path temp;
    private final String url = "jdbc:h2:mem:flt_up_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

    private String fleet() throws Exception {
        String config = H2Fleet.create(temp, url, H2Fleet.ONE_AT_A_TIME,
                Map.of("V1__notes.sql", "CREATE TABLE notes (id INT, note VARCHAR(40) DEFAULT '${app_secret}');\n"), List.of("m01"));
        Files.writeString(Path.of(config), "placeholders:\n  app_secret: { env: FLP_APP_SECRET }\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        return config;
    }

    @Test
    void the_commands_that_run_migrations_refuse_naming_the_placeholder_and_its_variable() throws Exception {
        String config = fleet();
        for (List<String> command : List.of(List.of("deploy", "--all", "--yes"), List.of("dry-run", "--all"),
                List.of("plan", "--all"))) {
            CliRun run = CliRun.withConfig(Map.of(), Path.of(config), List.of(command, List.of("--json")).stream().flatMap(List::stream)
                    .toArray(String[]::new));

            assertThat(run.exitCode()).as(command + ": " + run.out() + run.err()).isEqualTo(2);
            assertThat(run.json().at("/errors/0/code").asText()).as(command.toString()).isEqualTo("BAD_CONFIG");
            assertThat(run.json().at("/errors/0/message").asText()).as(command.toString())
                    .contains("placeholders.app_secret reads the environment variable FLP_APP_SECRET, which is not set",
                            "`flotilla " + command.get(0) + "`");
        }
        CliRun status = CliRun.withConfig(Map.of(), Path.of(config), "status", "--fleet", "--live", "--json");
        assertThat(status.json().at("/data/tenants/0/pendingCount").asInt()).as("nothing was applied: " + status.out()).isEqualTo(1);
    }

    @Test
    void status_tenants_list_and_lint_work_without_the_value() throws Exception {
        String config = fleet();
        for (List<String> command : List.of(List.of("status", "--fleet", "--live"), List.of("tenants", "list"),
                List.of("lint"))) {
            CliRun run = CliRun.withConfig(Map.of(), Path.of(config), command.toArray(String[]::new));

            assertThat(run.exitCode()).as(command + ": " + run.out() + run.err()).isZero();
            assertThat(run.out() + run.err()).as(command.toString()).doesNotContain("BAD_CONFIG", "UNKNOWN_PLACEHOLDER");
        }
    }
}
