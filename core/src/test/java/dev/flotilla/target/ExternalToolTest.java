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

    @Test
    void a_client_older_than_its_server_says_which_client_to_install_and_where_to_point_flotilla() {
        // What pg_dump 15 says of a PostgreSQL 17 server (seen against one), from a stand-in: no such server runs here.
        ExternalTool sh = new ExternalTool("sh", "postgresql-client");

        assertThatThrownBy(() -> sh.run(List.of("-c", "echo 'pg_dump: error: aborting because of server version mismatch' >&2;"
                        + " echo 'pg_dump: detail: server version: 17.2; pg_dump version: 15.20 (Debian 15.20-0+deb12u1)' >&2; exit 1"),
                Map.of(), null, null, Duration.ofSeconds(5), SPEC, ErrorCode.CLONE_FAILED, "Copying the structure of"))
                .isInstanceOfSatisfying(FlotillaException.class, e -> org.assertj.core.api.Assertions.assertThat(e.getMessage())
                        .contains("server version mismatch", "older than the server (17.2)",
                                "Debian: apt-get install postgresql-client-17", "/usr/lib/postgresql/17/bin", "FLOTILLA_PG_DUMP"));
    }
}
