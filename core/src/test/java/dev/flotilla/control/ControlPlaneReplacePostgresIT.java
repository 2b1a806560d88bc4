package dev.flotilla.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.run.DriftAcceptance;
import dev.flotilla.run.HistoryPosition;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.PostgresPlaneDatabase;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rows a PostgreSQL control plane keeps one per key (a tenant's acceptance, a remembered expected schema, a baseline
 * script), written by two processes at once: the console's and a CLI's accept of one shared schema, two drift checks
 * of one history. The later write replaces the other's; neither fails.
 */
class ControlPlaneReplacePostgresIT {
    @RegisterExtension
    final PostgresPlaneDatabase database = new PostgresPlaneDatabase();
    private final String url = database.url();

    @Test
    void an_acceptance_recorded_while_another_process_records_the_same_tenants_replaces_it() throws Exception {
        try (ControlPlane plane = ControlPlane.open(url, TestDatabases.POSTGRES_USER, null)) {
            whileAnotherProcessInserts("INSERT INTO drift_acceptances (tenant_id, dialect, last_rank, position, history_digest,"
                    + " fingerprint, fingerprint_format, accepted_by, accepted_at) VALUES ('acme', 'postgresql', 1,"
                    + " 'version 1, rank 1', 'digest', 'theirs', 6, 'alice', CURRENT_TIMESTAMP)",
                    () -> plane.acceptances().record(new DriftAcceptance(TenantId.of("acme"), "postgresql",
                            new HistoryPosition(1, "digest", "version 1, rank 1"), "ours", 6, List.of("CREATE TABLE t (id int)"),
                            null, "bob", Instant.now())));

            assertThat(plane.acceptances().find(TenantId.of("acme"))).hasValueSatisfying(a -> {
                assertThat(a.acceptedBy()).isEqualTo("bob");
                assertThat(a.fingerprint()).isEqualTo("ours");
            });
        }
    }

    @Test
    void an_expected_schema_remembered_while_another_check_remembers_the_same_history_replaces_it() throws Exception {
        try (ControlPlane plane = ControlPlane.open(url, TestDatabases.POSTGRES_USER, null)) {
            whileAnotherProcessInserts("INSERT INTO drift_references (history_key, dialect, fingerprint, fingerprint_format,"
                    + " built_at) VALUES ('key', 'postgresql', 'theirs', 6, CURRENT_TIMESTAMP)",
                    () -> plane.drift().remember("key", "postgresql", "ours"));

            assertThat(plane.drift().fingerprint("key")).hasValue("ours");
        }
    }

    @Test
    void a_baseline_remembered_while_another_process_remembers_the_same_history_replaces_it() throws Exception {
        try (ControlPlane plane = ControlPlane.open(url, TestDatabases.POSTGRES_USER, null)) {
            whileAnotherProcessInserts("INSERT INTO baseline_scripts (history_key, dialect, version, fingerprint, statements,"
                    + " built_at) VALUES ('key', 'postgresql', '1', 'theirs', 'CREATE TABLE t (id int)', CURRENT_TIMESTAMP)",
                    () -> plane.baselines().remember("key", new BaselineStore.Baseline("postgresql", "1", "ours",
                            List.of("CREATE TABLE t (id int)"))));

            assertThat(plane.baselines().find("key")).hasValueSatisfying(b -> assertThat(b.fingerprint()).isEqualTo("ours"));
        }
    }

    /**
     * Runs {@code write} while another session has inserted the same key, uncommitted: the write waits for it (its insert
     * on the key's index), and the other session commits. Fails with what the write raised.
     */
    private void whileAnotherProcessInserts(String insert, Runnable write) throws Exception {
        try (Connection other = TestDatabases.connect(database.spec())) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute(insert);
            }
            CompletableFuture<Void> ours = CompletableFuture.runAsync(write);
            awaitWaitingForALock();
            other.commit();
            ours.get(30, TimeUnit.SECONDS);
        }
    }

    /** Waits until a session of the database waits for a lock: the write, held by the other session's insert. */
    private void awaitWaitingForALock() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection watching = TestDatabases.connect(TestDatabases.postgres(null)); Statement s = watching.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database.name()
                        + "' AND wait_event_type = 'Lock'")) {
                    if (r.next() && r.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("the write never waited for the other session's insert");
    }
}
