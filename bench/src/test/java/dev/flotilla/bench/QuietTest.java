package dev.flotilla.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuietTest {
    @Test
    void reads_the_aggregate_line_of_proc_stat() {
        assertThat(Quiet.parse("cpu  4705 356 584 3699 23 0 8 11 0 0")).containsExactly(4705, 356, 584, 3699, 23, 0, 8, 11, 0, 0);
        assertThatThrownBy(() -> Quiet.parse("cpu0 4705 356 584 3699 23 0 8 11 0 0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aggregate");
    }

    @Test
    void idle_and_disk_waits_count_as_idle_and_stolen_time_as_busy() {
        long[] before = Quiet.parse("cpu  100 0 100 100 0 0 0 0 0 0");
        // 10 user, 5 system, 80 idle, 5 iowait: 85 of 100 idle.
        assertThat(Quiet.idleShare(before, Quiet.parse("cpu  110 0 105 180 5 0 0 0 0 0"))).isCloseTo(0.85, within(1e-9));
        // The same, with 100 ticks the hypervisor stole: 85 of 200.
        assertThat(Quiet.idleShare(before, Quiet.parse("cpu  110 0 105 180 5 0 0 100 0 0"))).isCloseTo(0.425, within(1e-9));
        assertThat(Quiet.idleShare(before, before)).as("no time passed").isEqualTo(1.0);
    }
}
