package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Real programs in CLI tests: a started {@code flotilla} awaited to its end, the clients on the PATH it runs. */
final class Programs {
    private Programs() {
    }

    /** Waits up to 120 s for {@code flotilla} to end and asserts it exited 0 (its stdout says why when not). */
    static void finish(Process flotilla) throws Exception {
        assertThat(flotilla.waitFor(120, TimeUnit.SECONDS)).as("flotilla finished").isTrue();
        assertThat(flotilla.exitValue()).as(new String(flotilla.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }

    /**
     * What {@code flotilla} wrote on stdout, read while it runs, once it has ended within {@code seconds}. One that has not
     * is killed and fails the test with what it wrote so far, rather than hanging it (a deploy waiting on a lock the test
     * holds until the process has ended would wait for ever).
     */
    static String outputOnceEnded(Process flotilla, long seconds) throws Exception {
        FutureTask<String> out = new FutureTask<>(() -> new String(flotilla.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        Thread.ofPlatform().daemon().name("flotilla-stdout-" + flotilla.pid()).start(out);
        if (!flotilla.waitFor(seconds, TimeUnit.SECONDS)) {
            flotilla.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("flotilla (pid " + flotilla.pid() + ") did not end within " + seconds + " s and was killed;"
                    + " its stdout: " + soFar(out));
        }
        return out.get(10, TimeUnit.SECONDS);
    }

    private static String soFar(FutureTask<String> out) throws Exception {
        try {
            return out.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException stillOpen) {
            return "(still open: a program it started holds it)";
        }
    }

    /** The first executable {@code program} on this process's PATH. */
    static String onPath(String program) {
        return Arrays.stream(System.getenv("PATH").split(File.pathSeparator)).map(folder -> Path.of(folder, program))
                .filter(Files::isExecutable).findFirst().orElseThrow().toString();
    }

    /**
     * A folder {@code bin} in {@code temp}, to put first on the PATH, whose pg_dump adds its environment to {@code file},
     * then runs the real one.
     */
    static Path pgDumpWritingItsEnvironment(Path temp, Path file) throws Exception {
        Path wrappers = Files.createDirectories(temp.resolve("bin"));
        writingItsEnvironment(wrappers, "pg_dump", file);
        return wrappers;
    }

    /** Puts into {@code wrappers} a {@code program} that adds its environment to {@code file}, then runs the real one. */
    static void writingItsEnvironment(Path wrappers, String program, Path file) throws Exception {
        Path wrapper = wrappers.resolve(program);
        Files.writeString(wrapper, "#!/bin/sh\nenv >> " + file + "\nexec " + onPath(program) + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    }
}
