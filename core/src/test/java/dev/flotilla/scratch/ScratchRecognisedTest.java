package dev.flotilla.scratch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scratch is recognised by this process's record of the scratches it made, not by its name's prefix: a user's own
 * database named like one is the user's (its backfill's progress shown as any target's, never hidden as Flotilla's work).
 */
class ScratchRecognisedTest {
    @TempDir
    Path folder;

    @Test
    void a_users_database_named_with_the_scratch_prefix_is_not_a_scratch() throws Exception {
        String users = "flotilla_dry_archive_" + TestDatabases.uniqueName();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:" + users, "sa", "")) {
            assertThat(Scratch.isScratch(connection)).isFalse();
        }
    }

    @Test
    void a_database_named_as_flotilla_names_scratches_that_this_process_did_not_make_is_not_a_scratch() throws Exception {
        String copied = ScratchNames.named(1, "0a1b2c3d", Instant.now());
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:" + copied, "sa", "")) {
            assertThat(Scratch.isScratch(connection)).isFalse();
        }
    }

    @Test
    void a_scratch_target_this_process_made_is_one_in_h2_and_in_a_temporary_sqlite_file() throws Exception {
        TargetSpec h2 = new TargetSpec("jdbc:h2:mem:" + TestDatabases.uniqueName() + ";DB_CLOSE_DELAY=-1", "sa", null, null, null);
        TargetSpec sqlite = new TargetSpec("jdbc:sqlite:" + folder.resolve("t.db"), null, null, null, null);
        for (TargetSpec target : new TargetSpec[] {h2, sqlite}) {
            try (ScratchTarget scratch = ScratchTarget.beside(target, null);
                 TargetSession session = TargetSession.open(scratch.spec(), true)) {
                assertThat(Scratch.isScratch(session.connection())).as(scratch.spec().url()).isTrue();
            }
        }
    }
}
