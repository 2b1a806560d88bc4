package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretArgumentsTest {
    private static String masked(String message, String... args) {
        return SecretArguments.masked(message, SecretArguments.in(args));
    }

    @Test
    void a_password_that_is_part_of_other_words_is_masked_where_it_stands_alone_and_nowhere_else() {
        assertThat(masked("Unknown option: '--password=pass'. Did you mean --password-env or --password-file?",
                "status", "--password=pass"))
                .isEqualTo("Unknown option: '--password=****'. Did you mean --password-env or --password-file?");
        assertThat(masked("Unknown options: '--password', 'pass'. Did you mean --password-env?", "status", "--password", "pass"))
                .isEqualTo("Unknown options: '--password', '****'. Did you mean --password-env?");
    }

    @Test
    void a_short_password_is_masked_in_the_argument_quoted_back_not_in_every_number_of_the_message() {
        assertThat(masked("Unknown option: '-p1' (the server is 127.0.0.1:5432)", "status", "-p1"))
                .isEqualTo("Unknown option: '-p****' (the server is 127.0.0.1:5432)");
    }

    @Test
    void a_password_quoted_back_url_encoded_is_masked_too() {
        assertThat(masked("Unmatched argument at index 3: 'https://app.local/x?q=Zq7+sec%2Fret%21'", "status", "--password",
                "Zq7 sec/ret!", "https://app.local/x?q=Zq7+sec%2Fret%21"))
                .isEqualTo("Unmatched argument at index 3: 'https://app.local/x?q=****'");
    }

    @Test
    void the_secrets_of_a_url_quoted_back_are_masked_as_in_every_other_message() {
        assertThat(masked("Unmatched argument: 'jdbc:postgresql://db/app?user=app&password=Other5ecret'", "status", "-pX1y2",
                "jdbc:postgresql://db/app?user=app&password=Other5ecret"))
                .isEqualTo("Unmatched argument: 'jdbc:postgresql://db/app?user=app&password=****'");
    }
}
