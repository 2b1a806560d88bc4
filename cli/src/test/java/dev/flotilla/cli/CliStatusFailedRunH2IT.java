package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status --json} on H2 (each statement commits by itself) of a migration that failed at its statement 2 and of a
 * rollback whose down file failed at its statement 2: the same keys say which run failed, in which script, where and why.
 */
class CliStatusFailedRunH2IT {
    @TempDir
    Path temp;

    @Test
    void a_failed_rollback_is_shown_with_its_down_file_statement_and_error_as_a_failed_migration_is() throws Exception {
        write("V1__alpha.sql", "CREATE TABLE alpha (id INT);\n");
        write("V2__beta.sql", "CREATE TABLE b1 (id INT);\nCREATE TABLE b2 (id INT);\n");
        write("U2__beta.sql", "DROP TABLE b2;\nDROP TABLE b1_typo;\n");
        String rolledBack = url();
        assertThat(run("migrate", rolledBack).exitCode()).isZero();
        assertThat(run("rollback", rolledBack, "--steps", "1").exitCode()).as("U2's statement 2 fails").isEqualTo(1);
        write("V3__broken.sql", "CREATE TABLE c1 (id INT);\nINSERT INTO no_such_table VALUES (1);\n");
        String migrated = url();
        assertThat(run("migrate", migrated).exitCode()).as("V3's statement 2 fails").isEqualTo(1);

        JsonNode rollback = run("status", rolledBack, "--json").json().at("/data/migrations/1");
        JsonNode migration = run("status", migrated, "--json").json().at("/data/migrations/2");

        assertThat(rollback.get("state").asText()).isEqualTo("failed");
        assertThat(rollback.path("failedRun").asText()).as(rollback.toString()).isEqualTo("rollback");
        assertThat(rollback.path("failedScript").asText()).isEqualTo("U2__beta.sql");
        assertThat(rollback.path("failedStatement").asInt()).isEqualTo(2);
        assertThat(rollback.path("error").asText()).containsIgnoringCase("b1_typo");
        assertThat(migration.get("state").asText()).isEqualTo("failed");
        assertThat(migration.path("failedRun").asText()).as(migration.toString()).isEqualTo("migration");
        assertThat(migration.path("failedScript").asText()).isEqualTo("V3__broken.sql");
        assertThat(migration.path("failedStatement").asInt()).isEqualTo(2);
        assertThat(migration.path("error").asText()).containsIgnoringCase("no_such_table");
    }

    private void write(String name, String sql) throws Exception {
        Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(temp.resolve("migrations").resolve(name), sql, StandardCharsets.UTF_8);
    }

    private static String url() {
        return "jdbc:h2:mem:hroll_status_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    }

    private CliRun run(String command, String url, String... more) {
        String[] args = new String[more.length + 7];
        args[0] = command;
        System.arraycopy(new String[] {"--url", url, "--user", "sa", "--migrations", temp.resolve("migrations").toString()},
                0, args, 1, 6);
        System.arraycopy(more, 0, args, 7, more.length);
        return CliRun.of(args);
    }
}
