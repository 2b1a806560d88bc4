package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
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
        return restOnceEnded(flotilla, new BufferedReader(new InputStreamReader(flotilla.getInputStream(), StandardCharsets.UTF_8)),
                seconds);
    }

    /**
     * As {@link #outputOnceEnded}, for the rest of its stdout when the test has read lines of it already through
     * {@code out} (which may hold more than those lines: read on from it, not from the process's stream).
     */
    static String restOnceEnded(Process flotilla, BufferedReader out, long seconds) throws Exception {
        FutureTask<String> rest = new FutureTask<>(() -> {
            StringWriter text = new StringWriter();
            out.transferTo(text);
            return text.toString();
        });
        Thread.ofPlatform().daemon().name("flotilla-stdout-" + flotilla.pid()).start(rest);
        if (!flotilla.waitFor(seconds, TimeUnit.SECONDS)) {
            flotilla.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("flotilla (pid " + flotilla.pid() + ") did not end within " + seconds + " s and was killed;"
                    + " its stdout: " + soFar(rest));
        }
        return rest.get(10, TimeUnit.SECONDS);
    }

    /**
     * The first line {@code flotilla} writes on stdout, read through {@code out}, that starts with {@code start}, written
     * within {@code seconds}. One that ends its stdout without it, or has not written it in time (and is then killed),
     * fails the test with the lines it wrote before, rather than hanging it.
     */
    static String awaitLine(Process flotilla, BufferedReader out, String start, long seconds) throws Exception {
        List<String> before = Collections.synchronizedList(new ArrayList<>());
        FutureTask<String> line = new FutureTask<>(() -> {
            for (String next = out.readLine(); next != null; next = out.readLine()) {
                if (next.startsWith(start)) {
                    return next;
                }
                before.add(next);
            }
            return null;
        });
        Thread.ofPlatform().daemon().name("flotilla-stdout-" + flotilla.pid()).start(line);
        String found;
        try {
            found = line.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException notYet) {
            flotilla.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("flotilla (pid " + flotilla.pid() + ") wrote no line starting with '" + start + "' within "
                    + seconds + " s and was killed; its stdout before: " + String.join("\n", List.copyOf(before)));
        }
        if (found == null) {
            throw new AssertionError("flotilla (pid " + flotilla.pid() + ") ended its stdout without a line starting with '"
                    + start + "'; it wrote: " + String.join("\n", List.copyOf(before)));
        }
        return found;
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
