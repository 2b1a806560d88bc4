package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunnerLabelTest {
    @Test
    void a_runner_label_gives_back_the_host_and_pid_of_its_process_with_or_without_its_pid_namespace() {
        assertThat(Runner.Label.parse("ci-runner-3:4242 pidns 4026531836")).contains(new Runner.Label("ci-runner-3", 4242));
        assertThat(Runner.Label.parse("db-admin:17")).contains(new Runner.Label("db-admin", 17));
        assertThat(Runner.Label.parse(Runner.current())).hasValueSatisfying(label ->
                assertThat(label.pid()).isEqualTo(ProcessHandle.current().pid()));
    }

    @Test
    void a_label_not_written_by_a_runner_gives_nothing() {
        assertThat(Runner.Label.parse(null)).isEmpty();
        assertThat(Runner.Label.parse("")).isEmpty();
        assertThat(Runner.Label.parse("console")).isEmpty();
        assertThat(Runner.Label.parse(":42")).isEmpty();
    }
}
