package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.sql.JdbcUrls;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A MariaDB connection kept for the next tenant's database on the same server carries nothing of the last tenant's
 * session: each kind of state a migration can leave is set by one tenant and looked for by the next.
 */
class ConnectionReuseMariaDbIT {
    private final String firstDatabase = TestDatabases.uniqueName();
    private final String nextDatabase = TestDatabases.uniqueName();
    private final TargetSpec first = tenant(firstDatabase);
    private final TargetSpec next = tenant(nextDatabase);

    /** Session variables that differ between any two connections, new or not. */
    private static final Set<String> PER_CONNECTION = Set.of("PSEUDO_THREAD_ID", "RAND_SEED1", "RAND_SEED2", "TIMESTAMP");

    @BeforeEach
    void create() throws SQLException {
        TestDatabases.execute(TestDatabases.mariadb(null), "CREATE DATABASE `" + firstDatabase + "`",
                "CREATE DATABASE `" + nextDatabase + "`", "CREATE TABLE `" + firstDatabase + "`.rows_seen (id INT)");
    }

    @AfterEach
    void drop() throws SQLException {
        TestDatabases.execute(TestDatabases.mariadb(null), "DROP DATABASE IF EXISTS `" + firstDatabase + "`",
                "DROP DATABASE IF EXISTS `" + nextDatabase + "`");
    }

    private static TargetSpec tenant(String database) {
        return new TargetSpec(TestDatabases.mariadbUrl(database), TestDatabases.MARIADB_USER, null, null, null);
    }

    @FunctionalInterface
    private interface SessionWork {
        void run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in a session of the first tenant, then opens the next tenant's session: on the same connection. */
    private static TargetSession nextAfter(ConnectionReuse reuse, TargetSpec first, TargetSpec next, SessionWork work)
            throws SQLException {
        Connection used;
        try (TargetSession session = TargetSession.open(first, false, reuse)) {
            used = session.connection();
            work.run(used);
        }
        TargetSession after = TargetSession.open(next, false, reuse);
        assertThat(after.connection()).as("the connection kept").isSameAs(used);
        return after;
    }

    private TargetSession nextAfter(ConnectionReuse reuse, SessionWork work) throws SQLException {
        return nextAfter(reuse, first, next, work);
    }

    @Test
    void a_session_variable_set_by_a_migration_is_back_to_its_default() throws Exception {
        try (ConnectionReuse reuse = new ConnectionReuse(1);
             TargetSession after = nextAfter(reuse, c -> Jdbc.execute(c, "SET SESSION foreign_key_checks = 0, unique_checks = 0"))) {
            assertThat(Jdbc.queryRow(after.connection(), "SELECT @@SESSION.foreign_key_checks, @@SESSION.unique_checks"))
                    .containsExactly("1", "1");
        }
    }

    @Test
    void a_user_variable_is_gone() throws Exception {
        try (ConnectionReuse reuse = new ConnectionReuse(1);
             TargetSession after = nextAfter(reuse, c -> Jdbc.execute(c, "SET @tenant_marker = 'first'"))) {
            assertThat(Jdbc.queryString(after.connection(), "SELECT @tenant_marker")).isNull();
        }
    }

