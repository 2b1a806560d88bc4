package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.PausableProxy;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded control plane reached through the process serving it (H2's auto-server), whose answer to a write is lost
 * with it (a proxy cuts the connection once the write has reached the server, as a kill -9 just after the commit
 * would): H2 reconnects an auto-commit statement by itself and sends it again, so a write run by itself would be made
 * twice. Here this JVM serves the file, and the plane's connection reaches it through the proxy with H2's reconnecting
 * on, as an auto-server client's is.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WriteNotSentTwiceH2IT {
    /** A note whose bytes (as H2 sends a string: UTF-16) mark the write's request for the proxy. */
    private static final String NOTE = "flotilla-write-marker";

    @TempDir
    Path home;

    @Test
    void a_write_whose_answer_is_lost_with_its_server_is_made_once() throws Exception {
        String url = ControlPlane.embeddedUrl(home);
        try (ControlPlane serving = ControlPlane.open(url, ControlPlane.EMBEDDED_USER, null)) {
            Properties lock = lockFile(url);
            String server = lock.getProperty("server");
            try (PausableProxy proxy = PausableProxy.to(server.substring(0, server.lastIndexOf(':')),
                    Integer.parseInt(server.substring(server.lastIndexOf(':') + 1)))) {
                Connection client = new org.h2.Driver().connect("jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/"
                        + lock.getProperty("id") + ";AUTO_RECONNECT=TRUE", credentials());
                Jdbc.execute(client, "CREATE TABLE notes (note VARCHAR(40))");
                PlaneConnection plane = new PlaneConnection(new TargetSpec(url, ControlPlane.EMBEDDED_USER, null, null,
                        ControlPlaneSchema.HISTORY_TABLE), client, Duration.ofSeconds(10));
                proxy.cutReplyTo(NOTE.getBytes(StandardCharsets.UTF_16BE));

                plane.write("writing a note", c -> Jdbc.update(c, "INSERT INTO notes (note) VALUES (?)", NOTE));

                assertThat(proxy.cuts()).as("the write's answer was cut").isEqualTo(1);
                String notes = plane.with("counting notes", c -> Jdbc.queryString(c, "SELECT COUNT(*) FROM notes"));
                assertThat(notes).as("notes written").isEqualTo("1");
                plane.close();
            }
        }
    }

    /** The lock file of the embedded file at {@code url}: its server ({@code host:port}) and key ({@code id}). */
    private static Properties lockFile(String url) throws Exception {
        Properties properties = new Properties();
        Path file = Path.of(url.substring("jdbc:h2:file:".length()).split(";")[0] + ".lock.db");
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", ControlPlane.EMBEDDED_USER);
        properties.setProperty("password", "");
        return properties;
    }
}
