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
    void masks_keys_signatures_tokens_and_numbered_passwords_but_not_the_files_of_keys() {
        assertThat(JdbcUrls.redact("http://h/x?api_key=K1&apikey=K2&key=K3&sig=K4&signature=K5&access_token=K6&secret=K7"))
                .isEqualTo("http://h/x?api_key=****&apikey=****&key=****&sig=****&signature=****&access_token=****&secret=****");
        assertThat(JdbcUrls.redact("jdbc:mariadb://db/app?password1=S3cret&password2=T&password3=U"))
                .isEqualTo("jdbc:mariadb://db/app?password1=****&password2=****&password3=****");
        assertThat(JdbcUrls.secretsIn("jdbc:mariadb://db/app?password1=S3cret")).containsExactly("S3cret");
        assertThat(JdbcUrls.secretsIn("jdbc:postgresql://db/app?sslkey=/etc/k.pk8&sslmode=verify-full")).isEmpty();
        assertThat(JdbcUrls.secretsIn("jdbc:mariadb://db/app?keyStore=/k.jks&keyStoreType=JKS")).isEmpty();
    }

    @Test
    void the_masked_value_stops_where_the_url_stops_so_the_rest_of_the_message_is_kept() {
        assertThat(JdbcUrls.redact("The hook `http://h/x?token=abc` failed: HTTP 500 (see 'http://h/y?sig=s')"))
                .isEqualTo("The hook `http://h/x?token=****` failed: HTTP 500 (see 'http://h/y?sig=****')");
        assertThat(JdbcUrls.redact("POST http://h/x?token=abc refused")).isEqualTo("POST http://h/x?token=**** refused");
        assertThat(JdbcUrls.redact("call (http://h/x?token=abc) failed")).isEqualTo("call (http://h/x?token=****) failed");
    }

    @Test
    void the_punctuation_ending_a_sentence_after_a_secret_is_kept_and_a_dot_inside_the_value_is_masked() {
        assertThat(JdbcUrls.redact("Cannot reach jdbc:postgresql://db/app?password=abc.")).isEqualTo("Cannot reach jdbc:postgresql://db/app?password=****.");
        assertThat(JdbcUrls.redact("Is it http://h/?token=abc? Yes: http://h/?key=k1!")).isEqualTo("Is it http://h/?token=****? Yes: http://h/?key=****!");
        assertThat(JdbcUrls.redact("see http://h/x?sig=s1: refused...")).isEqualTo("see http://h/x?sig=****: refused...");
        assertThat(JdbcUrls.redact("http://h/x?password=ab.cd. Then")).isEqualTo("http://h/x?password=****. Then");
        assertThat(JdbcUrls.redact("jdbc:h2:file:./x;PASSWORD=s3.cret;USER=sa")).isEqualTo("jdbc:h2:file:./x;PASSWORD=****;USER=sa");
        assertThat(JdbcUrls.secretsIn("jdbc:postgresql://db/app?password=a.b.c")).containsExactly("a.b.c");
    }

    @Test
    void masks_user_info_of_an_http_url_and_stops_at_whitespace() {
        assertThat(JdbcUrls.redact("POST https://deploy:hunter22@hooks.example/x failed"))
                .isEqualTo("POST https://deploy:****@hooks.example/x failed");
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

    @Test
    void a_relative_sqlite_or_h2_file_is_resolved_against_the_folder_and_any_other_url_is_left_as_it_is() {
        java.nio.file.Path folder = java.nio.file.Path.of("/srv/cfg");

        assertThat(JdbcUrls.withFileIn("jdbc:sqlite:tenants/{tenant}.db?journal_mode=WAL", folder))
                .isEqualTo("jdbc:sqlite:/srv/cfg/tenants/{tenant}.db?journal_mode=WAL");
        assertThat(JdbcUrls.withFileIn("jdbc:sqlite:file:../t.db", folder)).isEqualTo("jdbc:sqlite:file:/srv/t.db");
        assertThat(JdbcUrls.withFileIn("jdbc:h2:./tenants/t_{tenant};MODE=MySQL", folder))
                .isEqualTo("jdbc:h2:file:/srv/cfg/tenants/t_{tenant};MODE=MySQL");
        assertThat(JdbcUrls.withFileIn("jdbc:h2:file:data/x", folder)).isEqualTo("jdbc:h2:file:/srv/cfg/data/x");
        for (String kept : new String[] {"jdbc:sqlite:/var/t.db", "jdbc:sqlite::memory:", "jdbc:h2:mem:x", "jdbc:h2:~/x",
                "jdbc:h2:tcp://host/x", "jdbc:postgresql://db:5432/app"}) {
            assertThat(JdbcUrls.withFileIn(kept, folder)).isEqualTo(kept);
        }
    }

    @Test
    void masks_a_password_written_as_a_keyword_in_free_text_whatever_its_value() {
        assertThat(JdbcUrls.redact("pg_dump: error: host=db port=5432 password=Kw0rd9x user=app"))
                .isEqualTo("pg_dump: error: host=db port=5432 password=**** user=app");
        assertThat(JdbcUrls.redact("conninfo host=db password='two words' dbname=app"))
                .isEqualTo("conninfo host=db password=**** dbname=app");
        assertThat(JdbcUrls.redact("mariadb-dump: unknown option '--password=Kw0rd9x'"))
                .isEqualTo("mariadb-dump: unknown option '--password=****'");
        assertThat(JdbcUrls.redact("ran with PGPASSWORD=Kw0rd9x and MYSQL_PWD=Other77 set"))
                .isEqualTo("ran with PGPASSWORD=**** and MYSQL_PWD=**** set");
        assertThat(JdbcUrls.redact("Server=db;User Id=app;Password = Kw0rd9x;Encrypt=true"))
                .isEqualTo("Server=db;User Id=app;Password = ****;Encrypt=true");
        assertThat(JdbcUrls.redact("--db-password=Kw0rd9x refused. Retry")).isEqualTo("--db-password=**** refused. Retry");
    }

    @Test
    void a_keyword_that_names_where_a_password_is_keeps_its_value_and_the_sentence_keeps_its_punctuation() {
        assertThat(JdbcUrls.redact("set it with --password-env=TENANT_PW or passwordFile=/run/pw"))
                .isEqualTo("set it with --password-env=TENANT_PW or passwordFile=/run/pw");
        assertThat(JdbcUrls.redact("login as app with password=Kw0rd9x. Then retry"))
                .isEqualTo("login as app with password=****. Then retry");
    }

    @Test
    void a_keyword_password_inside_a_json_string_is_masked_and_the_document_stays_json() {
        assertThat(JdbcUrls.redact("{\"m\":\"conn password=\\\"a b\\\" host=db\"}"))
                .isEqualTo("{\"m\":\"conn password=**** host=db\"}");
        assertThat(JdbcUrls.redact("{\"m\":\"password=ab\\\\cd\\nnext\"}")).isEqualTo("{\"m\":\"password=****\\nnext\"}");
    }

    @Test
    void a_token_or_password_a_quoted_sql_statement_sets_or_compares_is_masked_too_and_a_column_merely_named_so_is_not() {
        assertThat(JdbcUrls.redact("V7__rotate.sql statement 2: UPDATE service_accounts SET token = 'live-9f3a', password='p w'"
                + " WHERE id = 1"))
                .isEqualTo("V7__rotate.sql statement 2: UPDATE service_accounts SET token = ****, password=**** WHERE id = 1");
        assertThat(JdbcUrls.redact("SELECT id FROM sessions WHERE api_token = 'abc' AND password_hash = 'h'"))
                .isEqualTo("SELECT id FROM sessions WHERE api_token = **** AND password_hash = 'h'");
    }

    @Test
    void masks_a_credential_sent_in_an_http_authorization_header_or_as_a_bearer_token() {
        assertThat(JdbcUrls.redact("curl -H 'Authorization: Bearer abc.DEF-123' https://h/x"))
                .isEqualTo("curl -H 'Authorization: Bearer ****' https://h/x");
        assertThat(JdbcUrls.redact("curl -H \"authorization:basic dXNlcjpwdw==\" -H \"Proxy-Authorization: Xyz123abc\""))
                .isEqualTo("curl -H \"authorization:basic ****\" -H \"Proxy-Authorization: ****\"");
        assertThat(JdbcUrls.redact("{\"message\": \"sent BEARER tok_9f8e7d6c5b, refused\"}"))
                .isEqualTo("{\"message\": \"sent BEARER ****, refused\"}");
    }

    @Test
    void leaves_a_header_naming_a_variable_and_prose_without_a_credential_alone() {
        assertThat(JdbcUrls.redact("curl -H \"Authorization: Bearer $HOOK_TOKEN\" -H \"Authorization: Bearer ${HOOK_TOKEN}\""))
                .isEqualTo("curl -H \"Authorization: Bearer $HOOK_TOKEN\" -H \"Authorization: Bearer ${HOOK_TOKEN}\"");
        assertThat(JdbcUrls.redact("Sign in: send 'Authorization: Bearer <token>' (create a token on the API tokens page)."))
                .as("a placeholder in advice, not a credential").isEqualTo(
                        "Sign in: send 'Authorization: Bearer <token>' (create a token on the API tokens page).");
        assertThat(JdbcUrls.redact("the bearer of bad news; no Authorization header was sent"))
                .isEqualTo("the bearer of bad news; no Authorization header was sent");
    }
}
