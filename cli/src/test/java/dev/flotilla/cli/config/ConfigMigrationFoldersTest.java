package dev.flotilla.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** migrations: as one folder or a list, testMigrations:, and their FLOTILLA_* variables. */
class ConfigMigrationFoldersTest {
    @TempDir
    Path temp;

    private Path write(String yaml) throws Exception {
        return Files.writeString(temp.resolve("flotilla.yml"), yaml);
    }

    @Test
    void one_folder_stays_valid_and_is_the_only_one() throws Exception {
        FlotillaConfig config = ConfigLoader.load(write("migrations: sql/tenants\n"), true, Map.of());

        assertThat(config.migrations()).isEqualTo(temp.resolve("sql/tenants"));
        assertThat(config.folders().folders()).containsExactly(temp.resolve("sql/tenants"));
        assertThat(config.folders().testOnly()).isEmpty();
    }

    @Test
    void a_list_of_folders_and_test_only_folders_are_read_against_the_file_s_folder() throws Exception {
        FlotillaConfig config = ConfigLoader.load(write("""
                migrations: [src/database/migrations, /srv/shared/migrations]
                testMigrations:
                  - src/database/test-migrations
                """), true, Map.of());

        assertThat(config.folders().folders()).containsExactly(temp.resolve("src/database/migrations"),
                Path.of("/srv/shared/migrations"));
        assertThat(config.folders().testOnly()).containsExactly(temp.resolve("src/database/test-migrations"));
        assertThat(config.migrations()).isEqualTo(temp.resolve("src/database/migrations"));
    }

    @Test
    void the_environment_gives_the_folders_comma_separated_over_the_file() throws Exception {
        FlotillaConfig config = ConfigLoader.load(write("migrations: sql/tenants\n"), true, Map.of(
                "FLOTILLA_MIGRATIONS", "migrations, more", "FLOTILLA_TEST_MIGRATIONS", "test-migrations"));

        assertThat(config.folders().folders()).containsExactly(temp.resolve("migrations"), temp.resolve("more"));
        assertThat(config.folders().testOnly()).containsExactly(temp.resolve("test-migrations"));
    }

    @Test
    void an_empty_list_or_a_folder_that_is_both_kinds_is_refused() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(write("migrations: []\n"), true, Map.of()))
                .isInstanceOfSatisfying(FlotillaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_CONFIG);
                    assertThat(e.getMessage()).contains("migrations names no folder");
                });
        assertThatThrownBy(() -> ConfigLoader.load(write("migrations: [a]\ntestMigrations: [a]\n"), true, Map.of()))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.getMessage())
                        .contains("as a migrations folder and as a test-only one"));
    }

    @Test
    void a_key_under_it_is_not_taken_for_a_folder() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(write("migrations: { dir: x }\n"), true, Map.of()))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.getMessage())
                        .contains("migrations must be a single value or a list, not a mapping"));
    }
}
