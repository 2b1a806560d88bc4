package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which targets' connections ConnectionReuse takes for interchangeable, and that its key holds no secret. */
class ConnectionReuseKeyTest {
    private static TargetSpec mariadb(String url, String user, String password) {
        return new TargetSpec(url, user, password == null ? null : Secret.of(password), null, null);
    }

    @Test
    void mariadb_databases_on_one_server_with_the_same_login_and_options_share_a_key() {
        assertThat(ConnectionReuse.key(mariadb("jdbc:mariadb://db1:3306/t_acme?sslMode=verify-full", "app", "s3cret-pw")))
                .isEqualTo(ConnectionReuse.key(mariadb("jdbc:mariadb://db1:3306/t_globex?sslMode=verify-full", "app", "s3cret-pw")));
    }

    @Test
    void another_user_password_option_host_or_port_is_another_key() {
        String key = ConnectionReuse.key(mariadb("jdbc:mariadb://db1:3306/t_acme?sslMode=verify-full", "app", "s3cret-pw"));
        assertThat(ConnectionReuse.key(mariadb("jdbc:mariadb://db1:3306/t_acme?sslMode=verify-full", "other", "s3cret-pw")))
                .isNotEqualTo(key);
        assertThat(ConnectionReuse.key(mariadb("jdbc:mariadb://db1:3306/t_acme?sslMode=verify-full", "app", "other-pw")))
                .isNotEqualTo(key);
        assertThat(ConnectionReuse.key(mariadb("jdbc:mariadb://db1:3306/t_acme?sslMode=disable", "app", "s3cret-pw")))
                .isNotEqualTo(key);
        assertThat(ConnectionReuse.key(mariadb("jdbc:mariadb://db1:3306/t_acme", "app", "s3cret-pw"))).isNotEqualTo(key);
        assertThat(ConnectionReuse.key(mariadb("jdbc:mariadb://db2:3306/t_acme?sslMode=verify-full", "app", "s3cret-pw")))
                .isNotEqualTo(key);
        assertThat(ConnectionReuse.key(mariadb("jdbc:mariadb://db1:3307/t_acme?sslMode=verify-full", "app", "s3cret-pw")))
                .isNotEqualTo(key);
        assertThat(ConnectionReuse.key(mariadb("jdbc:mariadb://db1:3306/t_acme?sslMode=verify-full", "app", null)))
                .isNotEqualTo(key);
    }

    @Test
    void the_key_holds_no_password() {
        assertThat(ConnectionReuse.key(mariadb("jdbc:mariadb://db1:3306/t_acme", "app", "s3cret-pw"))).doesNotContain("s3cret-pw");
    }

    @Test
    void postgresql_keeps_the_database_in_its_key_a_connection_serves_one_database() {
        assertThat(ConnectionReuse.key(mariadb("jdbc:postgresql://db1:5432/app_a", "app", "s3cret-pw")))
                .isNotEqualTo(ConnectionReuse.key(mariadb("jdbc:postgresql://db1:5432/app_b", "app", "s3cret-pw")));
    }

    @Test
    void a_password_not_read_or_a_url_that_turns_the_drivers_reset_off_is_never_kept() {
        assertThat(ConnectionReuse.key(new TargetSpec("jdbc:mariadb://db1:3306/t_acme", "app",
                Secret.unavailable("TENANT_PW is not set"), null, null))).isNull();
        assertThat(ConnectionReuse.key(mariadb("jdbc:mariadb://db1:3306/t_acme?useResetConnection=false", "app", "pw")))
                .isNull();
    }
}
