package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class SecretNamesTest {
    private static final String PASSWORD = "Kw0rd9x";

    @Test
    void a_password_after_each_keyword_form_is_still_masked() {
        String[] written = {"password=%s", "PASSWORD = %s", "passwd=%s", "pwd=%s", "PGPASSWORD=%s", "MYSQL_PWD=%s",
                "'--password=%s'", "--db-password=%s", "Server=db;Password = %s;Encrypt=true", "password1=%s",
                "client_secret=%s", "secret\t=\t%s", "token=%s", "conninfo host=db password='%s' dbname=app",
                "{\"m\":\"conn password=\\\"%s\\\" host=db\"}", "http://h/x?access_token=%s", "http://h/x?api_key=%s",
                "http://h/x?apikey=%s", "http://h/x?key=%s", "http://h/x?sig=%s", "http://h/x?signature=%s",
                "jdbc:mariadb://db/app?sslPassword=%s&pwd=%s", "jdbc:h2:file:./x;USER=sa;PASSWORD=%s"};
        for (String form : written) {
            String text = "failed: " + form.formatted(PASSWORD, PASSWORD) + " then";

            assertThat(SecretNames.mayNameParameter(text) || SecretNames.mayNameKeyword(text)).as(text).isTrue();
            assertThat(JdbcUrls.redact(text)).as(text).doesNotContain(PASSWORD).contains("****");
        }
    }

    @Test
    void text_without_a_secret_word_before_an_equals_sign_is_returned_untouched() {
        String[] texts = {"UPDATE staff SET active = true WHERE id = 1;", "ALTER TABLE services ADD FOREIGN KEY (company_id)"
                + " REFERENCES companies (id) WHERE a=b", "jdbc:h2:file:/tmp/.flotilla/control;AUTO_SERVER=TRUE",
                "jdbc:postgresql://db/app?sslmode=require&currentSchema=t1", "set it with --password-env=TENANT_PW",
                "the token is = nothing here: key, secret and password stand after it", "no equals sign: password"};
        for (String text : texts) {
            assertThat(JdbcUrls.redact(text)).as(text).isSameAs(text);
        }
        assertThat(SecretNames.mayNameParameter(texts[0])).isFalse();
        assertThat(SecretNames.mayNameKeyword(texts[1])).isFalse();
        assertThat(SecretNames.mayNameParameter(texts[2])).isFalse();
        assertThat(SecretNames.mayNameKeyword(texts[5])).isFalse();
    }

    @Test
    void the_checks_never_skip_a_text_that_a_masking_pattern_matches() {
        String[] pieces = {"password", "PassWd", "pwd", "secret", "TOKEN", "key", "Sig", "signature", "api", "access", "_",
                ".", "-", "=", "=", " ", "\t", "?", "&", ";", "#", "'", "\"", "\\", "a", "X", "1", "é", "\u212A", ":", "/",
                "@", ",", "(", "\n", "ſ"};
        Random random = new Random(28);
        int matched = 0;
        int skipped = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = 1 + random.nextInt(10); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String t = text.toString();
            boolean parameter = JdbcUrls.SECRET_PARAMETER.matcher(t).find();
            boolean keyword = JdbcUrls.KEYWORD_SECRET.matcher(t).find();

            assertThat(!parameter || SecretNames.mayNameParameter(t)).as(t).isTrue();
            assertThat(!keyword || SecretNames.mayNameKeyword(t)).as(t).isTrue();
            assertThat(JdbcUrls.redact(t)).as(t).isEqualTo(everyPattern(t));
            matched += parameter || keyword ? 1 : 0;
            skipped += t.indexOf('=') >= 0 && !SecretNames.mayNameParameter(t) && !SecretNames.mayNameKeyword(t) ? 1 : 0;
        }
        assertThat(matched).isGreaterThan(500);
        assertThat(skipped).isGreaterThan(500);
    }

    /** What redact gave before the checks: both patterns run over any text with an {@code =}, then the user info's. */
    private static String everyPattern(String text) {
        String masked = text.indexOf('=') < 0 ? text : JdbcUrls.KEYWORD_SECRET.matcher(JdbcUrls.SECRET_PARAMETER.matcher(text)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****")))
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****"));
        return masked.indexOf('@') < 0 ? masked : JdbcUrls.USER_INFO.matcher(masked)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****" + m.group(3)));
    }
}
