package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.BackupStore.BackupRecord;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * psql, which a PostgreSQL restore feeds the backup to, logs in as the tenant's own role: when it cannot (a password or
 * connection limit other than JDBC's), the restore, whose drop and load run in psql's one transaction, changes nothing.
 */
class BackupPostgresLoginIT {
    @TempDir
    Path temp;
    private final TargetSpec admin = TestDatabases.postgres(TestDatabases.uniqueName());
    private final String role = TestDatabases.uniqueName();
    private ControlPlane plane;
    private Backups backups;

    @BeforeEach
    void setUp() {
        plane = ControlPlane.open("jdbc:h2:mem:cp_" + TestDatabases.uniqueName() + ";DB_CLOSE_DELAY=-1", "sa", null);
        backups = new Backups(plane, temp.resolve("backups"));
        MigrationFolder files = new MigrationFolder(temp.resolve("migrations"));
        files.write("V1__notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(100) NOT NULL);\n"
                + "INSERT INTO notes (id, body) VALUES (1, 'keep me');\nINSERT INTO notes (id, body) VALUES (2, 'me too');\n");
        assertThat(Flotilla.load(TargetOptions.of(admin, files.path())).migrate().ok()).isTrue();
    }

    @AfterEach
    void tearDown() throws SQLException {
        plane.close();
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

    private void sql(String... statements) throws SQLException {
        try (TargetSession session = TargetSession.open(admin, false)) {
            for (String statement : statements) {
                Jdbc.execute(session.connection(), statement);
            }
        }
    }

    private String query(String sql) throws SQLException {
        try (TargetSession session = TargetSession.open(admin, false)) {
            return Jdbc.queryString(session.connection(), sql);
        }
    }
}
