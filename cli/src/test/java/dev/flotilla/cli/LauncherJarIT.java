package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.testing.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/flotilla, the launcher users run, on the packaged jar (run by failsafe, after the jar is built): a
 * {@link LauncherCopy}, so that the startup archives it trains and keeps are this test's own.
 */
class LauncherJarIT {
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path home;

    private LauncherCopy copy;
    private Path config;

    @BeforeEach
    void checkout() throws IOException {
        copy = new LauncherCopy(home);
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
        List<String> command = new ArrayList<>(List.of(copy.launcher.toString()));
        command.addAll(List.of(args));
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        Process process = new ProcessBuilder(command).directory(home.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("bin/flotilla finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private List<Path> archives() throws IOException {
        return copy.archives();
    }

    private List<Path> building() throws IOException {
        return copy.building();
    }

    private void awaitArchiveBuilt() throws IOException, InterruptedException {
        copy.awaitArchivesBuilt(1);
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
        copy.awaitArchivesBuilt(0); // the launcher's builder, once the refused run has ended, throws its recording away
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
        copy.awaitArchivesBuilt(2);
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

    private static String suffix() {
        return LauncherCopy.suffix();
    }

    private List<String> archiveNames() throws IOException {
        return copy.archiveNames();
    }
}
