package dev.flotilla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.run.Hooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Options and records an application logs (a record's toString) show no secret: a secret placeholder's value, a hook's
 * token, a tenant's URL's password, a console user's password hash.
 */
class OptionsSaidTest {
    @Test
    void target_options_say_their_placeholders_with_the_secret_ones_values_masked() {
        TargetOptions options = new TargetOptions(null, Path.of("db"), Map.of("db_password", "Pw-S3cretXyz", "license",
                "L1cenceXyz", "region", "eu-west"), null, Duration.ofSeconds(30), null, null, null, "ci", null, Set.of("license"));

        assertThat(options.toString()).contains("TargetOptions[", "db_password=****", "license=****", "region=eu-west",
                "installedBy=ci").doesNotContain("S3cretXyz", "L1cenceXyz");
    }

    @Test
    void hooks_say_their_urls_and_commands_masked() {
        Hooks hooks = new Hooks("https://hooks.slack.com/services/T000/B000/XXXXs3cret", null,
                "curl -H 'Authorization: Bearer T0kenXyz' https://lb.local/drain?token=T0kenXyz", null);

        assertThat(hooks.toString()).contains("Hooks[", "https://hooks.slack.com/services/****", "Bearer ****")
                .doesNotContain("XXXXs3cret", "T0kenXyz");
    }

    @Test
    void a_tenant_says_its_url_with_the_password_masked_and_a_console_user_no_password_hash() {
        var tenant = new dev.flotilla.tenant.Tenant(dev.flotilla.tenant.TenantId.of("acme"), null,
                "jdbc:postgresql://db/acme?user=acme&password=TnS3cretXyz", null, java.util.List.of());
        var user = new dev.flotilla.control.UserStore.User("ana", "viewer", "$argon2id$v=19$m=65536$HashXyz", null, "admin");

        assertThat(tenant.toString()).contains("Tenant[", "id=acme", "password=****").doesNotContain("TnS3cretXyz");
        assertThat(user.toString()).contains("name=ana", "passwordHash=****").doesNotContain("HashXyz");
    }
}
