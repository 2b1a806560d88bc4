package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the backup login tests share: a tenant migrated to two rows of {@code notes} on {@code admin}, backups taken into
 * the test's folder and recorded in a control plane in memory. Each test class drops the tenant and the logins it made.
 */
abstract class BackupLoginSetup {
    @TempDir
    Path temp;
    final TargetSpec admin;
    ControlPlane plane;
    Backups backups;

    BackupLoginSetup(TargetSpec admin) {
        this.admin = admin;
    }

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
    void closePlane() {
        plane.close();
    }

    void sql(String... statements) throws SQLException {
        try (TargetSession session = TargetSession.open(admin, false)) {
            for (String statement : statements) {
                Jdbc.execute(session.connection(), statement);
            }
        }
    }

    String query(String sql) throws SQLException {
        try (TargetSession session = TargetSession.open(admin, false)) {
            return Jdbc.queryString(session.connection(), sql);
        }
    }
}
