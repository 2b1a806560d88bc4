package dev.flotilla.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.FlotillaException;
import dev.flotilla.target.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** secretPlaceholders: the placeholders whose values are masked besides those named like a secret. */
class SecretPlaceholdersConfigTest {
    @TempDir
    Path temp;

    private Path write(String yaml) throws Exception {
        return Files.writeString(temp.resolve("flotilla.yml"), yaml);
    }

    @Test
    void the_listed_placeholders_and_those_named_like_a_secret_are_masked_the_others_not() throws Exception {
        Path file = write("placeholders: { db_password: Pw-1234, license: Lic-5678, app_role: app_user }\n"
                + "secretPlaceholders: [license]\n");

        FlotillaConfig config = ConfigLoader.load(file, true, Map.of());

        assertThat(config.secretPlaceholders()).containsExactly("license");
        assertThat(config.secretPlaceholderValues()).extracting(Secret::source)
                .containsExactlyInAnyOrder("the placeholder ${db_password}", "the placeholder ${license}");
    }

    @Test
    void the_environment_lists_them_as_any_list_setting() throws Exception {
        Path file = write("placeholders: { license: Lic-5678, region: eu }\n");

        FlotillaConfig config = ConfigLoader.load(file, true, Map.of("FLOTILLA_SECRET_PLACEHOLDERS", "license,region"));

        assertThat(config.secretPlaceholders()).containsExactlyInAnyOrder("license", "region");
    }

    @Test
    void a_listed_name_no_placeholder_has_is_refused_naming_the_placeholders() throws Exception {
        // A misspelled name would leave the value it meant bare in every message.
        Path file = write("placeholders: { license_code: Lic-5678 }\nsecretPlaceholders: [licence_code]\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, true, Map.of())).isInstanceOf(FlotillaException.class)
                .hasMessageContaining("secretPlaceholders names [licence_code], which placeholders: does not define;"
                        + " the placeholders are [license_code]")
                .hasMessageNotContaining("Lic-5678");
    }

    @Test
    void a_value_read_from_a_variable_named_like_a_secret_is_masked_and_its_variable_kept_from_hooks() throws Exception {
        Path file = write("placeholders:\n  license: { env: APP_LICENSE_TOKEN }\n  region: { env: APP_REGION }\n"
                + "  app_role: app_user\n");

        FlotillaConfig config = ConfigLoader.load(file, true, Map.of("APP_LICENSE_TOKEN", "Lic-5678", "APP_REGION", "eu-west"));

        assertThat(config.placeholders()).containsExactlyInAnyOrderEntriesOf(Map.of("license", "Lic-5678", "region", "eu-west",
                "app_role", "app_user"));
        assertThat(config.secretPlaceholders()).containsExactly("license");
        assertThat(config.secretPlaceholderValues()).extracting(Secret::source).containsExactly("the placeholder ${license}");
        assertThat(config.secretPlaceholderVariables()).containsExactly("APP_LICENSE_TOKEN");
    }

    @Test
    void a_placeholder_whose_variable_is_not_set_loads_and_is_refused_only_where_its_value_is_needed() throws Exception {
        Path unset = write("placeholders:\n  db_password: { env: APP_DB_PASSWORD }\n  region: eu\n");

        FlotillaConfig config = ConfigLoader.load(unset, true, Map.of());

        assertThat(config.placeholders()).containsExactlyEntriesOf(Map.of("region", "eu"));
        assertThat(config.placeholderNames()).containsExactlyInAnyOrder("db_password", "region");
        assertThat(config.unsetPlaceholders()).containsExactlyEntriesOf(Map.of("db_password", "APP_DB_PASSWORD"));
        assertThatThrownBy(() -> config.requirePlaceholderValues("deploy")).isInstanceOf(FlotillaException.class)
                .hasMessageContaining("placeholders.db_password reads the environment variable APP_DB_PASSWORD, which is not set")
                .hasMessageContaining("`flotilla deploy` puts the placeholders' values into the migrations")
                .satisfies(e -> assertThat(((FlotillaException) e).code()).isEqualTo(dev.flotilla.ErrorCode.BAD_CONFIG));
        ConfigLoader.load(unset, true, Map.of("APP_DB_PASSWORD", "Pw-1234")).requirePlaceholderValues("deploy");
    }

    @Test
    void a_placeholder_whose_source_is_not_env_is_refused() throws Exception {
        Path unknown = write("placeholders:\n  region: { file: region.txt }\n");
        assertThatThrownBy(() -> ConfigLoader.load(unknown, true, Map.of())).isInstanceOf(FlotillaException.class)
                .hasMessageContaining("placeholders entry region takes a value, or { env: VARIABLE }");
    }
}
