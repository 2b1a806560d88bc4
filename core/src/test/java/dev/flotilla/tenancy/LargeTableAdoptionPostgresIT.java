package dev.flotilla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.NewMigrationFiles;
import dev.flotilla.plan.MigrationState;
import dev.flotilla.run.MigrationRun;
import dev.flotilla.run.RepairRequest;
import dev.flotilla.run.RunReport;
import dev.flotilla.run.StatementRun;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.OwnPostgresDatabase;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill on big PostgreSQL tables: it commits batch after batch (another session sees the column fill
 * up while the migration runs), the application's inserts go on succeeding throughout, and a backfill killed
 * half-way resumes where the NULLs begin. In a database of its own: the adoption builds its index CONCURRENTLY,
 * which waits for every older transaction of its database, other tests' too.
 */
class LargeTableAdoptionPostgresIT {
    /** What the backfill's queries have and the test's own lack: the table's name quoted. */
    private static final String BACKFILL_QUERY = "%\"events\"%";
    /**
     * How often the observer counts the filled rows of the five million: each count reads the whole table, so counting
     * without pause would take a core from the backfill it watches. The backfill's 500 batches last far longer.
     */
    private static final long OBSERVE_EVERY_MILLIS = 2_000;

    @RegisterExtension
    static final OwnPostgresDatabase DATABASE = new OwnPostgresDatabase();

    @TempDir
    Path temp;
    final TargetSpec target = DATABASE.schema(TestDatabases.uniqueName());

    final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void tearDown() {
        threads.shutdownNow();
        TestDatabases.drop(target);
    }

    /** A connection of the test's own, in the target's schema. */
    private Connection connect() throws SQLException {
        Connection connection = TestDatabases.connect(target);
        Jdbc.execute(connection, "SET search_path = \"" + target.schema() + "\"");
        return connection;
    }

    @Test
    void five_million_rows_are_backfilled_in_committed_batches_while_the_application_keeps_inserting() throws Exception {
        long rows = 5_000_000;
        Flotilla flotilla = adoptionOfEvents(rows, 10_000);
        Inserts inserts = new Inserts();
        ConcurrentLinkedQueue<Long> observed = new ConcurrentLinkedQueue<>();
        CompletableFuture<RunReport> migration = CompletableFuture.supplyAsync(flotilla::migrate, threads);
        CompletableFuture<Void> application = CompletableFuture.runAsync(() -> inserts.runUntil(migration), threads);
        try (Connection observer = connect()) {
            do {
                observed.add(filled(observer));
            } while (!finishesWithin(migration, OBSERVE_EVERY_MILLIS));
        }
        RunReport report = migration.get();
        application.get();

        assertThat(report.ok()).as(report.problems().toString()).isTrue();
        // Rows inserted between ADD COLUMN and SET DEFAULT are NULL too: the backfill sets them as well.
        assertThat(backfill(report).rowsAffected()).isBetween(rows, rows + inserts.succeeded.get());
        assertThat(observed).as("another session saw the column fill up batch by batch")
                .anyMatch(filled -> filled > 0 && filled < rows);
        assertThat(inserts.failures).as("the application's inserts failed").isEmpty();
        assertThat(inserts.succeeded.get()).as("inserts during the migration").isGreaterThan(20);
        try (Connection connection = connect()) {
            assertThat(count(connection, "SELECT count(*) FROM events WHERE tenant_id IS NULL")).isZero();
            assertThat(count(connection, "SELECT count(*) FROM events")).isEqualTo(rows + inserts.succeeded.get());
            assertThat(count(connection, "SELECT count(*) FROM events WHERE tenant_id = 'caps-automotive'"))
                    .isEqualTo(rows + inserts.succeeded.get());
        }
    }

