package dev.flotilla.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Another JVM on this test's class path, running a main class that prints one word once it is ready. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * Starts {@code main} with {@code args} and returns once its first line of output is {@code ready}; a child that
     * says anything else, or nothing within a minute, is killed and the test fails saying what it said.
     */
    public static Process startReady(Class<?> main, String ready, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] command = new String[args.length + 4];
        command[0] = java;
        command[1] = "-cp";
        command[2] = System.getProperty("java.class.path");
        command[3] = main.getName();
        System.arraycopy(args, 0, command, 4, args.length);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String said = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return e.toString();
            }
        }).completeOnTimeout("nothing within a minute", 60, TimeUnit.SECONDS).get();
        if (!ready.equals(said)) {
            process.destroyForcibly();
        }
        assertThat(said).isEqualTo(ready);
        return process;
    }
}
