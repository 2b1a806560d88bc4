package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailuresTest {
    @Test
    void a_drivers_sentence_keeps_its_own_full_stop_and_gets_no_second() {
        assertThat(Failures.sentence("Hint: Use DROP ... CASCADE to drop the dependent objects too.\n"))
                .isEqualTo("Hint: Use DROP ... CASCADE to drop the dependent objects too.");
    }

    @Test
    void a_drivers_text_without_a_full_stop_gets_one() {
        assertThat(Failures.sentence("ERROR: relation \"x\" does not exist")).isEqualTo("ERROR: relation \"x\" does not exist.");
        assertThat(Failures.sentence(null)).isEqualTo("null.");
    }
}
