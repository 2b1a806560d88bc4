package dev.flotilla.cli.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.FlotillaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad value a FLOTILLA_ variable gave is told as that variable's, not as the file's, which never said it. */
class ConfigEnvironmentSourceTest {
    @TempDir
    Path temp;

    @Test
    void a_control_plane_url_from_the_environment_is_named_by_its_variable_not_by_the_file() throws Exception {
        Path file = Files.writeString(temp.resolve("flotilla.yml"), "tenancy: { model: database-per-tenant }\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, true, Map.of("FLOTILLA_CONTROLPLANE_URL", "jdbc:mariadb://db1/fl")))
                .isInstanceOf(FlotillaException.class)
                .hasMessageContaining("FLOTILLA_CONTROLPLANE_URL: controlPlane.url 'jdbc:mariadb://db1/fl' is not a database")
                .hasMessageNotContaining(file.toString());
    }

    @Test
    void a_tenancy_model_from_the_environment_is_named_by_its_variable_not_by_the_file() throws Exception {
        Path file = Files.writeString(temp.resolve("flotilla.yml"), "deploy: { concurrency: 3 }\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, true, Map.of("FLOTILLA_TENANCY_MODEL", "database-per-tenat")))
                .isInstanceOf(FlotillaException.class)
                .hasMessageContaining("FLOTILLA_TENANCY_MODEL: tenancy.model:")
                .hasMessageNotContaining(file.toString());
    }
}
