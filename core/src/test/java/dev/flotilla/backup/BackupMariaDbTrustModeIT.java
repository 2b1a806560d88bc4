package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.ConnectionSource;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant URL with {@code sslMode=trust} asks for TLS without verification; MariaDB's 10.x clients given that fall
 * back to the clear against a server without TLS. Against the test server (no TLS), with Flotilla's own session
 * connected as if the driver had had TLS, the backup and the restore are refused before any data moves.
 */
class BackupMariaDbTrustModeIT {
    @TempDir
    Path temp;
    private final TargetSpec plain = TestDatabases.mariadb(TestDatabases.uniqueName());
    private final TargetSpec trust = new TargetSpec(TestDatabases.MARIADB_URL + "?sslMode=trust", plain.user(), null,
            plain.schema(), null);
    /** The session's connection as the driver would have it, here without TLS: the test server has none. */
    private final ConnectionSource connectedAsTheDriverWas = new ConnectionSource() {
        @Override
        public Connection take(TargetSpec spec, Dialect dialect) {
            return TestDatabases.connect(plain);
        }

        @Override
        public void give(TargetSpec spec, Connection connection) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    @BeforeEach
    void setUp() throws SQLException {
        try (Connection c = TestDatabases.connect(TestDatabases.mariadb(null))) {
            Assumptions.assumeFalse("YES".equals(Jdbc.queryString(c, "SELECT @@have_ssl")), "the test server speaks TLS");
        }
        TestDatabases.execute(TestDatabases.mariadb(null), "CREATE DATABASE `" + plain.schema() + "`",
                "CREATE TABLE `" + plain.schema() + "`.notes (id INTEGER PRIMARY KEY)",
                "INSERT INTO `" + plain.schema() + "`.notes VALUES (1)");
    }

    @AfterEach
    void tearDown() {
        TestDatabases.drop(plain);
    }

    @Test
    void a_backup_is_refused_before_the_dump_runs_when_the_clients_reach_the_server_in_the_clear() throws Exception {
        Path file = temp.resolve("t1.sql");
        try (TargetSession session = TargetSession.open(trust, false, connectedAsTheDriverWas)) {
            assertThatThrownBy(() -> new MariaDbBackupTool(null).backup(session, file))
                    .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_FAILED))
                    .hasMessageContainingAll("Backing up " + trust.displayName(), "before any data moved", "sslMode=trust",
                            "in the clear", "sslMode=verify-full");
        }
        assertThat(file).as("mariadb-dump never ran").doesNotExist();
    }

    @Test
    void a_restore_is_refused_before_anything_is_dropped_when_the_clients_reach_the_server_in_the_clear() throws Exception {
        Path file = Files.writeString(temp.resolve("t1.sql"), "DROP TABLE IF EXISTS notes;\n");
        try (TargetSession session = TargetSession.open(trust, false, connectedAsTheDriverWas)) {
            assertThatThrownBy(() -> new MariaDbBackupTool(null).restore(session, file))
                    .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESTORE_FAILED))
                    .hasMessageContainingAll("Restoring " + trust.displayName(), "before any data moved", "in the clear");
        }
        try (Connection c = TestDatabases.connect(plain)) {
            assertThat(Jdbc.queryString(c, "SELECT COUNT(*) FROM `" + plain.schema() + "`.notes")).isEqualTo("1");
        }
    }

    @Test
    void a_url_that_asks_for_no_tls_is_backed_up_without_the_check() throws Exception {
        Path file = temp.resolve("t1.sql");
        try (TargetSession session = TargetSession.open(plain, false)) {
            new MariaDbBackupTool(null).backup(session, file);
        }
        assertThat(Files.readString(file)).contains("CREATE TABLE `notes`");
    }
}
