package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tests' reads of a started program's stdout are bounded: a program that never writes the awaited line, or never
 * ends, is killed and fails the test with what it wrote, instead of hanging it (the timeout fails a read that is not).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProgramsTest {
    @TempDir
    Path temp;
    private Process program;

    @AfterEach
    void killProgram() throws InterruptedException {
        if (program != null) {
            program.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A shell that writes {@code lines} on stdout, then sleeps for ten minutes (exec: killing it kills the sleep). Returned
     * once its lines are in the pipe (it has made a file after writing them), so a test's timeout of 1 s waits for what it
     * never writes, not for a loaded machine to run the shell.
     */
    private BufferedReader start(String lines) throws Exception {
        Path written = temp.resolve("written");
        program = new ProcessBuilder("sh", "-c", "printf '" + lines + "'; : > \"$0\"; exec sleep 600", written.toString()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(written)) {
            assertThat(program.isAlive() && System.nanoTime() < deadline).as("the shell writes its lines within 30 s").isTrue();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
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

        assertThatThrownBy(() -> Programs.awaitLine(program, out, "Stop requested by ", 1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not write a line starting with 'Stop requested by ' within 1 s and was killed")
                .hasMessageContaining("Deployment d1 started\nPlanning");
        assertThat(program.isAlive()).isFalse();
    }

    @Test
    void a_program_that_ends_its_stdout_without_the_awaited_line_fails_with_what_it_wrote() throws Exception {
        program = new ProcessBuilder("sh", "-c", "printf 'Deployment d1 started\\n'").start();
        BufferedReader out = new BufferedReader(new InputStreamReader(program.getInputStream(), StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Programs.awaitLine(program, out, "Stop requested by ", 30))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ended its stdout without writing a line starting with 'Stop requested by '")
                .hasMessageContaining("Deployment d1 started");
    }

    @Test
    void a_program_that_never_ends_is_killed_and_fails_with_its_stdout() throws Exception {
        BufferedReader out = start("Deployment d1 started\\nStopping\\n");
        out.readLine();

        assertThatThrownBy(() -> Programs.restOnceEnded(program, out, 1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not end within 1 s and was killed")
                .hasMessageContaining("its stdout: Stopping");
        assertThat(program.isAlive()).isFalse();
    }

    @Test
    void lines_containing_a_text_are_counted_up_to_the_one_awaited_and_the_next_line_is_read_after_it() throws Exception {
        BufferedReader out = start("Rollback d1 started\\nt00 succeeded\\nt01 failed\\nt02 succeeded\\nt03 succeeded\\n");

        String first = Programs.nextLine(program, out, 5);
        String second = Programs.awaitLinesContaining(program, out, "succeeded", 2, 5);
        String after = Programs.nextLine(program, out, 5);

        assertThat(first).isEqualTo("Rollback d1 started");
        assertThat(second).isEqualTo("t02 succeeded");
        assertThat(after).isEqualTo("t03 succeeded");
    }

    @Test
    void a_program_that_writes_too_few_lines_containing_the_text_is_killed_and_fails_with_all_it_wrote() throws Exception {
        BufferedReader out = start("t00 succeeded\\nt01 failed\\n");

        assertThatThrownBy(() -> Programs.awaitLinesContaining(program, out, "succeeded", 2, 1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not write 2 line(s) containing 'succeeded' within 1 s and was killed")
                .hasMessageContaining("its stdout: t00 succeeded\nt01 failed");
        assertThat(program.isAlive()).isFalse();
    }

    /**
     * A program that writes more than a pipe holds (64 KiB here) before it ends: one whose stdout is not read while it runs
     * blocks on the full pipe and never ends.
     */
    @Test
    void finish_reads_the_stdout_while_the_program_runs_so_one_writing_more_than_a_pipe_holds_ends() throws Exception {
        program = new ProcessBuilder("sh", "-c", "head -c 300000 /dev/zero | tr '\\0' x; echo").start();

        Programs.finish(program);

        assertThat(program.exitValue()).isZero();
    }
}
