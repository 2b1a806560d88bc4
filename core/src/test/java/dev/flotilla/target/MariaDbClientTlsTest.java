package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The TLS protocols, suites and stores of a MariaDB tenant URL as its client programs get them, or a refusal. */
class MariaDbClientTlsTest {
    private static final String SERVER = "jdbc:mariadb://db.example:3306/t1?";

    private static List<String> arguments(String query) {
        return MariaDbClientTls.arguments(new TargetSpec(SERVER + query, "root", null, "t1", null), null);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(String query, String systemKeyStore) {
        return assertThatThrownBy(() -> MariaDbClientTls.arguments(new TargetSpec(SERVER + query, "root", null, "t1", null),
                systemKeyStore)).isInstanceOfSatisfying(FlotillaException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED_YET));
    }

    @Test
    void the_protocols_the_url_enables_reach_the_clients_by_their_names() {
        assertThat(arguments("sslMode=verify-full&enabledSslProtocolSuites=TLSv1.2,TLSv1.3"))
                .containsExactly("--ssl", "--ssl-verify-server-cert", "--tls-version=TLSv1.2,TLSv1.3");
        assertThat(arguments("sslMode=trust&enabledSslProtocolSuites=TLSv1;TLSv1.1"))
                .as("Java's TLSv1 is the clients' TLSv1.0; Connector/J splits at semicolons too")
                .containsExactly("--ssl", "--skip-ssl-verify-server-cert", "--tls-version=TLSv1.0,TLSv1.1");
        assertThat(arguments("sslMode=disable&enabledSslProtocolSuites=TLSv1.3&enabledSslCipherSuites=nonsense"))
                .as("no TLS: nothing of it is passed on, or checked").isEmpty();
    }

    @Test
    void tls_1_2_suites_reach_the_clients_by_openssls_names_and_keep_them_off_tls_1_3() {
        assertThat(arguments("sslMode=verify-full&enabledSslCipherSuites=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,"
                + "TLS_RSA_WITH_AES_128_CBC_SHA%20TLS_EMPTY_RENEGOTIATION_INFO_SCSV"))
                .containsExactly("--ssl", "--ssl-verify-server-cert", "--tls-version=TLSv1.2",
                        "--ssl-cipher=ECDHE-RSA-AES256-GCM-SHA384:AES128-SHA");
        assertThat(arguments("sslMode=trust&enabledSslProtocolSuites=TLSv1.1,TLSv1.2,TLSv1.3"
                + "&enabledSslCipherSuites=TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"))
                .containsExactly("--ssl", "--skip-ssl-verify-server-cert", "--tls-version=TLSv1.1,TLSv1.2",
                        "--ssl-cipher=DHE-RSA-AES128-GCM-SHA256");
    }

    @Test
    void tls_1_3_suites_keep_the_clients_to_tls_1_3_as_they_would_ignore_older_suites_beside_them() {
        assertThat(arguments("sslMode=verify-full&enabledSslCipherSuites=TLS_AES_256_GCM_SHA384,"
                + "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256"))
                .containsExactly("--ssl", "--ssl-verify-server-cert", "--tls-version=TLSv1.3",
                        "--ssl-cipher=TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256");
        refused("sslMode=verify-full&enabledSslProtocolSuites=TLSv1.2&enabledSslCipherSuites=TLS_AES_128_GCM_SHA256",
                null).hasMessageContainingAll("enabledSslCipherSuites", "TLS_AES_128_GCM_SHA256", "TLSv1.2");
    }

    @Test
    void a_protocol_or_suite_the_clients_have_no_name_for_is_refused_naming_it() {
        refused("sslMode=verify-full&enabledSslProtocolSuites=SSLv3,TLSv1.2", null)
                .hasMessageContainingAll("enabledSslProtocolSuites", "SSLv3");
        refused("sslMode=trust&enabledSslCipherSuites=TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", null)
                .hasMessageContainingAll("enabledSslCipherSuites", "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256");
    }

    @Test
    void cas_in_a_java_keystore_are_refused_where_the_driver_verifies_with_them_and_passed_over_in_trust() {
        refused("sslMode=verify-ca&trustStore=/etc/ssl/cas.p12&trustStorePassword=ts-Secret-9", null)
                .hasMessageContainingAll("db.example:3306/t1", "trustStore", "serverSslCert=")
                .hasMessageNotContaining("ts-Secret-9");
        assertThat(arguments("sslMode=trust&trustStore=/etc/ssl/cas.p12")).as("trust verifies nothing, with no store")
                .containsExactly("--ssl", "--skip-ssl-verify-server-cert");
    }

    @Test
    void the_jvms_own_client_keystore_which_the_driver_presents_is_refused_unless_the_url_turns_that_off() {
        refused("sslMode=verify-full&keyStoreType=PKCS12", "/srv/app/client.p12")
                .hasMessageContainingAll("javax.net.ssl.keyStore=/srv/app/client.p12", "fallbackToSystemKeyStore=false",
                        "--skip-backup");
        assertThat(MariaDbClientTls.arguments(new TargetSpec(SERVER + "sslMode=verify-full&fallbackToSystemKeyStore=false",
                "root", null, "t1", null), "/srv/app/client.p12")).containsExactly("--ssl", "--ssl-verify-server-cert");
        assertThat(arguments("sslMode=verify-full&keyStoreType=PKCS12&keyPassword=kp-Secret"))
                .as("a keystore's type alone: the driver has no keystore to read it for, nor do the clients")
                .containsExactly("--ssl", "--ssl-verify-server-cert");
    }

    @Test
    void a_tls_plugin_of_the_applications_is_refused_and_a_file_url_ca_is_given_as_its_path() {
        refused("sslMode=verify-full&tlsSocketType=com.example.Tls", null).hasMessageContaining("tlsSocketType=com.example.Tls");
        assertThat(arguments("sslMode=verify-full&serverSslCert=file:///etc/ssl/db-ca.pem"))
                .containsExactly("--ssl", "--ssl-verify-server-cert", "--ssl-ca=/etc/ssl/db-ca.pem");
        refused("sslMode=verify-full&serverSslCert=https://pki.example/ca.pem", null).hasMessageContaining("serverSslCert");
    }

    @Test
    void each_suites_openssl_name_is_the_one_openssl_itself_gives_that_suite() throws Exception {
        Assumptions.assumeTrue(ExternalTool.firstOnPath("openssl").equals("openssl")
                && new ProcessBuilder("openssl", "version").start().waitFor() == 0, "openssl is installed");
        for (Map.Entry<String, String> suite : MariaDbTlsSuites.OPENSSL_NAMES.entrySet()) {
            assertThat(standardName(suite.getValue())).as(suite.getValue()).isEqualTo(suite.getKey());
        }
    }

    /** The standard (IANA, Java) name OpenSSL gives its cipher of {@code name} (no TLS 1.3 suites listed beside it). */
    private static String standardName(String name) throws IOException, InterruptedException {
        Process openssl = new ProcessBuilder("openssl", "ciphers", "-stdname", "-ciphersuites", "", name)
                .redirectErrorStream(true).start();
        String said = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return said.split("\\s+")[0];
    }
}
