package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004's layout on PostgreSQL: production migrations 001-003 in migrations/, the test-only 988 in test-migrations/,
 * run on a test target; then 036 is added and must reach both the test target and production.
 */
class CliTestOnlyMigrationsPostgresIT {
    @TempDir
    Path temp;

    private final String testSchema = TestDatabases.uniqueName();
    private final String productionSchema = TestDatabases.uniqueName();

    @AfterEach
    void dropSchemas() {
        TestDatabases.drop(List.of(TestDatabases.postgres(testSchema), TestDatabases.postgres(productionSchema)));
    }

    private Path folder(String name, String... files) throws Exception {
        Path folder = Files.createDirectories(temp.resolve(name));
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(folder.resolve(files[i]), files[i + 1]);
        }
        return folder;
    }

    private static CliRun run(Map<String, String> environment, String command, String schema, String... folders) {
        List<String> args = new ArrayList<>(List.of(command, "--json", "--url", TestDatabases.POSTGRES_URL, "--user",
                TestDatabases.POSTGRES_USER, "--schema", schema));
        args.addAll(List.of(folders));
        return CliRun.of(environment, args.toArray(String[]::new));
    }

    private static String state(JsonNode status, String version) {
        for (JsonNode migration : status.at("/data/migrations")) {
            if (migration.get("version").asText().equals(version)) {
                return migration.get("state").asText();
            }
        }
        throw new AssertionError("no version " + version + " in " + status);
    }

    @Test
    void a_test_only_folder_runs_on_the_test_target_and_holds_no_later_production_migration_back() throws Exception {
        Path migrations = folder("migrations",
                "001_initial_schema.sql", "CREATE TABLE merchants (id INT PRIMARY KEY);\n",
                "002_analytics_views.sql", "CREATE VIEW merchant_count AS SELECT COUNT(*) AS n FROM merchants;\n",
                "003_products_search_optimization.sql", "CREATE TABLE products (id INT PRIMARY KEY, name TEXT);\n");
        Path testMigrations = folder("test-migrations",
                "988_instagram_tables.sql", "CREATE TABLE instagram_test (id INT);\nINSERT INTO merchants VALUES (988);\n");
        String[] onTest = {"--migrations", migrations.toString(), "--test-migrations", testMigrations.toString()};
        String[] onProduction = {"--migrations", migrations.toString()};

        CliRun test = run(Map.of(), "migrate", testSchema, onTest);
        CliRun production = run(Map.of(), "migrate", productionSchema, onProduction);
        assertThat(test.exitCode()).as(test.out() + test.err()).isZero();
        assertThat(test.err()).contains(testMigrations + ": is a test-only folder: its migrations (988_instagram_tables.sql)");
        assertThat(test.json().at("/warnings/0").asText()).as("in the JSON too, as on stderr")
                .startsWith(testMigrations + ": is a test-only folder: its migrations (988_instagram_tables.sql)");
        assertThat(test.json().at("/data/applied").toString()).contains("988");
        assertThat(production.exitCode()).as(production.out() + production.err()).isZero();
        assertThat(production.err()).doesNotContain("test-only");
        assertThat(production.json().has("warnings")).isFalse();
        assertThat(production.json().at("/data/applied").toString()).doesNotContain("988");

        Files.writeString(migrations.resolve("036_add_merchant_region.sql"), "ALTER TABLE merchants ADD COLUMN region TEXT;\n");

        // The trap of seed 004: the test folder given as a production folder holds 036 back forever.
        CliRun trapped = run(Map.of(), "status", testSchema, "--migrations", migrations + "," + testMigrations);
        assertThat(state(trapped.json(), "36")).isEqualTo("out-of-order");
        assertThat(trapped.exitCode()).isEqualTo(1);
        // As test-only, it does not: 036 is pending, and migrates after 988.
        JsonNode status = run(Map.of(), "status", testSchema, onTest).json();
        assertThat(state(status, "36")).isEqualTo("pending");
        assertThat(state(status, "988")).isEqualTo("applied");
        CliRun testAgain = run(Map.of(), "migrate", testSchema, onTest);
        assertThat(testAgain.exitCode()).as(testAgain.out() + testAgain.err()).isZero();
        assertThat(testAgain.json().at("/data/applied").toString()).contains("36").doesNotContain("988");
        // The same folders given in the environment, as a CI job's test stage sets them.
        CliRun fromEnvironment = run(Map.of("FLOTILLA_MIGRATIONS", migrations.toString(), "FLOTILLA_TEST_MIGRATIONS",
                testMigrations.toString()), "status", testSchema);
        assertThat(fromEnvironment.exitCode()).as(fromEnvironment.out() + fromEnvironment.err()).isZero();
        assertThat(state(fromEnvironment.json(), "36")).isEqualTo("applied");

        CliRun productionAgain = run(Map.of(), "migrate", productionSchema, onProduction);
        assertThat(productionAgain.exitCode()).as(productionAgain.out() + productionAgain.err()).isZero();
        assertThat(productionAgain.json().at("/data/applied").toString()).contains("36");
        // A test target read without its test folder says the test-only migration is there, rather than passing it over.
        CliRun withoutTestFolder = run(Map.of(), "status", testSchema, onProduction);
        assertThat(withoutTestFolder.exitCode()).isEqualTo(1);
        assertThat(state(withoutTestFolder.json(), "988")).isEqualTo("missing");
        TargetSpec productionSpec = TestDatabases.postgres(productionSchema);
        assertThat(TestDatabases.snapshot(productionSpec).tables()).extracting(t -> t.name())
                .contains("merchants", "products").doesNotContain("instagram_test");
    }

    @Test
    void migrations_given_twice_are_one_set_and_a_version_in_both_is_refused_naming_both_paths() throws Exception {
        Path a = folder("a", "V1__init.sql", "SELECT 1;\n");
        Path b = folder("b", "V2__more.sql", "SELECT 2;\n", "U2__more.sql", "SELECT -2;\n");

        CliRun valid = CliRun.of("validate", "--migrations", a.toString(), "--migrations", b.toString());
        Files.writeString(b.resolve("001_again.sql"), "SELECT 1;\n");
        CliRun duplicate = CliRun.of("validate", "--json", "--migrations", a.toString(), "--migrations", b.toString());

        assertThat(valid.exitCode()).as(valid.out() + valid.err()).isZero();
        assertThat(valid.out()).contains("2 migration file(s) in " + a + ", " + b);
        assertThat(duplicate.exitCode()).isEqualTo(2);
        assertThat(duplicate.json().at("/errors/0/code").asText()).isEqualTo("DUPLICATE_VERSION");
        assertThat(duplicate.json().at("/errors/0/message").asText())
                .contains(b.resolve("001_again.sql") + ": has the same version as " + a.resolve("V1__init.sql"));
    }
}
