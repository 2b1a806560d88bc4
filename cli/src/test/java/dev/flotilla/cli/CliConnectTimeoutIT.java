package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.testing.SilentServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant whose server accepts the connection and never says a word (a hung host, a firewall that swallows the
 * handshake): the connect timeout ends the wait, once: the deploy's run does not ask the server the deploy's first
 * look found silent again, nor retry it.
 */
class CliConnectTimeoutIT {
    @TempDir
    Path temp;
    private SilentServer silent;

    @BeforeEach
    void serverThatNeverSpeaks() throws IOException {
        silent = SilentServer.start();
    }

    @AfterEach
    void close() throws IOException {
        silent.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void a_server_that_never_answers_fails_its_tenant_once_within_the_connect_timeout(String driver) throws Exception {
        Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(temp.resolve("migrations").resolve("V1__a.sql"), "CREATE TABLE a (id INT);\n");
        Files.writeString(temp.resolve("flotilla.yml"), """
                migrations: migrations
                tenancy:
                  model: database-per-tenant
                  urlTemplate: "jdbc:%s://127.0.0.1:%d/fxfl_{tenant}"
                  user: nobody
                deploy:
                  backup: false
                  retries: 2
                  retryBackoff: 10ms
                """.formatted(driver, silent.port()));
        String config = temp.resolve("flotilla.yml").toString();
        assertThat(CliRun.of("tenants", "add", "hung", "--config", config).exitCode()).isZero();

        CliRun deploy = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of("deploy", "--all", "--yes",
                "--connect-timeout", "1s", "--json", "--config", config), "the connect timeout did not end the wait");

        JsonNode tenant = deploy.json().at("/data/tenants/0");
        assertThat(deploy.exitCode()).isEqualTo(1);
        assertThat(tenant.get("status").asText()).isEqualTo("failed");
        assertThat(tenant.get("attempts").asInt()).as("not tried again").isEqualTo(1);
        assertThat(deploy.json().at("/errors/0/code").asText()).isEqualTo("CONNECTION_FAILED");
        assertThat(tenant.get("error").asText()).contains("gave no answer within the connect timeout of 1 s",
                "not asked again", "deploy.connectTimeout");
        assertThat(silent.accepted()).as("asked once, by the deploy's first look").hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify", "drift"})
    void the_fleet_commands_on_one_target_or_the_fleet_take_the_connect_timeout_too(String command) throws Exception {
        String config = fleetOfOneHungTenant("postgresql");

        long start = System.nanoTime();
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliRun.of(command, "--all",
                "--connect-timeout", "1s", "--config", config), "the connect timeout did not end the wait");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("given up after about 1 s, not 10").isLessThan(Duration.ofSeconds(8));
        assertThat(run.exitCode()).as(run.err()).isNotIn(0, 2);
        assertThat(run.out() + run.err()).as("the flag, not the file's bad value").contains("no answer within the connect timeout of 1 s")
                .doesNotContain("nonsense");
        assertThat(silent.accepted()).as("asked once").hasSize(1);
    }

    @Test
    void status_fleet_live_takes_the_connect_timeout_and_status_fleet_which_reads_no_target_refuses_it() throws Exception {
        String config = fleetOfOneHungTenant("mariadb");

        long start = System.nanoTime();
        CliRun live = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliRun.of("status", "--fleet", "--live",
                "--connect-timeout", "1s", "--json", "--config", config), "the connect timeout did not end the wait");
        CliRun notLive = CliRun.of("status", "--fleet", "--connect-timeout", "1s", "--json", "--config", config);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("given up after about 1 s, not 10").isLessThan(Duration.ofSeconds(8));
        assertThat(live.exitCode()).as(live.out() + live.err()).isEqualTo(1);
        assertThat(live.out() + live.err()).as("the flag, not the file's bad value").contains("no answer within the connect timeout of 1 s")
                .doesNotContain("nonsense");
        assertThat(silent.accepted()).as("asked once").hasSize(1);
        assertThat(notLive.exitCode()).as(notLive.out() + notLive.err()).isEqualTo(2);
        assertThat(notLive.json().at("/errors/0/message").asText()).contains("--connect-timeout is for status --fleet --live",
                "drop it");
    }

    @Test
    void status_of_one_target_takes_the_connect_timeout() throws Exception {
        givesUpOnOneTargetWithinTheConnectTimeout("status", "mariadb");
    }

    @Test
    void one_target_takes_the_connect_timeout_too() throws Exception {
        givesUpOnOneTargetWithinTheConnectTimeout("verify", "postgresql");
        assertThat(dev.flotilla.target.ConnectTimeout.current()).as("the next command's default again").isEqualTo(Duration.ofSeconds(10));
    }

    /** Runs {@code command} with --connect-timeout 1s on one target (--url) on the silent server, which fails it in time. */
    private void givesUpOnOneTargetWithinTheConnectTimeout(String command, String driver) throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        String url = "jdbc:%s://127.0.0.1:%d/fxct_one".formatted(driver, silent.port());

        long start = System.nanoTime();
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliRun.of(command, "--url", url, "--user", "nobody",
                "--migrations", migrations.toString(), "--connect-timeout", "1s"), "the connect timeout did not end the wait");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("given up after about 1 s, not 10").isLessThan(Duration.ofSeconds(8));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out() + run.err()).contains("no answer within the connect timeout of 1 s");
    }

    /**
     * A flotilla.yml whose one tenant, hung, is on the silent server (the driver's {@code jdbc:<driver>:}), with a
     * bad deploy.connectTimeout that only a --connect-timeout flag keeps from mattering; returns its path.
     */
    private String fleetOfOneHungTenant(String driver) throws Exception {
        Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(temp.resolve("flotilla.yml"), """
                migrations: migrations
                tenancy:
                  model: database-per-tenant
                  urlTemplate: "jdbc:%s://127.0.0.1:%d/fxct_{tenant}"
                  user: nobody
                deploy:
                  connectTimeout: nonsense
                """.formatted(driver, silent.port()));
        String config = temp.resolve("flotilla.yml").toString();
        assertThat(CliRun.of("tenants", "add", "hung", "--config", config, "--connect-timeout", "1s").exitCode()).isZero();
        return config;
    }
}
