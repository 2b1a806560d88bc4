package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs start in a process group of their own (a terminal's Ctrl-C does not reach them) under the pid Flotilla knows
 * them by, and stopping Flotilla still stops them and their own children. Real processes, Linux's /proc.
 */
class ChildProcessesTest {
    private static final String SETSID = ChildProcesses.onPath("setsid", System.getenv("PATH"));

    @TempDir
    Path temp;

    @Test
    void a_program_runs_in_a_process_group_and_session_of_its_own_under_the_pid_it_was_started_with() throws Exception {
        assumeTrue(SETSID != null && Files.isDirectory(Path.of("/proc/self")), "setsid and /proc (Linux)");
        Process sleep = ChildProcesses.start(new ProcessBuilder("sleep", "600"));
        try {
            List<String> stat = statOnceRunning(sleep.pid(), "sleep");

            assertThat(stat.get(0)).as("its process group").isEqualTo(Long.toString(sleep.pid()));
            assertThat(stat.get(1)).as("its session").isEqualTo(Long.toString(sleep.pid()));
            assertThat(stat.get(0)).as("not this JVM's group").isNotEqualTo(stat(ProcessHandle.current().pid()).get(0));
            assertThat(sleep.info().command().orElseThrow()).as("the program itself, not a setsid left between").endsWith("/sleep");
        } finally {
            sleep.destroy();
            ChildProcesses.ended(sleep);
        }
        assertThat(sleep.waitFor(30, TimeUnit.SECONDS)).as("stopped through the pid Flotilla has").isTrue();
    }

    @Test
    void without_setsid_the_command_starts_as_it_is_in_this_processs_group() {
        assertThat(ChildProcesses.inOwnGroup(List.of("sleep", "1"), null, "/usr/bin:/bin")).containsExactly("sleep", "1");
    }

    @Test
    void a_program_found_on_the_path_runs_through_setsid_under_its_full_name() throws Exception {
        Path program = Files.createFile(temp.resolve("tool"));
        assertThat(program.toFile().setExecutable(true)).isTrue();

        assertThat(ChildProcesses.inOwnGroup(List.of("tool", "--x"), "/usr/bin/setsid", "/nowhere::" + temp))
                .containsExactly("/usr/bin/setsid", program.toString(), "--x");
        assertThat(ChildProcesses.inOwnGroup(List.of("./tool"), "/usr/bin/setsid", "/nowhere"))
                .containsExactly("/usr/bin/setsid", "./tool");
    }

    @Test
    void a_program_not_on_the_path_is_left_as_it_is_to_fail_as_it_always_did() {
        assertThat(ChildProcesses.inOwnGroup(List.of("flotilla-no-such-tool"), "/usr/bin/setsid", "/usr/bin:/bin"))
                .containsExactly("flotilla-no-such-tool");
    }

    @Test
    void stopping_the_process_stops_a_program_and_the_children_it_started() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "/proc (Linux)");
        Path pidFile = temp.resolve("grandchild");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StartsAndExits.class.getName(),
                pidFile.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();

        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(jvm.exitValue()).isZero();
        long grandchild = Long.parseLong(Files.readString(pidFile).strip());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                ProcessHandle.of(grandchild).ifPresent(ProcessHandle::destroyForcibly);
                throw new AssertionError("the hook's own child (pid " + grandchild + ") outlived the process that ran it");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Test
    void a_half_written_file_that_cannot_be_deleted_while_stopping_is_said_with_a_password_in_its_path_masked() throws Exception {
        // A folder with a file in it cannot be deleted as a file is; its name quotes a password as an option would.
        Path partial = Files.createDirectories(temp.resolve("dump --password=Pw0rdXyz"));
        Files.writeString(partial.resolve("left"), "x");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), MarksPartialAndExits.class.getName(),
                partial.toString()).start();

        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(jvm.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(err).contains("Could not delete the half-written", "--password=****", "delete it by hand")
                .doesNotContain("Pw0rdXyz");
    }

    /** The process group and session of {@code pid} once it runs {@code program}: setsid has done its part by then. */
    private static List<String> statOnceRunning(long pid, String program) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(Path.of("/proc", Long.toString(pid), "stat")).contains("(" + program + ")")) {
            assertThat(System.nanoTime()).as("pid " + pid + " runs " + program).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return stat(pid);
    }

    /** The process group and session of {@code pid}: fields 5 and 6 of /proc/pid/stat, after the command's ")". */
    private static List<String> stat(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return List.of(fields[2], fields[3]);
    }

    /** A second JVM: starts a shell that starts a child, as a hook does, and exits once the child's pid is written. */
    public static final class StartsAndExits {
        public static void main(String[] args) throws Exception {
            Path pidFile = Path.of(args[0]);
            Path partial = Path.of(args[0] + ".tmp");
            ChildProcesses.start(new ProcessBuilder("sh", "-c", "sleep 600 & echo $! > \"$1\"; mv \"$1\" \"$2\"; wait", "sh",
                    partial.toString(), pidFile.toString()));
            while (!Files.exists(pidFile)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            System.exit(0);
        }
    }

    /** A second JVM: marks a file as being written, then exits before it is complete, which runs the hook. */
    public static final class MarksPartialAndExits {
        public static void main(String[] args) {
            ChildProcesses.partial(Path.of(args[0]));
            System.exit(0);
        }
    }
}
