package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.TargetOptions;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What the dialects' stopped-statement tests share: a target of their own, its migrations, another session's id. */
abstract class StoppedStatementsContract {
    @TempDir
    Path temp;
    TargetSpec target;
    MigrationFolder files;

    /** A new, uniquely named target of the dialect. */
    abstract TargetSpec createTarget();

    @BeforeEach
    void setUp() {
        target = createTarget();
        files = new MigrationFolder(temp.resolve("migrations"));
    }

    @AfterEach
    void tearDown() {
        TestDatabases.drop(target);
    }

    TargetOptions options(Duration lockTimeout, Duration statementTimeout) {
        return new TargetOptions(target, files.path(), Map.of(), null, null, lockTimeout, statementTimeout, null, null);
    }

    /**
     * The id {@code lookup} (one parameter: a LIKE pattern) finds for the session running {@code statement}, waited
     * for up to 10 s.
     */
    static String awaitSession(Connection admin, String lookup, String statement) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            String id = Jdbc.queryString(admin, lookup, "%" + statement + "%");
            if (id != null) {
                return id;
            }
            assertThat(System.nanoTime()).as("a session runs " + statement).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
