package dev.flotilla.run;

import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSession;
import dev.flotilla.testing.TargetUnderTest;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * What the target-runner contracts share: the target (each database's {@code *IT}, through {@link TargetRunnerContract},
 * supplies it) with its migrations folder, and the helpers that read what it holds.
 */
interface TargetRunnerFixture extends TargetUnderTest {
    Path EXAMPLES = Path.of("..", "examples", "tenant_migrations").toAbsolutePath().normalize();
    String CREATE_A = "CREATE TABLE alpha (id INT PRIMARY KEY, name VARCHAR(50));\n";
    String CREATE_B = "CREATE TABLE beta (id INT PRIMARY KEY, alpha_id INT);\nCREATE INDEX idx_beta_alpha ON beta (alpha_id);\n";

    /** Whether the dialect runs DDL inside a transaction (a failed migration leaves nothing behind). */
    boolean transactionalDdl();

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
