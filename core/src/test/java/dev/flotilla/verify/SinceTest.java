package dev.flotilla.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A check's since, as its skipped message says it beside the target's version. */
class SinceTest {
    @Test
    void a_since_written_with_underscores_is_said_as_versions_are_shown_so_the_two_compare_at_a_glance() {
        Since since = new Since("2025_10_01_060400");

        assertThat(since.notYet("2025.10.1.60305")).isEqualTo("not applicable yet: applies since migration"
                + " 2025.10.1.60400 (since: 2025_10_01_060400), the target is at version 2025.10.1.60305");
    }

    @Test
    void a_since_written_as_versions_are_shown_is_said_once() {
        assertThat(new Since("2").notYet("1")).isEqualTo("not applicable yet: applies since migration 2, the target is at"
                + " version 1");
        assertThat(new Since("3").notYet(null)).isEqualTo("not applicable yet: applies since migration 3, the target is at"
                + " no migration");
    }
}
