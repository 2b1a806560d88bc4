package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretPlaceholdersTest {
    @Test
    void names_holding_a_secrets_word_in_any_case_and_spelling_are_secret() {
        for (String name : List.of("db_password", "DB_PASSWD", "replica_pwd", "gpg_passphrase", "client_secret", "api_token",
                "apikey", "api_key", "API-Key", "aws_access_key", "private_key", "ssh.privateKey", "smtp_credentials")) {
            assertThat(SecretPlaceholders.namedLikeSecret(name)).as(name).isTrue();
        }
    }

    @Test
    void ordinary_names_are_not_secret() {
        for (String name : List.of("app_role", "schema_owner", "tenant_name", "sort_key", "keyspace", "region", "public_key_id")) {
            assertThat(SecretPlaceholders.namedLikeSecret(name)).as(name).isFalse();
        }
    }

    @Test
    void a_secrets_word_inside_a_longer_one_is_still_read_as_secret() {
        // Masking a harmless value costs less than showing a secret.
        assertThat(SecretPlaceholders.namedLikeSecret("tokenizer")).isTrue();
    }

    @Test
    void the_values_of_secret_placeholders_and_of_those_listed_are_masked_the_others_kept() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("db_password", "Pw-4411-x");
        values.put("license", "LIC-98-77");
        values.put("app_role", "app_user");

        String masked = SecretPlaceholders.scrub("GRANT app_user; SET x = 'Pw-4411-x' LIC-98-77", values, Set.of("license"));

        assertThat(masked).isEqualTo("GRANT app_user; SET x = '****' ****");
        assertThat(SecretPlaceholders.valuesIn(values, Set.of())).hasSize(1).allSatisfy(s -> assertThat(s.is("Pw-4411-x")).isTrue());
        assertThat(SecretPlaceholders.valuesIn(values, Set.of()).get(0).source()).isEqualTo("the placeholder ${db_password}");
    }
}
