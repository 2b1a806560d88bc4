package dev.flotilla.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real `flotilla` command as a user does, through bin/flotilla (its JDK, its startup archive beside
 * the jar), timing the whole process: the launcher and the JVM start included.
 */
final class Cli {
    private final Path jar;
    private final Path config;

    Cli(Path jar, Path config) {
        this.jar = jar;
        this.config = config;
    }

    /** The checkout the jar was built in (cli/target/flotilla.jar). */
    private Path checkout() {
        return jar.toAbsolutePath().getParent().getParent().getParent();
    }

    /** bin/flotilla of that checkout. */
    private Path launcher() {
        return checkout().resolve("bin").resolve("flotilla");
    }

    /**
     * Lets bin/flotilla build the startup archives of the commands to be timed the way a user's first run of each
     * does, untimed: runs each command line once (each command has an archive of its own, trained by its first run)
     * and waits for its archive to be written.
     */
    void warmUp(List<List<String>> commandLines) throws Exception {
        for (List<String> args : commandLines) {
            run(args.toArray(String[]::new));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!archiveReady(args.get(0)) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }
    }

    private boolean archiveReady(String command) throws Exception {
        try (var files = Files.list(jar.toAbsolutePath().getParent())) {
            long built = Files.getLastModifiedTime(jar).toMillis();
            return files.filter(f -> f.toString().endsWith("-" + command + ".aot") || f.toString().endsWith("-" + command + ".jsa"))
                    .anyMatch(f -> f.toFile().lastModified() >= built);
        }
    }

    long run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher().toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--config", config.toString()));
        return time(command, "flotilla " + String.join(" ", args));
    }

    /**
     * The floor under any command: bin/flotilla's JDK started with the flags it gives a command (bin/jdk.sh's
     * own functions choose both), printing its version and nothing else: no jar, no startup archive.
     */
    long jvmAlone() throws Exception {
        String script = ". \"$1/bin/jdk.sh\" && flotilla_select_jdk && flotilla_jvm_options status"
                + " && exec \"$JAVA_HOME/bin/java\" \"${FLOTILLA_JVM_OPTS[@]}\" -version";
        return time(List.of("bash", "-c", script, "bash", checkout().toString()), "java -version");
    }

    private static long time(List<String> command, String what) throws Exception {
        Path log = Files.createTempFile("flotilla-bench", ".log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(what + " failed: " + Files.readString(log));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Files.delete(log);
        return millis;
    }
}