    @Test
    void a_temporary_table_is_dropped_even_one_made_in_the_next_tenants_database() throws Exception {
        try (ConnectionReuse reuse = new ConnectionReuse(1);
             TargetSession after = nextAfter(reuse, c -> Jdbc.execute(c, "CREATE TEMPORARY TABLE `" + nextDatabase
                     + "`.scratch_rows (id INT)"))) {
            assertThatThrownBy(() -> Jdbc.queryString(after.connection(), "SELECT COUNT(*) FROM scratch_rows"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("doesn't exist");
        }
    }

    @Test
    void a_named_lock_is_released() throws Exception {
        String lock = "flotilla_test_" + firstDatabase;
        try (ConnectionReuse reuse = new ConnectionReuse(1);
             TargetSession after = nextAfter(reuse, c -> assertThat(Jdbc.queryString(c, "SELECT GET_LOCK(?, 0)", lock))
                     .isEqualTo("1"))) {
            assertThat(Jdbc.queryString(after.connection(), "SELECT IS_USED_LOCK(?)", lock)).as("held by no one").isNull();
        }
    }

    @Test
    void a_row_inserted_in_a_transaction_left_open_is_rolled_back_before_the_next_tenant() throws Exception {
        try (ConnectionReuse reuse = new ConnectionReuse(1);
             TargetSession after = nextAfter(reuse, c -> {
                 Jdbc.execute(c, "START TRANSACTION");
                 Jdbc.execute(c, "INSERT INTO rows_seen VALUES (1)");
             })) {
            assertThat(Jdbc.queryString(after.connection(), "SELECT @@in_transaction")).isEqualTo("0");
            assertThat(Jdbc.queryString(after.connection(), "SELECT COUNT(*) FROM `" + firstDatabase + "`.rows_seen"))
                    .isEqualTo("0");
        }
    }

    @Test
    void a_connection_left_with_autocommit_off_is_closed_not_kept() throws Exception {
        try (ConnectionReuse reuse = new ConnectionReuse(1)) {
            Connection used;
            try (TargetSession session = TargetSession.open(first, false, reuse)) {
                used = session.connection();
                Jdbc.execute(used, "SET autocommit = 0");
                Jdbc.execute(used, "INSERT INTO rows_seen VALUES (1)");
            }
            try (TargetSession after = TargetSession.open(next, false, reuse)) {
                assertThat(after.connection()).isNotSameAs(used);
                assertThat(used.isClosed()).isTrue();
                assertThat(after.connection().getAutoCommit()).isTrue();
                assertThat(Jdbc.queryString(after.connection(), "SELECT COUNT(*) FROM `" + firstDatabase + "`.rows_seen"))
                        .isEqualTo("0");
            }
        }
    }

    @Test
    void the_next_session_is_in_its_own_database_whatever_database_the_last_one_used() throws Exception {
        try (ConnectionReuse reuse = new ConnectionReuse(1);
             TargetSession after = nextAfter(reuse, c -> Jdbc.execute(c, "USE mysql"))) {
            assertThat(after.schema()).isEqualTo(nextDatabase);
            assertThat(Jdbc.queryString(after.connection(), "SELECT DATABASE()")).isEqualTo(nextDatabase);
            assertThat(after.connection().getCatalog()).isEqualTo(nextDatabase);
        }
    }

    @Test
    void a_database_not_created_yet_is_read_as_missing_on_a_kept_connection_as_on_a_new_one() throws Exception {
        TargetSpec missing = tenant(TestDatabases.uniqueName());
        try (ConnectionReuse reuse = new ConnectionReuse(1);
             TargetSession after = nextAfter(reuse, first, missing, c -> { })) {
            assertThat(after.schemaExists()).isFalse();
            assertThat(after.schema()).isEqualTo(JdbcUrls.databaseIn(missing.url()).orElseThrow().database());
        }
    }

    @Test
    void sql_mode_and_time_zone_are_those_of_a_new_connection_ignore_space_included() throws Exception {
        Map<String, String> fresh = sessionOfNewConnection();
        assertThat(fresh.get("SQL_MODE")).as("the driver's own sql_mode at login").contains("IGNORE_SPACE");
        try (ConnectionReuse reuse = new ConnectionReuse(1);
             TargetSession after = nextAfter(reuse, c -> Jdbc.execute(c, "SET SESSION sql_mode = 'ANSI_QUOTES',"
                     + " time_zone = '+05:00'"))) {
            Map<String, String> reused = session(after.connection());
            assertThat(reused.get("SQL_MODE")).isEqualTo(fresh.get("SQL_MODE"));
            assertThat(reused.get("TIME_ZONE")).isEqualTo(fresh.get("TIME_ZONE"));
        }
    }

    @Test
    void every_session_variable_and_the_drivers_own_state_are_those_of_a_new_connection() throws Exception {
        Map<String, String> fresh = sessionOfNewConnection();
        try (ConnectionReuse reuse = new ConnectionReuse(1);
             TargetSession after = nextAfter(reuse, c -> {
                 Jdbc.execute(c, "SET SESSION foreign_key_checks = 0, sql_mode = 'ANSI', time_zone = '+05:00',"
                         + " max_statement_time = 7, lock_wait_timeout = 9, character_set_results = 'latin1',"
                         + " session_track_system_variables = ''");
                 c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                 c.setReadOnly(true);
                 c.setNetworkTimeout(Runnable::run, 1234);
             })) {
            Connection kept = after.connection();
            assertThat(differences(fresh, session(kept))).as("new connection's value vs kept connection's").isEmpty();
            assertThat(kept.isReadOnly()).isFalse();
            assertThat(kept.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            assertThat(kept.getNetworkTimeout()).isNotEqualTo(1234);
            assertThat(kept.getAutoCommit()).isTrue();
        }
    }

    @Test
    void a_user_of_its_own_never_gets_another_users_connection() throws Exception {
        String user = TestDatabases.uniqueName();
        TestDatabases.execute(TestDatabases.mariadb(null), "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw_" + user + "'",
                "GRANT ALL ON `" + nextDatabase + "`.* TO '" + user + "'@'%'");
        try (ConnectionReuse reuse = new ConnectionReuse(2)) {
            TargetSpec other = new TargetSpec(next.url(), user, Secret.of("pw_" + user), null, null);
            Connection used;
            try (TargetSession session = TargetSession.open(first, false, reuse)) {
                used = session.connection();
            }
            try (TargetSession theirs = TargetSession.open(other, false, reuse)) {
                assertThat(theirs.connection()).isNotSameAs(used);
                assertThat(Jdbc.queryString(theirs.connection(), "SELECT CURRENT_USER()")).startsWith(user + "@");
            }
        } finally {
            TestDatabases.execute(TestDatabases.mariadb(null), "DROP USER IF EXISTS '" + user + "'@'%'");
        }
    }

    @Test
    void a_url_with_other_options_never_gets_a_connection_made_with_different_ones() throws Exception {
        TargetSpec otherOptions = new TargetSpec(TestDatabases.withParameter(next.url(), "connectTimeout=7000"),
                TestDatabases.MARIADB_USER, null, null, null);
        try (ConnectionReuse reuse = new ConnectionReuse(2)) {
            Connection used;
            try (TargetSession session = TargetSession.open(first, false, reuse)) {
                used = session.connection();
            }
            try (TargetSession theirs = TargetSession.open(otherOptions, false, reuse)) {
                assertThat(theirs.connection()).isNotSameAs(used);
            }
        }
    }

    private static Map<String, String> differences(Map<String, String> fresh, Map<String, String> kept) {
        Map<String, String> differences = new TreeMap<>();
        fresh.forEach((name, value) -> {
            if (!value.equals(kept.get(name))) {
                differences.put(name, value + " vs " + kept.get(name));
            }
        });
        return differences;
    }

    private Map<String, String> sessionOfNewConnection() throws SQLException {
        try (Connection fresh = ServerConnection.connect(next, Dialect.forUrl(next.url()))) {
            return session(fresh);
        }
    }

    private static Map<String, String> session(Connection connection) throws SQLException {
        Map<String, String> variables = new TreeMap<>();
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT VARIABLE_NAME, VARIABLE_VALUE FROM information_schema.SESSION_VARIABLES")) {
            while (rows.next()) {
                if (!PER_CONNECTION.contains(rows.getString(1))) {
                    variables.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return variables;
    }
}
