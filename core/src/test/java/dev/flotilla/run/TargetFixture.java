package dev.flotilla.run;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target for each test of a subclass, made by {@link #createTarget} and dropped after the test, with its migrations
 * folder: what {@link TargetRunnerFixture}'s helpers read and run.
 */
abstract class TargetFixture implements TargetRunnerFixture {
    @TempDir
    Path temp;
    TargetSpec target;
    MigrationFolder files;

    abstract TargetSpec createTarget(Path temp) throws SQLException;

    /** Drops what {@link #createTarget} made: the target's schema or database. */
    void dropTarget(TargetSpec target) throws SQLException {
        TestDatabases.drop(target);
    }

    @BeforeEach
    void setUp() throws SQLException {
        target = createTarget(temp);
        files = new MigrationFolder(temp.resolve("migrations"));
    }

    @AfterEach
    void tearDown() throws SQLException {
        dropTarget(target);
    }

    @Override
    public TargetSpec target() {
        return target;
    }

    @Override
    public MigrationFolder files() {
        return files;
    }

    @Override
    public void useMigrations(MigrationFolder folder) {
        files = folder;
    }
}
