package dev.flotilla.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real `flotilla` jar as a user would, timing the whole process (JVM start included). */
final class Cli {
    private final Path jar;
    private final Path config;

    Cli(Path jar, Path config) {
        this.jar = jar;
        this.config = config;
    }

    long run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--config", config.toString()));
        Path log = Files.createTempFile("flotilla-bench", ".log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("flotilla " + String.join(" ", args) + " failed: " + Files.readString(log));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Files.delete(log);
        return millis;
    }
}
