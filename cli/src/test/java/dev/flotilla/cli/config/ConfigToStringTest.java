package dev.flotilla.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration's records say themselves with every secret masked (a URL's password, a webhook's token, a secret
 * placeholder's value), as {@code Tenant} does: a log line of one, written some day, logs no secret.
 */
class ConfigToStringTest {
    @TempDir
    Path temp;

    @Test
    void the_control_plane_and_tenancy_urls_say_themselves_with_their_passwords_masked() {
        // flotilla.yml refuses a password in them; a URL given otherwise (a flag, a program building them) may hold one.
        FlotillaConfig.ControlPlaneConfig plane = new FlotillaConfig.ControlPlaneConfig(
                "jdbc:postgresql://db/flotilla?user=fl&password=Cp-Secret-1", "fl", null, null, Duration.ofSeconds(5),
                Duration.ofSeconds(20));
        FlotillaConfig.TenancyConfig tenancy = new FlotillaConfig.TenancyConfig("database-per-tenant",
                "jdbc:postgresql://fl:Ten-Secret-2@db/tenants", "jdbc:postgresql://db/t_{tenant}?password=Tpl-Secret-3",
                null, "fl", null, null, null);

        assertThat(plane.toString()).contains("url=jdbc:postgresql://db/flotilla?user=fl&password=****", "user=fl",
                "heartbeat=PT5S").doesNotContain("Cp-Secret-1");
        assertThat(tenancy.toString()).contains("model=database-per-tenant", "url=jdbc:postgresql://fl:****@db/tenants",
                "urlTemplate=jdbc:postgresql://db/t_{tenant}?password=****").doesNotContain("Ten-Secret-2", "Tpl-Secret-3");
    }

    @Test
    void the_configuration_says_itself_with_its_hooks_tokens_and_secret_placeholders_masked() throws Exception {
        Path file = Files.writeString(temp.resolve("flotilla.yml"), """
                hooks: { afterTenant: "https://hooks.slack.com/services/T000/B000/Hook-Secret-4" }
                placeholders: { db_password: Ph-Secret-5, license: Lic-Secret-6, region: eu-west }
                secretPlaceholders: [license]
                """);

        FlotillaConfig config = ConfigLoader.load(file, true, Map.of());

        assertThat(config.hooks().toString()).contains("https://hooks.slack.com/services/").doesNotContain("Hook-Secret-4");
        assertThat(config.toString()).contains("region=eu-west", "db_password=****", "license=****", "hooks.slack.com")
                .doesNotContain("Hook-Secret-4", "Ph-Secret-5", "Lic-Secret-6");
    }
}
