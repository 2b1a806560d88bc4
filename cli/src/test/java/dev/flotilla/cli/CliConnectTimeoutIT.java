package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
    private ServerSocket silent;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serverThatNeverSpeaks() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void close() throws IOException {
        silent.close();
        for (Socket socket : held) {
            socket.close();
        }
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
                """.formatted(driver, silent.getLocalPort()));
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
        assertThat(held).as("asked once, by the deploy's first look").hasSize(1);
    }
}
