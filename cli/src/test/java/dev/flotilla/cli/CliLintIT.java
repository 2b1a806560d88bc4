package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flotilla lint} beside a flotilla.yml: in a mixed fleet (PostgreSQL schemas, a MariaDB tenant with its own URL,
 * registered in the embedded control plane) every file is linted in every dialect the tenants use. Nothing connects to
 * the tenants: their servers (port 1) are never reached.
 */
class CliLintIT {
    @TempDir
    Path temp;
    private Path config;

    @BeforeEach
    void writeConfig() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("cfg"));
        Files.createDirectories(folder.resolve("migrations"));
        Files.writeString(folder.resolve("migrations").resolve("V1__index.sql"),
                "CREATE INDEX CONCURRENTLY idx_notes_owner ON notes (owner);\nDROP TABLE legacy;\n");
        config = folder.resolve("flotilla.yml");
        Files.writeString(config, """
                migrations: migrations
                tenancy:
                  model: schema-per-tenant
                  url: "jdbc:postgresql://127.0.0.1:1/app"
                  user: postgres
                """, StandardCharsets.UTF_8);
    }

    private CliRun run(String... args) {
        return CliRun.withConfig(Map.of(), config, args);
    }

    @Test
    void a_mixed_fleet_is_linted_in_each_of_its_dialects_and_each_finding_names_its_dialects() {
        assertThat(run("tenants", "add", "acme").exitCode()).isZero();
        CliRun added = run("tenants", "add", "globex", "--url", "jdbc:mariadb://127.0.0.1:1/bgerp_t_globex");
        assertThat(added.exitCode()).isZero();
        assertThat(added.err()).as("the URL names one database, the schema template another").contains("tenant globex is"
                + " deployed into database globex (tenancy.schemaTemplate), not bgerp_t_globex which its URL names",
                "register it with --schema bgerp_t_globex");

        CliRun lint = run("lint");
        CliRun json = run("lint", "--json");

        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isEqualTo(1);
        assertThat(lint.out()).contains("error [unsupported-syntax] V1__index.sql:1 (mariadb) Statement at line 1 uses CREATE"
                        + " INDEX CONCURRENTLY", "[drop-table] V1__index.sql:2 (postgresql, mariadb)",
                "Linted 1 migration(s) for postgresql, mariadb: 1 error(s), 1 warning(s), 1 note(s)");
        JsonNode data = json.json().get("data");
        assertThat(texts(data.get("dialects"))).containsExactly("postgresql", "mariadb");
        assertThat(data.get("findings").findValuesAsText("rule")).containsExactly("unsupported-syntax", "drop-table",
                "non-transactional-ddl");
        assertThat(texts(data.at("/findings/0/dialects"))).containsExactly("mariadb");
        assertThat(data.at("/findings/0/severity").asText()).isEqualTo("error");
        assertThat(texts(data.at("/findings/1/dialects"))).containsExactly("postgresql", "mariadb");
    }

    @Test
    void without_registered_tenants_the_tenancy_s_dialect_is_linted_and_dialect_overrides_the_fleet() {
        CliRun alone = run("lint", "--json");
        assertThat(run("tenants", "add", "globex", "--url", "jdbc:mariadb://127.0.0.1:1/bgerp_t_globex").exitCode()).isZero();
        CliRun given = run("lint", "--dialect", "postgresql", "--json");

        assertThat(texts(alone.json().at("/data/dialects"))).containsExactly("postgresql");
        assertThat(alone.json().at("/data/findings").findValuesAsText("rule")).containsExactly("drop-table");
        assertThat(texts(given.json().at("/data/dialects"))).containsExactly("postgresql");
        assertThat(given.json().at("/data/findings").findValuesAsText("rule")).containsExactly("drop-table");
    }

    @Test
    void a_file_switches_a_rule_off_for_itself_with_a_lint_disable_line_and_a_misspelled_rule_is_named_with_its_line()
            throws Exception {
        Path file = config.resolveSibling("migrations").resolve("V1__index.sql");
        CliRun warned = run("lint");
        Files.writeString(file, "-- flotilla:lint-disable drop-table  legacy has been unused since 2024\n" + Files.readString(file));
        CliRun quiet = run("lint", "--json");
        Files.writeString(file, Files.readString(file).replace("drop-table ", "drop-tables "));
        CliRun misspelled = run("lint");

        assertThat(warned.err()).contains("[LINT_WARNING] 1 lint warning(s)", "-- flotilla:lint-disable RULE");
        assertThat(quiet.exitCode()).as(quiet.out() + quiet.err()).isZero();
        assertThat(quiet.json().at("/data/findings").findValuesAsText("rule")).isEmpty();
        assertThat(misspelled.exitCode()).isEqualTo(2);
        assertThat(misspelled.err()).contains("SQL_PARSE_ERROR", "V1__index.sql line 1", "unknown lint rule drop-tables");
    }

    @Test
    void a_control_plane_out_of_reach_leaves_lint_in_the_tenancy_s_dialect_and_says_so() throws Exception {
        Files.writeString(config, Files.readString(config) + """
                controlPlane:
                  url: "jdbc:postgresql://127.0.0.1:1/flotilla"
                  user: postgres
                """, StandardCharsets.UTF_8);

        CliRun lint = run("lint", "--json");

        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isEqualTo(1);
        assertThat(texts(lint.json().at("/data/dialects"))).containsExactly("postgresql");
        assertThat(lint.json().at("/data/findings").findValuesAsText("rule")).containsExactly("drop-table");
        assertThat(lint.err()).contains("the control plane could not be read", "linted in tenancy's dialect only");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
