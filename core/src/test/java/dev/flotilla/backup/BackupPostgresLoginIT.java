package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * psql, which a PostgreSQL restore feeds the backup to, logs in as the tenant's own role: when it cannot (a password or
 * connection limit other than JDBC's), the restore, whose drop and load run in psql's one transaction, changes nothing.
 */
class BackupPostgresLoginIT extends BackupLoginSetup {
    private final String role = TestDatabases.uniqueName();

    BackupPostgresLoginIT() {
        super(TestDatabases.postgres(TestDatabases.uniqueName()));
    }

    @AfterEach
    void tearDown() throws SQLException {
        TestDatabases.drop(admin);
        try (Connection connection = TestDatabases.connect(admin)) {
            Jdbc.execute(connection, "DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void a_restore_whose_psql_cannot_log_in_drops_nothing_and_says_so() throws Exception {
        BackupRecord backup = backups.take(TenantId.of("acme"), admin, "d1").orElseThrow();
        sql("INSERT INTO notes (id, body) VALUES (3, 'after the backup')");
        // Flotilla's own session is the one connection this role may have: psql is refused, JDBC is not.
        sql("CREATE ROLE " + role + " LOGIN PASSWORD 'limited-Secret-5' CONNECTION LIMIT 1",
                "GRANT ALL ON SCHEMA " + admin.schema() + " TO " + role,
                "GRANT ALL ON ALL TABLES IN SCHEMA " + admin.schema() + " TO " + role);
        TargetSpec limited = new TargetSpec(admin.url(), role, Secret.of("limited-Secret-5"), admin.schema(), null);

        assertThatThrownBy(() -> backups.restore(backup, limited)).isInstanceOfSatisfying(FlotillaException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RESTORE_FAILED))
                .hasMessageContainingAll("Restoring " + limited.displayName(), "too many connections for role",
                        "psql could not log in", "nothing was dropped", "is as it was", "restore again")
                .hasMessageNotContaining("limited-Secret-5");

        assertThat(query("SELECT string_agg(body, ', ' ORDER BY id) FROM notes")).as("the tenant's rows, untouched")
                .isEqualTo("keep me, me too, after the backup");
    }

    @Test
    void a_restore_of_a_target_that_cannot_be_reached_changes_nothing_and_says_so() throws Exception {
        BackupRecord backup = backups.take(TenantId.of("acme"), admin, "d1").orElseThrow();
        sql("INSERT INTO notes (id, body) VALUES (3, 'after the backup')");
        TargetSpec unreachable = new TargetSpec("jdbc:postgresql://127.0.0.1:1/test?connectTimeout=5", "postgres",
                Secret.of("unused-Secret-6"), admin.schema(), null);

        assertThatThrownBy(() -> backups.restore(backup, unreachable)).isInstanceOf(FlotillaException.class)
                .hasMessageContaining("127.0.0.1:1").hasMessageNotContaining("unused-Secret-6");

        assertThat(query("SELECT COUNT(*) FROM notes")).as("the tenant's rows, untouched").isEqualTo("3");
    }
}
