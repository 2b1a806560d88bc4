package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import org.junit.jupiter.api.Test;

class ClientConnectionTest {
    @Test
    void an_option_file_value_escapes_backslashes_quotes_and_line_breaks_so_no_second_option_line_can_start() {
        assertThat(ClientConnection.optionValue("a\\b\"c\nuser=root\r\t#;'"))
                .isEqualTo("\"a\\\\b\\\"c\\nuser=root\\r\\t#;'\"")
                .doesNotContain("\n");
    }

    @Test
    void a_password_with_a_nul_character_is_refused_without_showing_it() {
        assertThatThrownBy(() -> ClientConnection.optionValue("nul-Secret\0x")).isInstanceOfSatisfying(FlotillaException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED_YET))
                .hasMessageContainingAll("NUL character", "change the database user's password")
                .hasMessageNotContaining("nul-Secret");
    }

    @Test
    void the_client_programs_log_in_as_the_urls_user_when_it_names_one_as_the_drivers_do() {
        TargetSpec spec = new TargetSpec("jdbc:postgresql://db.example:5433/app?user=tenant_owner&sslmode=require",
                "postgres", null, "t1", null);

        assertThat(ClientConnection.user(spec)).isEqualTo("tenant_owner");
        assertThat(ClientConnection.conninfo(spec)).contains("user='tenant_owner'").doesNotContain("postgres");
        assertThat(ClientConnection.user(new TargetSpec("jdbc:postgresql://db.example/app", "postgres", null, "t1", null)))
                .isEqualTo("postgres");
    }

    /** MariaDB's clients' arguments for {@code url}, after the option file, protocol, host, port and user. */
    private static java.util.List<String> tlsArguments(String url, java.nio.file.Path folder) {
        java.util.List<String> arguments = ClientConnection.mariadbArguments(new TargetSpec(url, "root", null, "t1", null),
                folder.resolve("options.cnf"));
        assertThat(arguments.get(0)).as("the only option file they read: no system my.cnf")
                .isEqualTo("--defaults-file=" + folder.resolve("options.cnf"));
        return arguments.subList(5, arguments.size());
    }

    @Test
    void mariadb_clients_use_tls_as_the_urls_ssl_mode_asks_the_driver_to(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) {
        String server = "jdbc:mariadb://db.example:3306/t1";
        assertThat(tlsArguments(server, folder)).as("no TLS asked for: the clients' own default").isEmpty();
        assertThat(tlsArguments(server + "?sslMode=disable", folder)).isEmpty();
        assertThat(tlsArguments(server + "?sslMode=trust", folder)).containsExactly("--ssl", "--skip-ssl-verify-server-cert");
        assertThat(tlsArguments(server + "?sslMode=REQUIRED", folder)).containsExactly("--ssl", "--skip-ssl-verify-server-cert");
        assertThat(tlsArguments(server + "?sslMode=verify-full", folder)).containsExactly("--ssl", "--ssl-verify-server-cert");
        assertThat(tlsArguments(server + "?sslMode=verify-ca&serverSslCert=/etc/ssl/db-ca.pem", folder))
                .as("the clients verify the host name too: stricter, never weaker")
                .containsExactly("--ssl", "--ssl-verify-server-cert", "--ssl-ca=/etc/ssl/db-ca.pem");
    }

    @Test
    void mariadb_clients_read_the_legacy_use_ssl_options_as_the_driver_does(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) {
        String server = "jdbc:mariadb://db.example:3306/t1?";
        assertThat(tlsArguments(server + "useSsl=true", folder)).containsExactly("--ssl", "--ssl-verify-server-cert");
        assertThat(tlsArguments(server + "useSSL=true&trustServerCertificate=true", folder))
                .containsExactly("--ssl", "--skip-ssl-verify-server-cert");
        assertThat(tlsArguments(server + "useSsl=true&disableSslHostnameVerification=true", folder))
                .containsExactly("--ssl", "--ssl-verify-server-cert");
        assertThat(tlsArguments(server + "useSsl=false&trustServerCertificate=true", folder)).isEmpty();
    }

    @Test
    void a_server_certificate_given_inline_is_refused_for_the_clients_saying_to_give_a_file(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) {
        assertThatThrownBy(() -> tlsArguments("jdbc:mariadb://db.example/t1?sslMode=verify-full&serverSslCert=-----BEGIN%20CERT",
                folder)).isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code())
                .isEqualTo(ErrorCode.NOT_SUPPORTED_YET)).hasMessageContaining("serverSslCert").hasMessageContaining("file");
    }
    @Test
    void a_client_certificate_in_a_java_keystore_is_refused_for_the_clients_naming_the_tenant_and_the_way_on_without_its_password(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) {
        String url = "jdbc:mariadb://db.example:3306/t1?sslMode=verify-full&keyStore=/etc/ssl/client.p12"
                + "&keyStorePassword=ks-Secret-42";

        assertThatThrownBy(() -> tlsArguments(url, folder)).isInstanceOfSatisfying(FlotillaException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED_YET))
                .hasMessageContainingAll("db.example:3306/t1", "keyStore", "--skip-backup", "without")
                .hasMessageNotContaining("ks-Secret-42");
        assertThat(tlsArguments("jdbc:mariadb://db.example:3306/t1?KEYSTORE=/etc/ssl/client.p12", folder))
                .as("without TLS the driver reads no keystore either: the clients log in as it does").isEmpty();
    }
}
