package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status --url --fail-on pending} of one H2 target: a CI step that stops while a migration is still to apply. */
class CliStatusFailOnH2IT {
    @TempDir
    Path temp;

    @Test
    void status_of_one_target_fails_on_pending_migrations_only_when_asked_and_names_them() throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__alpha.sql"), "CREATE TABLE alpha (id INT);\n", StandardCharsets.UTF_8);
        String url = "jdbc:h2:mem:failon_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        String[] target = {"--url", url, "--user", "sa", "--migrations", migrations.toString()};
        assertThat(CliRun.of(with(target, "migrate")).exitCode()).isZero();
        Files.writeString(migrations.resolve("V2__beta.sql"), "CREATE TABLE beta (id INT);\n", StandardCharsets.UTF_8);

        CliRun plain = CliRun.of(with(target, "status"));
        CliRun gated = CliRun.of(with(target, "status", "--fail-on", "pending", "--json"));
        CliRun failedOnly = CliRun.of(with(target, "status", "--fail-on", "failed"));

        assertThat(plain.exitCode()).isZero();
        assertThat(gated.exitCode()).as(gated.out()).isEqualTo(1);
        assertThat(gated.json().at("/errors")).singleElement().satisfies(error -> {
            assertThat(error.get("code").asText()).isEqualTo("MIGRATIONS_PENDING");
            assertThat(error.get("message").asText()).contains("1 migration(s) pending", "2");
        });
        assertThat(failedOnly.exitCode()).as("nothing failed").isZero();
    }

    private static String[] with(String[] target, String... command) {
        String[] all = java.util.Arrays.copyOf(command, command.length + target.length);
        System.arraycopy(target, 0, all, command.length, target.length);
        return all;
    }
}
