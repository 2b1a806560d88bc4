package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tests' reads of a started program's stdout are bounded: a program that never writes the awaited line, or never
 * ends, is killed and fails the test with what it wrote, instead of hanging it (the timeout fails a read that is not).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProgramsTest {
    private Process program;

    @AfterEach
    void killProgram() throws InterruptedException {
        if (program != null) {
            program.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A shell that writes {@code lines} on stdout, then sleeps for ten minutes (exec: killing it kills the sleep). The
     * tests give it 5 s to write them, however loaded the machine.
     */
    private BufferedReader start(String lines) throws Exception {
        program = new ProcessBuilder("sh", "-c", "printf '" + lines + "'; exec sleep 600").start();
        return new BufferedReader(new InputStreamReader(program.getInputStream(), StandardCharsets.UTF_8));
    }

    @Test
    void the_awaited_line_is_returned_and_the_rest_is_read_on_from_the_same_reader() throws Exception {
        program = new ProcessBuilder("sh", "-c", "printf 'Deployment d1 started\\nStop requested by ops\\nSkipped: 2\\n'").start();
        BufferedReader out = new BufferedReader(new InputStreamReader(program.getInputStream(), StandardCharsets.UTF_8));

        String heard = Programs.awaitLine(program, out, "Stop requested by ", 30);
        String rest = Programs.restOnceEnded(program, out, 30);

        assertThat(heard).isEqualTo("Stop requested by ops");
        assertThat(rest).isEqualTo("Skipped: 2\n");
    }

    @Test
    void a_program_that_never_writes_the_awaited_line_is_killed_and_fails_with_the_lines_it_wrote() throws Exception {
        BufferedReader out = start("Deployment d1 started\\nPlanning\\n");

        assertThatThrownBy(() -> Programs.awaitLine(program, out, "Stop requested by ", 5))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("wrote no line starting with 'Stop requested by ' within 5 s and was killed")
                .hasMessageContaining("Deployment d1 started\nPlanning");
        assertThat(program.isAlive()).isFalse();
    }

    @Test
    void a_program_that_ends_its_stdout_without_the_awaited_line_fails_with_what_it_wrote() throws Exception {
        program = new ProcessBuilder("sh", "-c", "printf 'Deployment d1 started\\n'").start();
        BufferedReader out = new BufferedReader(new InputStreamReader(program.getInputStream(), StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Programs.awaitLine(program, out, "Stop requested by ", 30))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ended its stdout without a line starting with 'Stop requested by '")
                .hasMessageContaining("Deployment d1 started");
    }

    @Test
    void a_program_that_never_ends_is_killed_and_fails_with_its_stdout() throws Exception {
        BufferedReader out = start("Deployment d1 started\\nStopping\\n");
        out.readLine();

        assertThatThrownBy(() -> Programs.restOnceEnded(program, out, 5))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not end within 5 s and was killed")
                .hasMessageContaining("its stdout: Stopping");
        assertThat(program.isAlive()).isFalse();
    }
}
