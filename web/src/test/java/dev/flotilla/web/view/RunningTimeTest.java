package dev.flotilla.web.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A deployment's time as its runs add up, the pauses between them (its process gone) apart. */
class RunningTimeTest {
    private static final Instant START = Instant.parse("2026-12-05T06:00:00Z");

    private static Instant at(double seconds) {
        return START.plusMillis((long) (seconds * 1000));
    }

    @Test
    void a_deployment_never_resumed_ran_from_its_start_to_its_end() {
        RunningTime time = RunningTime.of(START, at(5.5), List.of(), List.of(at(0.1), at(5.4)));

        assertThat(time).isEqualTo(new RunningTime(5500, 5500));
        assertThat(time.paused()).isFalse();
    }

    @Test
    void a_resumed_one_ran_until_the_last_thing_its_tasks_recorded_before_the_resume_then_from_the_resume_to_its_end() {
        RunningTime time = RunningTime.of(START, at(34), List.of(at(28.5)), List.of(at(0.2), at(1), at(28.6), at(33.9)));

        assertThat(time.running()).as("1 s, then 5.5 s").isEqualTo(6500);
        assertThat(time.sinceStart()).isEqualTo(34000);
        assertThat(time.paused()).isTrue();
    }

    @Test
    void each_of_several_resumes_or_retries_counts_its_own_run() {
        RunningTime time = RunningTime.of(START, at(100), List.of(at(60), at(30)), List.of(at(2), at(31), at(35), at(61)));

        assertThat(time.running()).as("2 s, 5 s, 40 s").isEqualTo(47000);
    }
}
