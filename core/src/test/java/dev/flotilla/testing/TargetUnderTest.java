package dev.flotilla.testing;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.target.TargetSpec;
import java.nio.file.Path;

/**
 * A target a test runs Flotilla on, with the folder of its migrations: what the fixtures of the contracts over one
 * target (run, dry run, verify, tenant-column adoption) read. {@link TargetFixture} makes one for each test.
 */
public interface TargetUnderTest {
    TargetSpec target();

    MigrationFolder files();

    /** Makes {@code folder} the target's migrations, in place of {@link #files()}. */
    void useMigrations(MigrationFolder folder);

    /** A folder of the test's own, deleted after it. */
    Path temp();

    default TargetOptions options() {
        return TargetOptions.of(target(), files().path());
    }

    default Flotilla flotilla() {
        return Flotilla.load(options());
    }
}
