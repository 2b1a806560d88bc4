package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals to bin/flotilla on the run that trains a command's startup archive (its first run after a new jar): they
 * reach Flotilla once, as on any other run, whoever sends them, to the launcher's pid or to its process group, and
 * the archive is still built once Flotilla has ended.
 */
class LauncherSignalJarIT {
    /** The advisory lock the held fleet's V1 waits for: unique, as other runs of this test may share the server. */
    final long key = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.heldFleet(key);

    @TempDir
    Path home;
    private LauncherCopy copy;

    @BeforeEach
    void checkout() throws Exception {
        copy = new LauncherCopy(home);
    }

    @Test
    void a_term_to_the_launchers_pid_on_the_training_run_stops_flotilla_serve_and_the_archive_is_built_after()
            throws Exception {
        Process serve = start(List.of(), "serve", "--port", "0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String line = Programs.awaitLine(serve, out, "Flotilla console on http://", 120);
            URI console = URI.create(line.split(" ")[3]);
            assertThat(serve.info().command()).as("the launcher's pid is the JVM's").hasValueSatisfying(
                    command -> assertThat(command).endsWith("java"));

            serve.destroy(); // SIGTERM to the launcher's pid, as `kill PID` or a process manager sends it

            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("the launcher's pid ended").isTrue();
            assertThat(serve.exitValue()).as("ended by SIGTERM").isEqualTo(143);
            assertThatThrownBy(() -> new Socket(console.getHost(), console.getPort()).close())
                    .as("no flotilla serve outlives its launcher on " + console).isInstanceOf(ConnectException.class);
            copy.awaitArchivesBuilt(1);
            assertThat(copy.archiveNames()).as("the archive serve's run trained, built after it ended").singleElement()
                    .asString().endsWith("-serve" + LauncherCopy.suffix());
        } finally {
            serve.descendants().forEach(ProcessHandle::destroyForcibly); // a JVM a launcher left behind, if it failed
            serve.destroyForcibly();
        }
    }

    @Test
    void one_ctrl_c_to_the_process_group_of_a_training_deploy_stops_it_gracefully_and_the_archive_is_built_after()
            throws Exception {
        try (Connection holder = FleetSetup.connect(); Statement statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + key + ")");
            // In a process group of its own whose id is its pid, as a shell starts a command.
            Process deploy = start(List.of("setsid"), "deploy", "--all", "--yes", "--concurrency", "1");
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(deploy.getInputStream(), StandardCharsets.UTF_8));
                String id = Programs.nextLine(deploy, out, 120).split(" ")[1];
                FleetSetup.awaitAdvisoryLockWaiter(statement, key);

                Process ctrlC = new ProcessBuilder("kill", "-INT", "--", "-" + deploy.pid()).inheritIO().start();
                assertThat(ctrlC.waitFor()).as("kill -INT -- -" + deploy.pid()).isZero();

                fleet.awaitStderr("Stopping: 1 tenant(s) in flight finish, no new tenant starts");
                assertThat(deploy.isAlive()).as("one Ctrl-C reached Flotilla once: it stops gracefully").isTrue();
                statement.execute("SELECT pg_advisory_unlock(" + key + ")");
                String rest = Programs.restOnceEnded(deploy, out, 60);
                assertThat(deploy.exitValue()).as(rest + fleet.stderr()).isEqualTo(1);
                assertThat(rest).contains("Deployment " + id + " stopped").contains("Skipped: 2");
                assertThat(fleet.stderr()).contains("[DEPLOYMENT_STOPPED]");
            } finally {
                deploy.descendants().forEach(ProcessHandle::destroyForcibly);
                deploy.destroyForcibly();
            }
        }
        copy.awaitArchivesBuilt(1);
        assertThat(copy.archiveNames()).as("the builder, in the same group, let the Ctrl-C pass and built the archive")
                .singleElement().asString().endsWith("-deploy" + LauncherCopy.suffix());
    }

    /** Starts bin/flotilla (after {@code before}, a program that runs it) on the fleet's configuration. */
    private Process start(List<String> before, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(before);
        command.add(copy.launcher.toString());
        command.addAll(List.of(args));
        command.addAll(List.of("--config", fleet.config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectError(fleet.folder.resolve("stderr-launcher").toFile());
        builder.environment().putAll(fleet.env);
        return builder.start();
    }
}
