package dev.flotilla.testing;

import dev.flotilla.target.TargetSpec;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target for each test of a subclass, made by {@link #createTarget} and dropped after the test, with its migrations
 * folder: the {@link TargetUnderTest} that the contracts over one target (run, dry run, verify, tenant-column adoption)
 * run Flotilla on. Each database's {@code *IT} says how to make its target.
 */
public abstract class TargetFixture implements TargetUnderTest {
    @TempDir
    protected Path temp;
    protected TargetSpec target;
    protected MigrationFolder files;

    protected abstract TargetSpec createTarget(Path temp) throws SQLException;

    /** Drops what {@link #createTarget} made: the target's schema or database. */
    protected void dropTarget(TargetSpec target) throws SQLException {
        TestDatabases.drop(target);
    }

    @BeforeEach
    void createTargetAndFolder() throws SQLException {
        target = createTarget(temp);
        files = new MigrationFolder(temp.resolve("migrations"));
    }

    @AfterEach
    void dropTargetAfterTest() throws SQLException {
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

    @Override
    public Path temp() {
        return temp;
    }
}
