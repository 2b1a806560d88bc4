package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void the_password_is_masked_wherever_it_stands_as_a_value() {
        Secret secret = Secret.of("hunter2");

        assertThat(secret.scrub("password=hunter2; user 'hunter2' at hunter2@db1\nhunter2"))
                .isEqualTo("password=****; user '****' at ****@db1\n****");
        assertThat(Secret.of("p@ss!").scrub("PGPASSWORD=p@ss!x and xp@ss!")).as("a word edge needs a boundary, the other none")
                .isEqualTo("PGPASSWORD=****x and xp@ss!");
        assertThat(Secret.of("#pw#").scrub("x#pw#y")).isEqualTo("x****y");
    }

    @Test
    void a_short_password_inside_a_longer_word_is_left_so_the_mask_does_not_tell_it() {
        assertThat(Secret.of("postgres").scrub("jdbc:postgresql://127.0.0.1/app as postgres"))
                .isEqualTo("jdbc:postgresql://127.0.0.1/app as ****");
        assertThat(Secret.of("fxa").scrub("schema fxa_down1 of fxa_app")).isEqualTo("schema fxa_down1 of fxa_app");
        assertThat(Secret.of("aaaa").scrub("aaaaaa aaaa")).isEqualTo("aaaaaa ****");
        assertThat(Secret.of("x").scrub(null)).isNull();
    }

    @Test
    void a_password_under_four_characters_of_letters_or_digits_only_is_not_masked_so_words_and_addresses_stay_whole() {
        String message = "Check the user and the password read from the environment variable at 127.0.0.1";

        assertThat(Secret.of("the").scrub(message)).isEqualTo(message);
        assertThat(Secret.of("1").scrub(message)).isEqualTo(message);
        assertThat(Secret.of("s3cr").scrub("password s3cr refused")).isEqualTo("password **** refused");
    }

    @Test
    void a_password_under_four_characters_mixing_letters_digits_or_signs_is_masked_where_it_stands_apart() {
        assertThat(Secret.of("x9!").scrub("hook printed x9! and 'x9!' (x9!)\nx9!")).isEqualTo(
                "hook printed **** and '****' (****)\n****");
        assertThat(Secret.of("a1").scrub("pw=a1, host db.a1, tenant a1b2, path /srv/a1, v1-a1 and a1")).as("joined by . - /"
                + " to a name or a number, or inside a word, it is left").isEqualTo(
                "pw=****, host db.a1, tenant a1b2, path /srv/a1, v1-a1 and ****");
        assertThat(Secret.of("7").scrub("1 tenant, 7 applied")).as("a plain number is every count's").isEqualTo(
                "1 tenant, 7 applied");
    }

    @Test
    void a_password_under_four_characters_is_still_masked_where_a_url_or_a_keyword_says_it_is_one() {
        TargetSpec spec = new TargetSpec("jdbc:postgresql://db/app", "app", Secret.of("abc"), null, null);

        assertThat(spec.scrub("Cannot reach jdbc:postgresql://app:abc@db/app?password=abc&ssl=true (abc)"))
                .isEqualTo("Cannot reach jdbc:postgresql://app:****@db/app?password=****&ssl=true (abc)");
        assertThat(spec.scrub("psql host=db password=abc failed")).isEqualTo("psql host=db password=**** failed");
        assertThat(new TargetSpec("jdbc:mariadb://db/app?user=app&password=ab", "app", null, null, null).displayName())
                .isEqualTo("jdbc:mariadb://db/app?user=app&password=****");
    }

    @Test
    void a_secret_written_in_the_url_is_masked_only_as_a_whole_word_and_a_password_equal_to_the_user_leaves_the_user() {
        TargetSpec spec = new TargetSpec("jdbc:postgresql://db/app?password=xsec", "app", Secret.of("app"), null, null);

        assertThat(spec.scrub("schema xsec_my of xsec")).isEqualTo("schema xsec_my of ****");
        assertThat(spec.scrub("Check the user app")).isEqualTo("Check the user app");
        assertThat(spec.displayName()).isEqualTo("jdbc:postgresql://db/app?password=****");
    }
}
