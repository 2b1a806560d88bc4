package dev.flotilla.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real `flotilla` jar as a user would, with the JVM options of bin/flotilla (the class-data archive
 * beside the jar), timing the whole process (JVM start included).
 */
final class Cli {
    private final Path jar;
    private final Path config;

    Cli(Path jar, Path config) {
        this.jar = jar;
        this.config = config;
    }

    /** The archive bin/flotilla starts the JVM from: written by the first run after the jar was built. */
    Path archive() {
        String name = jar.getFileName().toString();
        return jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".jsa");
    }

    /**
     * Creates the class-data archive the way a user's first command does, untimed, when it is missing (a new
     * jar): with `plan --all`, which loads what deploy and status load, and changes nothing on the targets.
     */
    void warmUp() throws Exception {
        if (!java.nio.file.Files.exists(archive())) {
            run("plan", "--all");
        }
    }

    long run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:SharedArchiveFile=" + archive(), "-XX:+AutoCreateSharedArchive", "-Xlog:disable",
                "-Xlog:all=warning,cds*=error:stderr", "-jar", jar.toString()));
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
