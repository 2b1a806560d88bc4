package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.testing.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/flotilla, the launcher users run, on the packaged jar (run by failsafe, after the jar is built): a copy of
 * the launcher beside a link to the jar, so that the startup archive it trains and keeps is this test's own.
 */
class LauncherJarIT {
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path home;

    private Path launcher;
    private Path config;

    @BeforeEach
    void checkout() throws IOException {
        Path project = Path.of("").toAbsolutePath().getParent();
        Path bin = Files.createDirectories(home.resolve("bin"));
        for (String script : List.of("flotilla", "jdk.sh")) {
            Files.copy(project.resolve("bin").resolve(script), bin.resolve(script));
        }
        launcher = bin.resolve("flotilla");
        launcher.toFile().setExecutable(true);
        Path jar = project.resolve("cli/target/flotilla.jar");
        assertThat(jar).as("the packaged jar (mvn package)").exists();
        Files.createSymbolicLink(Files.createDirectories(home.resolve("cli/target")).resolve("flotilla.jar"), jar);
        Files.createDirectories(home.resolve("migrations"));
        config = home.resolve("flotilla.yml");
        Files.writeString(config, """
                migrations: %s
                tenancy:
                  model: schema-per-tenant
                  url: %s
                  schemaTemplate: "t_{tenant}"
                  user: %s
                """.formatted(home.resolve("migrations"), TestDatabases.POSTGRES_URL, TestDatabases.POSTGRES_USER),
                StandardCharsets.UTF_8);
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        Process process = new ProcessBuilder(command).directory(home.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("bin/flotilla finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private List<Path> archives() throws IOException {
        return files(name -> name.endsWith(".aot") || name.endsWith(".jsa"));
    }

    /** What the launcher builds the archive from, in the background, until it is built. */
    private List<Path> building() throws IOException {
        return files(name -> name.contains(".aotconf.") || name.contains(".aot."));
    }

    private List<Path> files(Predicate<String> named) throws IOException {
        try (var files = Files.list(home.resolve("cli/target"))) {
            return files.filter(f -> named.test(f.getFileName().toString())).toList();
        }
    }

    /** Waits for the launcher's background build of the archive to finish: woken by the folder's changes. */
    private void awaitArchiveBuilt() throws IOException, InterruptedException {
        awaitArchiveBuilt(1);
    }

    /** Waits until at least {@code count} archives are there and none is being built. */
    private void awaitArchiveBuilt(int count) throws IOException, InterruptedException {
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

    @Test
    void stdout_holds_only_the_commands_json_on_the_run_that_trains_the_startup_archive_and_after() throws Exception {
        assertThat(archives()).isEmpty();

        Run first = run("tenants", "list", "--json", "--config", config.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).as("the training run says nothing of the archive it records").isEmpty();
        JsonNode json = STRICT.readTree(first.out());
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.at("/data/tenants")).isEmpty();

        awaitArchiveBuilt();
        assertThat(archives()).as("the startup archive built after the first run").hasSize(1);

        Run second = run("tenants", "list", "--json", "--config", config.toString());
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(STRICT.readTree(second.out())).isEqualTo(json);
        assertThat(second.err()).isEmpty();
        assertThat(run("--version").out()).matches("flotilla \\S+\\R");
    }

    @Test
    void a_first_command_that_loads_little_or_is_refused_trains_no_archive_and_the_next_one_does() throws Exception {
        Run version = run("--version");
        assertThat(version.out()).matches("flotilla \\S+\\R");
        Run help = run("deploy", "--help");
        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).contains("Usage:");
        assertThat(archives()).as("after --version and --help").isEmpty();
        assertThat(building()).as("after --version and --help").isEmpty();

        Run refused = run("tenants", "list", "--config", home.resolve("missing.yml").toString());
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(archives()).as("after a command refused for bad configuration").isEmpty();
        assertThat(building()).as("after a command refused for bad configuration").isEmpty();

        Run first = run("tenants", "list", "--config", config.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        awaitArchiveBuilt();
        assertThat(archives()).as("the startup archive built after the first command that loads Flotilla").hasSize(1);
    }

    @Test
    void each_command_trains_an_archive_of_its_own_and_a_training_run_removes_the_ones_the_jar_outdated() throws Exception {
        Run tenants = run("tenants", "list", "--config", config.toString());
        assertThat(tenants.exitCode()).as(tenants.err()).isZero();
        awaitArchiveBuilt();
        assertThat(archiveNames()).singleElement().asString().endsWith("-tenants" + suffix());

        Run status = run("status", "--fleet", "--config", config.toString());
        assertThat(status.exitCode()).as(status.err()).isZero();
        awaitArchiveBuilt(2);
        assertThat(archiveNames()).as("the first archive stays, the second command trains its own").hasSize(2)
                .anyMatch(name -> name.endsWith("-status" + suffix()));

        Run again = run("status", "--fleet", "--config", config.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).as("a run from its own archive trains nothing").isEmpty();
        assertThat(building()).isEmpty();

        // A new jar: archives older than it are outdated, and the next training run takes them all away.
        FileTime jarTime = Files.getLastModifiedTime(home.resolve("cli/target/flotilla.jar"));
        for (Path archive : archives()) {
            Files.setLastModifiedTime(archive, FileTime.fromMillis(jarTime.toMillis() - 60_000));
        }
        Run retrained = run("status", "--fleet", "--config", config.toString());
        assertThat(retrained.exitCode()).as(retrained.err()).isZero();
        awaitArchiveBuilt();
        assertThat(archiveNames()).singleElement().asString().endsWith("-status" + suffix());
        assertThat(Files.getLastModifiedTime(archives().get(0))).isGreaterThan(jarTime);
    }

    /** The archive's extension on this JDK: an AOT cache on 25+, a class-data archive before. */
    private static String suffix() {
        return Runtime.version().feature() >= 25 ? ".aot" : ".jsa";
    }

    private List<String> archiveNames() throws IOException {
        return archives().stream().map(p -> p.getFileName().toString()).toList();
    }
}
