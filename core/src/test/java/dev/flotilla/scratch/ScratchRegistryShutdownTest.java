package dev.flotilla.scratch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A scratch this process could not drop while stopping is said on stderr, where no caller masks it: the driver's words
 * may quote the server's URL with its password, or the password alone. A second JVM, stopped as Ctrl-C stops Flotilla.
 */
class ScratchRegistryShutdownTest {
    static final String URL_PASSWORD = "UrlPw0rdXyz";
    static final String PASSWORD = "Sup3rSecretXyz";

    @Test
    void a_scratch_that_cannot_be_dropped_while_stopping_is_said_with_its_targets_secrets_masked() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), RemembersAndExits.class.getName())
                .start();

        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(jvm.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(err).contains("Could not drop the scratch database flotilla_dry_secrets_test", "password=****",
                "dry-run --cleanup").doesNotContain(URL_PASSWORD, PASSWORD);
    }

    /** A second JVM: remembers a scratch whose drop fails quoting its server's secrets, and exits, which runs the hook. */
    public static final class RemembersAndExits {
        public static void main(String[] args) {
            TargetSpec target = new TargetSpec("jdbc:postgresql://db.local/app?password=" + URL_PASSWORD, "app",
                    Secret.of(PASSWORD), null, null);
            ScratchRegistry.remember("flotilla_dry_secrets_test", () -> {
                throw new SQLException("Could not connect to jdbc:postgresql://db.local/app?password=" + URL_PASSWORD
                        + ": the password " + PASSWORD + " was refused");
            }, target::scrub);
            System.exit(0);
        }
    }
}
