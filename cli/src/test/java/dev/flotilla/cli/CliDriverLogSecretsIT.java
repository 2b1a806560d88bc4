package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a driver logs itself (java.util.logging: the PostgreSQL driver's warnings) reaches stderr masked as Flotilla's own
 * lines are. A process of its own: the JVM's default log handler writes to the stderr the process started with.
 */
class CliDriverLogSecretsIT {
    private static final String SECRET = "DrvS3cretXyz";

    @TempDir
    Path temp;

    @Test
    void the_postgresql_drivers_warning_quoting_a_url_with_its_password_is_masked() throws Exception {
        Files.writeString(temp.resolve("V1__a.sql"), "SELECT 1;\n");
        // No '/' after the port: the driver warns, quoting the URL whole, before refusing it.
        Process flotilla = new ProcessBuilder(Programs.flotillaCommand(java.util.List.of(), "status", "--url",
                "jdbc:postgresql://127.0.0.1:5432?user=postgres&password=" + SECRET, "--migrations", temp.toString()))
                .redirectErrorStream(true).start();
        String said = new String(flotilla.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(flotilla.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(said).contains("must contain a / at the end of the host or port", "password=****", "CONNECTION_FAILED")
                .doesNotContain(SECRET);
    }
}
