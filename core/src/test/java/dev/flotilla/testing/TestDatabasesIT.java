package dev.flotilla.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.target.TargetSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The tests' own connections to the servers: a server that stops answering (a teardown under load, a stuck lock) fails
 * the test after two minutes instead of hanging it.
 */
class TestDatabasesIT {
    @Test
    void a_postgresql_test_connection_waits_for_an_answer_no_longer_than_two_minutes() throws SQLException {
        try (Connection connection = TestDatabases.connect(TestDatabases.postgres(null))) {
            assertThat(connection.getNetworkTimeout()).isEqualTo(120_000);
        }
    }

    @Test
    void a_mariadb_test_connection_waits_for_an_answer_no_longer_than_two_minutes() throws SQLException {
        try (Connection connection = TestDatabases.connect(TestDatabases.mariadb(null))) {
            assertThat(connection.getNetworkTimeout()).isEqualTo(120_000);
        }
    }

    @Test
    void an_h2_test_connection_is_made_as_before() throws SQLException {
        TargetSpec h2 = TestDatabases.h2(TestDatabases.uniqueName());
        try (Connection connection = TestDatabases.connect(h2); Statement statement = connection.createStatement();
             ResultSet one = statement.executeQuery("SELECT 1")) {
            assertThat(one.next()).isTrue();
        } finally {
            TestDatabases.drop(h2);
        }
    }

    @Test
    void execute_runs_the_statements_in_order_on_the_target() throws SQLException {
        TargetSpec h2 = TestDatabases.h2(TestDatabases.uniqueName());
        try {
            TestDatabases.execute(h2, "CREATE TABLE notes (id INT)", "INSERT INTO notes VALUES (1)", "INSERT INTO notes VALUES (2)");
            try (Connection connection = TestDatabases.connect(h2); Statement statement = connection.createStatement();
                 ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM notes")) {
                assertThat(count.next()).isTrue();
                assertThat(count.getInt(1)).isEqualTo(2);
            }
        } finally {
            TestDatabases.drop(h2);
        }
    }
}
