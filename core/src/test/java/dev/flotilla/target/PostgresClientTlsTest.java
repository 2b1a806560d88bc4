package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The TLS settings of a PostgreSQL tenant URL as pg_dump and psql get them (their connection string), or a refusal. */
class PostgresClientTlsTest {
    private static final String SERVER = "jdbc:postgresql://db.example:5433/app?";

    private static String conninfo(String query) {
        return ClientConnection.conninfo(new TargetSpec(SERVER + query, "app", null, "t1", null));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(String query) {
        return assertThatThrownBy(() -> conninfo(query)).isInstanceOfSatisfying(FlotillaException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED_YET))
                .hasMessageContainingAll("db.example:5433/app", "pg_dump", "--skip-backup");
    }

    @Test
    void the_clients_use_the_sslmode_pgjdbc_has_from_the_url_or_its_defaults() {
        assertThat(conninfo("sslmode=verify-ca")).contains("sslmode='verify-ca'");
        assertThat(conninfo("user=app")).contains("sslmode='prefer'");
        assertThat(conninfo("ssl=true")).contains("sslmode='verify-full'");
        assertThat(conninfo("ssl")).as("a bare ssl is true to pgjdbc").contains("sslmode='verify-full'");
        assertThat(conninfo("ssl=true&sslmode=require")).contains("sslmode='require'").doesNotContain("verify-full");
    }

    @Test
    void the_ca_and_the_client_certificate_and_key_reach_the_clients() {
        assertThat(conninfo("sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem&sslcert=/etc/ssl/app.crt&sslkey=/etc/ssl/app.pk8"))
                .contains("sslrootcert='/etc/ssl/ca.pem'", "sslcert='/etc/ssl/app.crt'", "sslkey='/etc/ssl/app.pk8'");
        assertThat(conninfo("sslmode=require&sslcert=/etc/ssl/app%20one.crt"))
                .as("pgjdbc's key beside a certificate given alone, not libpq's postgresql.key")
                .contains("sslcert='/etc/ssl/app one.crt'", "sslkey='"
                        + Path.of(System.getProperty("user.home"), ".postgresql", "postgresql.pk8") + "'");
        assertThat(conninfo("sslmode=disable&sslcert=/etc/ssl/app.crt&sslpassword=x")).as("no TLS: none of it applies")
                .contains("sslmode='disable'").doesNotContain("sslcert", "sslpassword");
    }

    @Test
    void a_value_with_a_quote_or_a_backslash_stays_one_value() {
        assertThat(conninfo("sslmode=require&sslrootcert=/etc/it's%5Cca.pem")).contains("sslrootcert='/etc/it\\'s\\\\ca.pem'");
    }

    @Test
    void a_key_password_is_refused_without_showing_it() {
        refused("sslmode=verify-full&sslkey=/etc/ssl/app.pk8&sslpassword=key-Secret-3").hasMessageContaining("sslpassword")
                .hasMessageNotContaining("key-Secret-3");
        refused("sslpasswordcallback=com.example.Callback").hasMessageContaining("sslpasswordcallback");
    }

    @Test
    void what_libpq_cannot_do_as_pgjdbc_does_is_refused_naming_it() {
        refused("sslmode=require&sslkey=/etc/ssl/app.p12").hasMessageContaining("PKCS-12");
        refused("sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory")
                .hasMessageContaining("sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory");
        refused("ssl=true&sslfactory=org.postgresql.ssl.NonValidatingFactory").as("verify-full with no verification")
                .hasMessageContaining("NonValidatingFactory");
        refused("sslmode=verify-full&sslhostnameverifier=com.example.Names").hasMessageContaining("sslhostnameverifier");
        refused("sslmode=require&sslNegotiation=direct").hasMessageContaining("sslNegotiation=direct");
    }

    @Test
    void settings_libpq_matches_pass() {
        assertThat(conninfo("sslmode=require&sslfactory=org.postgresql.ssl.NonValidatingFactory"))
                .as("neither verifies").contains("sslmode='require'").doesNotContain("sslfactory");
        assertThat(conninfo("sslmode=verify-full&sslfactory=org.postgresql.ssl.LibPQFactory&sslNegotiation=postgres"))
                .contains("sslmode='verify-full'");
        assertThat(conninfo("sslmode=verify-ca&sslhostnameverifier=com.example.Names"))
                .as("verify-ca checks no host name in either").contains("sslmode='verify-ca'");
    }
}
