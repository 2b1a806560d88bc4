package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** A server refusing a connection for having too many says so, and what to lower or raise, not "is it running?". */
class NoFreeConnectionSlotIT {
    @Test
    void a_postgresql_role_at_its_connection_limit_is_told_there_is_no_free_slot() throws Exception {
        String role = TestDatabases.uniqueName();
        TargetSpec admin = TestDatabases.postgres("public");
        try (Connection connection = TestDatabases.connect(admin)) {
            Jdbc.execute(connection, "CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 1");
        }
        try {
            TargetSpec limited = new TargetSpec(admin.url(), role, null, "public", null);
            try (Connection held = TargetSession.connectToServerOnly(limited)) {
                assertRefused(limited, "SQLSTATE 53300");
            }
        } finally {
            try (Connection connection = TestDatabases.connect(admin)) {
                Jdbc.execute(connection, "DROP ROLE " + role);
            }
        }
    }

    @Test
    void a_mariadb_user_at_its_connection_limit_is_told_there_is_no_free_slot() throws Exception {
        String user = TestDatabases.uniqueName();
        TargetSpec admin = TestDatabases.mariadb("test");
        try (Connection connection = TestDatabases.connect(admin)) {
            Jdbc.execute(connection, "CREATE USER '" + user + "'@'%' WITH MAX_USER_CONNECTIONS 1");
            Jdbc.execute(connection, "CREATE USER '" + user + "'@'localhost' WITH MAX_USER_CONNECTIONS 1");
        }
        try {
            TargetSpec limited = new TargetSpec(admin.url(), user, null, null, null);
            try (Connection held = TargetSession.connectToServerOnly(limited)) {
                assertRefused(limited, "max_user_connections");
            }
        } finally {
            try (Connection connection = TestDatabases.connect(admin)) {
                Jdbc.execute(connection, "DROP USER IF EXISTS '" + user + "'@'%'");
                Jdbc.execute(connection, "DROP USER IF EXISTS '" + user + "'@'localhost'");
            }
        }
    }

    private static void assertRefused(TargetSpec limited, String said) {
        assertThatThrownBy(() -> TargetSession.connectToServerOnly(limited).close()).isInstanceOfSatisfying(FlotillaException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED))
                .hasMessageContaining(said)
                .hasMessageContainingAll("the server has no free connection slots", "Lower --concurrency/--per-server",
                        "raise max_connections")
                .hasMessageNotContaining("Check that the server is running");
    }
}
