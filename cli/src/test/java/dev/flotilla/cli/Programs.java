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
import java.util.function.Predicate;

/** Real programs in CLI tests: a started {@code flotilla} awaited to its end, the clients on the PATH it runs. */
final class Programs {
    private Programs() {
    }

    /**
     * The command line that starts {@code flotilla} from the tests' classes as a process of its own, {@code jvmOptions}
     * before its class, then {@code args}. Its JVM runs with the serial collector and the client compiler only, as
     * bin/flotilla runs a command (bin/jdk.sh): a process that lives for seconds spends less of a small, shared machine's
     * cores on the optimising compiler.
     */
    static List<String> flotillaCommand(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Waits up to 120 s for {@code flotilla} to end and asserts it exited 0 (its stdout says why when not). Its stdout is
     * read while it runs, so one that writes more than a pipe holds does not block on it, and one that does not end (or
     * leaves a program it started holding its stdout) fails the test with what it wrote instead of hanging it.
     */
    static void finish(Process flotilla) throws Exception {
        String out = outputOnceEnded(flotilla, 120);
        assertThat(flotilla.exitValue()).as(out).isZero();
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
        StringWriter text = new StringWriter(); // a StringBuffer inside: read here while the reader thread writes it
        FutureTask<Void> rest = new FutureTask<>(() -> {
            out.transferTo(text);
            return null;
        });
        Thread.ofPlatform().daemon().name("flotilla-stdout-" + flotilla.pid()).start(rest);
        if (!flotilla.waitFor(seconds, TimeUnit.SECONDS)) {
            flotilla.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            readToItsEnd(rest); // what it wrote before the kill, for the message
            throw new AssertionError("flotilla (pid " + flotilla.pid() + ") did not end within " + seconds + " s and was killed;"
                    + " its stdout: " + text);
        }
        if (!readToItsEnd(rest)) {
            throw new AssertionError("flotilla (pid " + flotilla.pid() + ") ended (exit " + flotilla.exitValue() + ") but its"
                    + " stdout was not read to its end within 10 s; it wrote: " + text);
        }
        return text.toString();
    }

    /** Whether the read of a stdout reaches its end within 10 s (a failed read fails the test). */
    private static boolean readToItsEnd(FutureTask<?> read) throws Exception {
        try {
            read.get(10, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException stillOpen) {
            return false;
        }
    }

    /**
     * The first line {@code flotilla} writes on stdout, read through {@code out}, that starts with {@code start}, written
     * within {@code seconds}. One that ends its stdout without it, or has not written it in time (and is then killed),
     * fails the test with the lines it wrote before, rather than hanging it.
     */
    static String awaitLine(Process flotilla, BufferedReader out, String start, long seconds) throws Exception {
        return awaitLines(flotilla, out, line -> line.startsWith(start), 1, "a line starting with '" + start + "'", seconds);
    }

    /** As {@link #awaitLine}, for the next line {@code flotilla} writes, whatever it says (the first, on a fresh stdout). */
    static String nextLine(Process flotilla, BufferedReader out, long seconds) throws Exception {
        return awaitLines(flotilla, out, line -> true, 1, "a line", seconds);
    }

    /** As {@link #awaitLine}, for the {@code count}th line that contains {@code text}; that line. */
    static String awaitLinesContaining(Process flotilla, BufferedReader out, String text, int count, long seconds)
            throws Exception {
        return awaitLines(flotilla, out, line -> line.contains(text), count, count + " line(s) containing '" + text + "'",
                seconds);
    }

    /**
     * As {@link #awaitLine}, for the {@code count}th line {@code wanted} takes; {@code what} names those lines in the
     * failure.
     */
    static String awaitLines(Process flotilla, BufferedReader out, Predicate<String> wanted, int count, String what,
                             long seconds) throws Exception {
        List<String> read = Collections.synchronizedList(new ArrayList<>());
        FutureTask<String> line = new FutureTask<>(() -> {
            int found = 0;
            for (String next = out.readLine(); next != null; next = out.readLine()) {
                read.add(next);
                if (wanted.test(next) && ++found == count) {
                    return next;
                }
            }
            return null;
        });
        Thread.ofPlatform().daemon().name("flotilla-stdout-" + flotilla.pid()).start(line);
        String last;
        try {
            last = line.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException notYet) {
            flotilla.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            readToItsEnd(line); // the lines written before the kill, for the message
            throw new AssertionError("flotilla (pid " + flotilla.pid() + ") did not write " + what + " within " + seconds
                    + " s and was killed; its stdout: " + String.join("\n", List.copyOf(read)));
        }
        if (last == null) {
            throw new AssertionError("flotilla (pid " + flotilla.pid() + ") ended its stdout without writing " + what
                    + "; it wrote: " + String.join("\n", List.copyOf(read)));
        }
        return last;
    }

    /**
     * Stops {@code flotilla} as a terminal's kill does (SIGTERM), for a test's {@code finally}: one still running
     * {@code seconds} later is killed (SIGKILL) and fails the test, rather than hanging it.
     */
    static void stop(Process flotilla, long seconds) throws Exception {
        flotilla.destroy();
        if (!flotilla.waitFor(seconds, TimeUnit.SECONDS)) {
            flotilla.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("flotilla (pid " + flotilla.pid() + ") did not end within " + seconds + " s of SIGTERM"
                    + " and was killed");
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
