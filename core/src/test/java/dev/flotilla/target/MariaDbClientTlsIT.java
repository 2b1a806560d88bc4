package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** MariaDB's installed client programs honour the TLS options a tenant URL's sslMode gives them (see MariaDbClientTls). */
class MariaDbClientTlsIT {
    /** What the client printed for SELECT 1, logged in with the arguments Flotilla gives it for {@code url}. */
    private static String selectOne(String url) throws Exception {
        TargetSpec spec = new TargetSpec(url, TestDatabases.MARIADB_USER, null, null, null);
        Path options = ClientOptionFiles.create();
        try {
            List<String> arguments = new ArrayList<>(ClientConnection.mariadbArguments(spec, options));
            arguments.addAll(List.of("--batch", "--skip-column-names", "--execute=SELECT 1"));
            return new ExternalTool(ExternalTool.firstOnPath("mariadb", "mysql"), "mariadb-client").run(arguments, Map.of(),
                    null, null, Duration.ofMinutes(1), spec, ErrorCode.BACKUP_FAILED, "Logging in to").strip();
        } finally {
            Files.deleteIfExists(options);
        }
    }

    private static void assumeNoTls() throws Exception {
        try (Connection c = TestDatabases.connect(TestDatabases.mariadb(null))) {
            Assumptions.assumeFalse("YES".equals(Jdbc.queryString(c, "SELECT @@have_ssl")), "the test server speaks TLS");
        }
    }

    @Test
    void the_protocols_and_suites_a_url_enables_are_options_the_installed_clients_take_and_no_way_into_the_clear()
            throws Exception {
        assumeNoTls();
        String suites = "&enabledSslProtocolSuites=TLSv1.2,TLSv1.3&enabledSslCipherSuites=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
        String url = TestDatabases.MARIADB_URL + "?sslMode=";

        assertThat(selectOne(url + "trust" + suites)).as("--tls-version and --ssl-cipher taken (and, without TLS at"
                + " the server, the clear: see BackupMariaDbTrustModeIT)").isEqualTo("1");
        assertThatThrownBy(() -> selectOne(url + "verify-full" + suites)).isInstanceOfSatisfying(FlotillaException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_FAILED)).as("not in the clear")
                .hasMessageContaining("SSL is required").hasMessageNotContaining("unknown");
    }

    @Test
    void a_url_that_asks_to_verify_the_servers_certificate_keeps_the_client_off_a_server_without_tls() throws Exception {
        try (Connection c = TestDatabases.connect(TestDatabases.mariadb(null))) {
            Assumptions.assumeFalse("YES".equals(Jdbc.queryString(c, "SELECT @@have_ssl")), "the test server speaks TLS");
        }
        String url = TestDatabases.MARIADB_URL;

        assertThat(selectOne(url)).as("no TLS asked for: it logs in as before").isEqualTo("1");
        assertThat(selectOne(url + "?sslMode=trust")).as("trust: the options are accepted").isEqualTo("1");
        assertThatThrownBy(() -> selectOne(url + "?sslMode=verify-full")).isInstanceOf(FlotillaException.class)
                .as("not in the clear").hasMessageContaining("SSL");
    }
}
