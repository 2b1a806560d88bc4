package dev.flotilla.run;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * What the target-runner contracts share: the target (each database's {@code *IT}, through {@link TargetRunnerContract},
 * supplies it), its migrations folder, and the helpers that run Flotilla on it and read what it holds.
 */
interface TargetRunnerFixture {
    Path EXAMPLES = Path.of("..", "examples", "tenant_migrations").toAbsolutePath().normalize();
    String CREATE_A = "CREATE TABLE alpha (id INT PRIMARY KEY, name VARCHAR(50));\n";
    String CREATE_B = "CREATE TABLE beta (id INT PRIMARY KEY, alpha_id INT);\nCREATE INDEX idx_beta_alpha ON beta (alpha_id);\n";

    TargetSpec target();

    MigrationFolder files();

    /** Makes {@code folder} the target's migrations, in place of {@link #files()}. */
    void useMigrations(MigrationFolder folder);

    /** Whether the dialect runs DDL inside a transaction (a failed migration leaves nothing behind). */
    boolean transactionalDdl();

    default TargetOptions options() {
        return TargetOptions.of(target(), files().path());
    }

    default Flotilla flotilla() {
        return Flotilla.load(options());
    }

    default List<String> tables() throws SQLException {
        try (TargetSession session = TargetSession.open(target(), false)) {
            return session.userTables().stream().map(String::toLowerCase).toList();
        }
    }

    default List<AppliedMigration> history() throws SQLException {
        try (TargetSession session = TargetSession.open(target(), false)) {
            return session.history().read();
        }
    }

    default List<String> views() throws SQLException {
        return TestDatabases.snapshot(target()).views().stream().map(v -> v.name().toLowerCase()).toList();
    }
}
