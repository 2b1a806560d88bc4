package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalToolTest {
    private static final TargetSpec SPEC = new TargetSpec("jdbc:postgresql://db:5432/app?password=url-Secret-9", "ops",
            Secret.of("flag-Secret-7"), "acme", null);

    @Test
    void a_missing_program_names_the_package_to_install() {
        ExternalTool tool = new ExternalTool("flotilla-no-such-pg_dump", "postgresql-client");

        assertThatThrownBy(() -> tool.run(List.of("--version"), Map.of(), null, null, Duration.ofSeconds(5), SPEC,
                ErrorCode.BACKUP_FAILED, "Backing up")).isInstanceOfSatisfying(FlotillaException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_FAILED);
                    org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains("Backing up", "apt-get install postgresql-client")
                            .doesNotContain("url-Secret-9", "flag-Secret-7");
                });
    }

    @Test
    void what_a_failing_program_prints_is_scrubbed_of_the_targets_secrets() {
        ExternalTool sh = new ExternalTool("sh", "dash");

        assertThatThrownBy(() -> sh.run(List.of("-c", "echo \"auth failed for flag-Secret-7 url-Secret-9\" >&2; exit 3"),
                Map.of(), null, null, Duration.ofSeconds(5), SPEC, ErrorCode.RESTORE_FAILED, "Restoring"))
                .isInstanceOfSatisfying(FlotillaException.class, e -> org.assertj.core.api.Assertions.assertThat(e.getMessage())
                        .contains("exited with 3", "auth failed for").doesNotContain("flag-Secret-7", "url-Secret-9"));
    }
}
