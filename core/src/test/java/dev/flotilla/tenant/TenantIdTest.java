package dev.flotilla.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.FlotillaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "7", "acme", "maison_atelier", "t-001", "0_x-Y", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"})
    void accepts_letters_digits_underscores_and_dashes_starting_with_a_letter_or_digit(String value) {
        assertThat(TenantId.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "_acme", "-acme", "acme corp", "acme;drop", "a.b", "a/b", "a'b", "acmé", "a\u0000",
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"})
    void refuses_anything_that_could_reach_a_name_or_url_unquoted(String value) {
        assertThatThrownBy(() -> TenantId.of(value)).isInstanceOf(FlotillaException.class)
                .hasMessageContaining("Invalid tenant id '" + value + "'").hasMessageContaining("1 to 63 letters");
    }

    @Test
    void refuses_null() {
        assertThatThrownBy(() -> TenantId.of(null)).isInstanceOf(FlotillaException.class);
    }

    @Test
    void sixty_three_characters_is_the_longest() {
        assertThat(TenantId.of("a".repeat(63)).value()).hasSize(63);
        assertThatThrownBy(() -> TenantId.of("a".repeat(64))).isInstanceOf(FlotillaException.class);
    }
}
