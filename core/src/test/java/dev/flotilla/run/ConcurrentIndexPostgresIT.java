package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.OwnPostgresDatabase;
import dev.flotilla.testing.TargetFixture;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CREATE INDEX and REINDEX CONCURRENTLY on PostgreSQL: run outside a transaction, and the INVALID index a build that
 * timed out leaves is dropped (or named, when it cannot be). Each test's target is a schema of the class's own database:
 * a concurrent build waits for every older transaction of its database, so the transactions of tests running beside it
 * (on a loaded machine, longer than the lock timeout) made it time out where the test expected it to go through. The
 * class's tests run one after another and each ends the transactions it opens, so one waits for none of another's.
 */
class ConcurrentIndexPostgresIT extends TargetFixture implements TargetRunnerFixture {
    @RegisterExtension
    static final OwnPostgresDatabase DATABASE = new OwnPostgresDatabase();

    @Override
    protected TargetSpec createTarget(Path temp) {
        return DATABASE.schema(TestDatabases.uniqueName());
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Test
    void create_index_concurrently_runs_outside_a_transaction_with_a_notice() throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("V2__index.sql", "CREATE INDEX CONCURRENTLY idx_alpha_name ON alpha (name);\n");

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        assertThat(report.notices()).anySatisfy(n -> assertThat(n).contains("V2__index.sql", "outside a transaction"));
        assertThat(report.migrations().get(1).transactional()).isFalse();
        assertThat(history()).extracting(AppliedMigration::success).containsExactly(true, true);
    }

    @Test
    void an_index_build_that_timed_out_waiting_for_an_old_transaction_drops_its_invalid_index_so_the_retry_succeeds()
            throws Exception {
        files.write("V1__alpha.sql", CREATE_A);
        flotilla().migrate();
        files.write("V2__index.sql", "CREATE INDEX CONCURRENTLY idx_alpha_name ON alpha (name);\n");

        RunReport report = migrateBesideAnOldSnapshot();

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
            assertThat(p.message()).contains("left the INVALID index " + target.schema() + ".idx_alpha_name, which Flotilla"
                    + " dropped", "No statement of it ran and nothing was recorded: run it again");
        });
        assertThat(invalidIndexes()).isEmpty();
        RunReport retry = dev.flotilla.Flotilla.load(withLockTimeout()).migrate();
        assertThat(retry.ok()).as(retry.problems().toString()).isTrue();
        assertThat(history()).extracting(AppliedMigration::success).containsExactly(true, true);
    }

    @Test
    void a_reindex_that_timed_out_waiting_for_an_old_transaction_drops_the_new_copy_it_left_and_keeps_the_index()
            throws Exception {
        files.write("V1__alpha.sql", CREATE_A + "CREATE INDEX idx_alpha_name ON alpha (name);\n");
        flotilla().migrate();
        files.write("V2__reindex.sql", "REINDEX INDEX CONCURRENTLY idx_alpha_name;\n");

        RunReport report = migrateBesideAnOldSnapshot();

        assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("left the INVALID index " + target.schema() + ".idx_alpha_name_cc", "which Flotilla dropped"));
        assertThat(invalidIndexes()).isEmpty();
        RunReport retry = dev.flotilla.Flotilla.load(withLockTimeout()).migrate();
        assertThat(retry.ok()).as(retry.problems().toString()).isTrue();
    }

    @Test
    void an_invalid_index_that_cannot_be_dropped_either_is_named_with_the_command_and_the_target_recorded_as_failed()
            throws Exception {
        files.write("V1__alpha.sql", CREATE_A);
        flotilla().migrate();
        files.write("V2__index.sql", "CREATE INDEX CONCURRENTLY idx_alpha_name ON alpha (name);\n");

        // A write to the table still open: the build and the drop both wait for it.
        RunReport report = migrateBesideAnOpenTransaction(Connection.TRANSACTION_READ_COMMITTED,
                "INSERT INTO \"" + target.schema() + "\".alpha VALUES (9, 'x')");

        String index = target.schema() + ".idx_alpha_name";
        assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("left the INVALID index " + index, "DROP INDEX CONCURRENTLY " + index, "flotilla repair")
                .doesNotContain("No statement of it ran", "which Flotilla dropped"));
        assertThat(invalidIndexes()).containsExactly("idx_alpha_name");
        assertThat(history()).extracting(AppliedMigration::success).containsExactly(true, false);
    }

    /** Migrates beside an old transaction touching nothing of this tenant: an index build still waits for its snapshot. */
    private RunReport migrateBesideAnOldSnapshot() throws Exception {
        return migrateBesideAnOpenTransaction(Connection.TRANSACTION_REPEATABLE_READ, "SELECT 1");
    }

    /** Migrates with a short lock timeout while another session's transaction, begun with {@code statement}, is open. */
    private RunReport migrateBesideAnOpenTransaction(int isolation, String statement) throws Exception {
        try (Connection app = TestDatabases.connect(target)) {
            app.setAutoCommit(false);
            app.setTransactionIsolation(isolation);
            Jdbc.execute(app, statement);
            try {
                return dev.flotilla.Flotilla.load(withLockTimeout()).migrate();
            } finally {
                app.rollback();
            }
        }
    }

    private dev.flotilla.TargetOptions withLockTimeout() {
        return new dev.flotilla.TargetOptions(target, files.path(), java.util.Map.of(), null, null,
                java.time.Duration.ofMillis(300), null, null, null);
    }

    private java.util.List<String> invalidIndexes() throws Exception {
        try (Connection connection = TestDatabases.connect(target)) {
            return Jdbc.queryStrings(connection, "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                    + " WHERE NOT i.indisvalid AND c.relnamespace = to_regnamespace(?)", target.schema());
        }
    }
}
