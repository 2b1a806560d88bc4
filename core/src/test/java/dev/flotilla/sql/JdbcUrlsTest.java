package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
    @Test
    void masks_password_parameters_in_every_url_style() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/app?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/app?user=u&password=****&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:h2:file:./x;USER=sa;PASSWORD=s3cret")).isEqualTo("jdbc:h2:file:./x;USER=sa;PASSWORD=****");
        assertThat(JdbcUrls.redact("jdbc:mariadb://db/app?sslPassword=k&pwd=p")).isEqualTo("jdbc:mariadb://db/app?sslPassword=****&pwd=****");
    }

    @Test
    void masks_user_info_before_the_host() {
        assertThat(JdbcUrls.redact("jdbc:mysql://admin:s3cret@db:3306/app")).isEqualTo("jdbc:mysql://admin:****@db:3306/app");
    }

    @Test
    void lists_the_secrets_so_they_can_be_scrubbed_elsewhere() {
        assertThat(JdbcUrls.secretsIn("jdbc:mysql://admin:one@db/app?password=two")).containsExactlyInAnyOrder("one", "two");
    }

    @Test
    void leaves_urls_without_secrets_unchanged() {
        assertThat(JdbcUrls.redact("jdbc:sqlite:/var/data/tenant.db")).isEqualTo("jdbc:sqlite:/var/data/tenant.db");
    }
}