    @Test
    void a_backfill_killed_half_way_resumes_where_the_nulls_begin_after_repair() throws Exception {
        long rows = 600_000;
        Flotilla flotilla = adoptionOfEvents(rows, 5_000);
        CompletableFuture<RunReport> migration = CompletableFuture.supplyAsync(flotilla::migrate, threads);
        try (Connection observer = connect()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (filled(observer) < rows / 4 && System.nanoTime() < deadline && !finishesWithin(migration, 50)) {
                // The backfill goes on; its committed batches show in the count.
            }
            assertThat(migration.isDone()).as("the backfill ended before it could be interrupted").isFalse();
            Jdbc.queryStrings(observer, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE ?"
                    + " AND pid <> pg_backend_pid() AND datname = current_database()", BACKFILL_QUERY);
        }
        try {
            migration.join();
        } catch (RuntimeException interrupted) {
            // The connection died under the migration: what matters is what the target recorded.
        }
        assertThat(flotilla.status().statuses()).anyMatch(s -> s.state() == MigrationState.FAILED);
        long filledBefore;
        try (Connection connection = connect()) {
            filledBefore = count(connection, "SELECT count(*) FROM events WHERE tenant_id IS NOT NULL");
        }

        flotilla.repair(RepairRequest.REMOVE_FAILED_TO_RERUN); // every statement of it can run again
        RunReport resumed = flotilla.migrate();

        assertThat(resumed.ok()).as(resumed.problems().toString()).isTrue();
        assertThat(filledBefore).isBetween(rows / 4, rows - 1);
        assertThat(backfill(resumed).rowsAffected()).isEqualTo(rows - filledBefore);
        try (Connection connection = connect()) {
            assertThat(count(connection, "SELECT count(*) FROM events WHERE tenant_id IS NULL")).isZero();
            assertThat(Jdbc.queryString(connection, "SELECT is_nullable FROM information_schema.columns WHERE table_schema = ?"
                    + " AND table_name = 'events' AND column_name = 'tenant_id'", target.schema())).isEqualTo("NO");
        }
    }

    /** A schema with an {@code events} table of {@code rows} rows, and its adoption written as V1. */
    private Flotilla adoptionOfEvents(long rows, int batch) throws SQLException {
        try (TargetSession session = TargetSession.open(target, true)) {
            Jdbc.execute(session.connection(), "CREATE TABLE events (id bigserial PRIMARY KEY, payload text NOT NULL)");
            Jdbc.execute(session.connection(), "INSERT INTO events (payload) SELECT md5(g::text) FROM generate_series(1, "
                    + rows + ") g");
            Jdbc.execute(session.connection(), "ANALYZE events");
            GeneratedMigration migration = TenantColumnAdoption.generate(session,
                    AdoptionRequest.of("tenant_id", "caps-automotive").withBatchSize(batch));
            NewMigrationFiles.write(temp, migration.description(), migration.up(), migration.down(), null);
        }
        return Flotilla.load(TargetOptions.of(target, temp));
    }

    /** Waits at most {@code millis} for the work to end; true once it has. */
    private static boolean finishesWithin(CompletableFuture<?> work, long millis) {
        try {
            work.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException failed) {
            return true;
        }
    }

    private static StatementRun backfill(RunReport report) {
        MigrationRun run = report.migrations().get(report.migrations().size() - 1);
        return run.statements().stream().filter(s -> s.sql().startsWith("-- flotilla:backfill")).findFirst().orElseThrow();
    }

    private long filled(Connection connection) throws SQLException {
        try {
            return count(connection, "SELECT count(tenant_id) FROM events");
        } catch (SQLException noColumnYet) {
            return 0;
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        return Long.parseLong(Jdbc.queryString(connection, sql));
    }

    /** Today's application: inserts rows without a tenant, one short transaction each. */
    private final class Inserts {
        final AtomicLong succeeded = new AtomicLong();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

        void runUntil(CompletableFuture<?> migration) {
            try (Connection connection = connect()) {
                Jdbc.execute(connection, "SET search_path = \"" + target.schema() + "\"");
                do {
                    try {
                        Jdbc.execute(connection, "INSERT INTO events (payload) VALUES ('from the application')");
                        succeeded.incrementAndGet();
                    } catch (SQLException e) {
                        failures.add(e.getMessage());
                    }
                } while (!finishesWithin(migration, 10));
            } catch (SQLException e) {
                failures.add(String.valueOf(e));
            }
        }
    }
}
