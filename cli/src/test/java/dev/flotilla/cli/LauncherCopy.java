package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * bin/flotilla for a *JarIT: a copy of the launcher in {@code home}/bin beside a link to the packaged jar in
 * {@code home}/cli/target, so that the startup archives it trains and keeps there are the test's own (none at first:
 * every command's first run trains one).
 */
final class LauncherCopy {
    final Path home;
    final Path launcher;

    LauncherCopy(Path home) throws IOException {
        this.home = home;
        Path project = Path.of("").toAbsolutePath().getParent();
        Path bin = Files.createDirectories(home.resolve("bin"));
        for (String script : List.of("flotilla", "jdk.sh")) {
            Files.copy(project.resolve("bin").resolve(script), bin.resolve(script));
        }
        launcher = bin.resolve("flotilla");
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        Path jar = project.resolve("cli/target/flotilla.jar");
        assertThat(jar).as("the packaged jar (mvn package)").exists();
        Files.createSymbolicLink(Files.createDirectories(home.resolve("cli/target")).resolve("flotilla.jar"), jar);
    }

    /** The archive's extension on this JDK: an AOT cache on 25+, a class-data archive before. */
    static String suffix() {
        return Runtime.version().feature() >= 25 ? ".aot" : ".jsa";
    }

    List<Path> archives() throws IOException {
        return files(name -> name.endsWith(".aot") || name.endsWith(".jsa"));
    }

    List<String> archiveNames() throws IOException {
        return archives().stream().map(p -> p.getFileName().toString()).toList();
    }

    /**
     * What the launcher's background builder works from until it has finished after a training run: the recorded
     * configuration, the cache being written, the mark of a refused run.
     */
    List<Path> building() throws IOException {
        return files(name -> name.contains(".aotconf.") || name.contains(".aot.") || name.contains(".refused."));
    }

    private List<Path> files(Predicate<String> named) throws IOException {
        try (var files = Files.list(home.resolve("cli/target"))) {
            return files.filter(f -> named.test(f.getFileName().toString())).toList();
        }
    }

    /**
     * Waits, woken by the folder's changes, until at least {@code count} archives are there and none is being built;
     * returns after 120 s anyway, for the test's assertions to say what is missing.
     */
    void awaitArchivesBuilt(int count) throws IOException, InterruptedException {
        Path folder = home.resolve("cli/target");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (WatchService changes = FileSystems.getDefault().newWatchService()) {
            folder.register(changes, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            while (archives().size() < count || !building().isEmpty()) {
                WatchKey key = changes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (key == null) {
                    return;
                }
                key.pollEvents();
                key.reset();
            }
        }
    }
}
