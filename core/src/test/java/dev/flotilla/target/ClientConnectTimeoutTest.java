package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConnectTimeoutTest {
    private static final Duration PROCESS_WIDE = Duration.ofMillis(2500);

    @Test
    void postgres_clients_wait_the_process_wide_timeout_in_whole_seconds_rounded_up_when_the_url_sets_none() {
        assertThat(ClientConnectTimeout.postgresSeconds("jdbc:postgresql://db.example/app", PROCESS_WIDE)).isEqualTo(3);
        assertThat(ClientConnectTimeout.postgresSeconds("jdbc:postgresql://db.example/app?sslmode=require",
                Duration.ofMillis(10))).isEqualTo(1);
    }

    @Test
    void postgres_clients_wait_as_the_urls_connect_and_login_timeouts_let_the_driver_whichever_ends_first() {
        String url = "jdbc:postgresql://db.example/app?";
        assertThat(ClientConnectTimeout.postgresSeconds(url + "connectTimeout=1", PROCESS_WIDE)).isEqualTo(1);
        assertThat(ClientConnectTimeout.postgresSeconds(url + "connectTimeout=30", PROCESS_WIDE))
                .as("the process-wide loginTimeout still bounds the driver's login").isEqualTo(3);
        assertThat(ClientConnectTimeout.postgresSeconds(url + "connectTimeout=30&loginTimeout=45", PROCESS_WIDE)).isEqualTo(30);
        assertThat(ClientConnectTimeout.postgresSeconds(url + "loginTimeout=0&connectTimeout=20", PROCESS_WIDE))
                .as("zero is no limit, for the driver as for libpq").isEqualTo(20);
        assertThat(ClientConnectTimeout.postgresSeconds(url + "loginTimeout=0&connectTimeout=0", PROCESS_WIDE)).isZero();
        assertThat(ClientConnectTimeout.postgresSeconds(url + "ConnectTimeout=1", PROCESS_WIDE))
                .as("pgjdbc's names are case-sensitive").isEqualTo(3);
    }

    @Test
    void the_mariadb_client_waits_the_urls_connect_timeout_in_seconds_rounded_up_else_the_process_wide_one() {
        assertThat(ClientConnectTimeout.mariadbSeconds("jdbc:mariadb://db.example/t1", PROCESS_WIDE)).isEqualTo(3);
        assertThat(ClientConnectTimeout.mariadbSeconds("jdbc:mariadb://db.example/t1?connectTimeout=4001", PROCESS_WIDE))
                .isEqualTo(5);
        assertThat(ClientConnectTimeout.mariadbSeconds("jdbc:mariadb://db.example/t1?sslMode=trust&CONNECTTIMEOUT=500",
                PROCESS_WIDE)).as("Connector/J's option names are case-insensitive").isEqualTo(1);
        assertThat(ClientConnectTimeout.mariadbSeconds("jdbc:mariadb://db.example/t1?connectTimeout=0", PROCESS_WIDE))
                .as("zero is no limit, for the driver as for the client").isZero();
    }

    @Test
    void postgres_clients_get_the_urls_timeout_in_their_environment() {
        TargetSpec spec = new TargetSpec("jdbc:postgresql://db.example/app?connectTimeout=7&loginTimeout=7", "postgres",
                null, "t1", null);

        assertThat(ClientConnection.postgresEnvironment(spec)).containsEntry("PGCONNECT_TIMEOUT", "7");
    }

    @Test
    void the_mariadb_client_is_given_the_urls_connect_timeout_and_mariadb_dump_none(@TempDir Path folder) {
        TargetSpec spec = new TargetSpec("jdbc:mariadb://db.example:3306/t1?connectTimeout=6500", "root", null, "t1", null);

        assertThat(ClientConnection.mariadbClientArguments(spec, folder.resolve("client.cnf"))).contains("--connect-timeout=7");
        assertThat(ClientConnection.mariadbArguments(spec, folder.resolve("dump.cnf")))
                .noneMatch(argument -> argument.startsWith("--connect-timeout"));
    }

    @Test
    void the_mariadb_client_is_given_the_process_wide_connect_timeout_when_the_url_sets_none(@TempDir Path folder) {
        TargetSpec spec = new TargetSpec("jdbc:mariadb://db.example:3306/t1", "root", null, "t1", null);

        assertThat(ClientConnection.mariadbClientArguments(spec, folder.resolve("client.cnf")))
                .contains("--connect-timeout=" + Math.max(1, (ConnectTimeout.current().toMillis() + 999) / 1000));
    }
}
