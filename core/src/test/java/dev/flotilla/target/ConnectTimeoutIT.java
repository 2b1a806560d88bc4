package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.SilentServer;
import dev.flotilla.testing.TestDatabases;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only a server that gave no answer within the connect timeout is taken for silent (not asked again, not retried): the
 * real drivers' failures against a socket that accepts and never speaks, against real lock and statement timeouts.
 */
class ConnectTimeoutIT {
    private SilentServer silent;

    @BeforeEach
    void serverThatNeverSpeaks() throws IOException {
        ConnectTimeout.set(Duration.ofSeconds(1));
        silent = SilentServer.start();
    }

    @AfterEach
    void close() throws IOException {
        ConnectTimeout.set(ConnectTimeout.DEFAULT);
        silent.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void a_server_that_accepts_and_never_answers_gave_no_answer_within_the_connect_timeout(String driver) {
        TargetSpec spec = new TargetSpec("jdbc:" + driver + "://127.0.0.1:" + silent.port() + "/ops_none", "nobody",
                null, null, null);

        Throwable first = catchThrowable(() -> TargetSession.connectToServer(spec).close());
        Throwable again = catchThrowable(() -> TargetSession.connectToServer(spec).close());

        assertThat(first).isInstanceOf(FlotillaException.class).hasMessageContaining("no answer within the connect timeout of 1 s")
                .hasCauseInstanceOf(SQLException.class);
        assertThat(ConnectTimeout.gaveUp(first.getCause())).as("the driver's own failure: " + first.getCause()).isTrue();
        assertThat(ConnectTimeout.gaveUp(first)).isTrue();
        assertThat(again).hasMessageContaining("is not asked again for a minute");
        assertThat(ConnectTimeout.gaveUp(again)).as("remembered silent").isTrue();
        assertThat(silent.accepted()).as("asked once").hasSize(1);
    }

    @Test
    void a_refused_connection_whose_url_sets_a_connect_timeout_is_no_silent_server() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        TargetSpec spec = new TargetSpec("jdbc:postgresql://127.0.0.1:" + closed + "/ops_none?connectTimeout=5", "nobody",
                null, null, null);

        Throwable refused = catchThrowable(() -> TargetSession.connectToServer(spec).close());

        assertThat(refused).hasMessageContaining("connectTimeout=5").hasMessageContaining("refused");
        assertThat(ConnectTimeout.gaveUp(refused)).as("refused, so tried again: " + refused.getMessage()).isFalse();
    }

    @Test
    void a_postgresql_lock_timeout_or_statement_timeout_is_no_silent_server() throws Exception {
        long key = ThreadLocalRandom.current().nextLong();
        try (Connection holder = TestDatabases.connect(TestDatabases.postgres("public"));
             Connection waiter = TestDatabases.connect(TestDatabases.postgres("public"))) {
            holder.setAutoCommit(false);
            Jdbc.execute(holder, "SELECT pg_advisory_xact_lock(" + key + ")");
            Jdbc.execute(waiter, "SET lock_timeout = '100ms'");
            Jdbc.execute(waiter, "SET statement_timeout = '5s'");
            SQLException lockTimeout = (SQLException) catchThrowable(() -> Jdbc.execute(waiter,
                    "SELECT pg_advisory_xact_lock(" + key + ")"));
            Jdbc.execute(waiter, "SET statement_timeout = '100ms'");
            SQLException statementTimeout = (SQLException) catchThrowable(() -> Jdbc.execute(waiter, "SELECT pg_sleep(5)"));
            holder.rollback();

            assertThat(lockTimeout.getSQLState()).isEqualTo("55P03");
            assertThat(statementTimeout.getSQLState()).isEqualTo("57014");
            assertThat(ConnectTimeout.gaveUp(lockTimeout)).as(lockTimeout.getMessage()).isFalse();
            assertThat(ConnectTimeout.gaveUp(statementTimeout)).as(statementTimeout.getMessage()).isFalse();
            assertThat(ConnectTimeout.gaveUp(Failures.of(TestDatabases.postgres("public"), "reading", lockTimeout))).isFalse();
        }
    }

    @Test
    void a_mariadb_lock_wait_timeout_or_statement_time_limit_is_no_silent_server() throws Exception {
        String database = TestDatabases.uniqueName();
        try (Connection holder = TestDatabases.connect(TestDatabases.mariadb("test"));
             Connection waiter = TestDatabases.connect(TestDatabases.mariadb("test"))) {
            Jdbc.execute(holder, "CREATE DATABASE " + database);
            try {
                Jdbc.execute(holder, "CREATE TABLE " + database + ".held (id INT PRIMARY KEY) ENGINE=InnoDB");
                Jdbc.execute(holder, "INSERT INTO " + database + ".held VALUES (1)");
                holder.setAutoCommit(false);
                Jdbc.execute(holder, "SELECT id FROM " + database + ".held WHERE id = 1 FOR UPDATE");
                Jdbc.execute(waiter, "SET SESSION innodb_lock_wait_timeout = 1");
                SQLException lockWait = (SQLException) catchThrowable(() -> Jdbc.execute(waiter,
                        "UPDATE " + database + ".held SET id = 1 WHERE id = 1"));
                Jdbc.execute(waiter, "SET SESSION max_statement_time = 0.1");
                SQLException timeLimit = (SQLException) catchThrowable(() -> Jdbc.execute(waiter,
                        "SELECT SLEEP(5) FROM " + database + ".held"));
                holder.rollback();

                assertThat(lockWait.getErrorCode()).isEqualTo(1205);
                assertThat((Throwable) timeLimit).as("a timeout by its type, not a connect timeout").isInstanceOf(java.sql.SQLTimeoutException.class);
                assertThat(ConnectTimeout.gaveUp(lockWait)).as(lockWait.getMessage()).isFalse();
                assertThat(ConnectTimeout.gaveUp(timeLimit)).as(timeLimit.getMessage()).isFalse();
            } finally {
                holder.setAutoCommit(true);
                Jdbc.execute(holder, "DROP DATABASE " + database);
            }
        }
    }
}
