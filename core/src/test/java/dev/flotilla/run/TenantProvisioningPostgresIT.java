package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.run.TenantProvisioning.Mode;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Provisioning PostgreSQL schemas; the copy keeps a sequence, a function and its trigger (pg_dump), and gives up after
 * the lock timeout on a reference whose table another session holds.
 */
class TenantProvisioningPostgresIT extends TenantProvisioningContract {
    /**
     * The holder's transaction is ended by the server once idle this long: a copy that waits without bound then gets the
     * table, goes ahead, and the test fails instead of hanging.
     */
    private static final String HOLDER_IDLE = "10s";
    private Connection holder;

    @AfterEach
    void release() throws SQLException {
        if (holder != null) {
            holder.close();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_baseline_from_a_reference_whose_table_another_session_holds_gives_up_after_the_lock_timeout_and_keeps_nothing()
            throws Exception {
        TenantTarget reference = fleet.target("t000");
        holder = TestDatabases.connect(reference.target());
        Jdbc.execute(holder, "SET idle_in_transaction_session_timeout = '" + HOLDER_IDLE + "'");
        holder.setAutoCommit(false);
        Jdbc.execute(holder, "LOCK TABLE \"" + reference.target().schema() + "\".companies IN ACCESS EXCLUSIVE MODE");
        TenantProvisioning provisioning = new TenantProvisioning(fleet.plane, fleet.tenancy,
                fleet.template().withLockTimeout(Duration.ofSeconds(1)), fleet.loaded(), "test");

        assertThatThrownBy(() -> provisioning.create(request("copy", Mode.BASELINE, "t000")))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                .hasMessageContainingAll("Provisioning copy failed, and nothing was kept", reference.target().displayName()
                        + " waited more than 1 s (the lock timeout)", "another session holds companies (process ",
                        "deploy.lockTimeout");

        assertThat(exists(target("copy"))).isFalse();
        assertThat(fleet.plane.tenants().find(TenantId.of("copy"))).isEmpty();
    }
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void a_baseline_from_a_scratch_run_whose_table_another_session_holds_gives_up_after_the_lock_timeout() throws Exception {
        String held = "held_" + prefix;
        files.write("V3__held.sql", "CREATE TABLE " + held + " (id INT);\n").write("V4__pause.sql", "SELECT pg_sleep(3);\n");
        holder = TestDatabases.connect(fleet.target("t000").target());
        Jdbc.execute(holder, "SET idle_in_transaction_session_timeout = '" + HOLDER_IDLE + "'");
        holder.setAutoCommit(false);
        TenantProvisioning provisioning = new TenantProvisioning(fleet.plane, fleet.tenancy,
                fleet.template().withLockTimeout(Duration.ofSeconds(1)), fleet.loaded(), "test");
        CompletableFuture<TenantProvisioning.Result> provisioned = CompletableFuture.supplyAsync(
                () -> provisioning.create(request("fast", Mode.BASELINE, null)));

        // The scratch run's table, once V3 has committed it and while V4 pauses: held before its structure is read.
        String scratch = awaitSchemaHolding(held);
        Jdbc.execute(holder, "LOCK TABLE \"" + scratch + "\"." + held + " IN ACCESS EXCLUSIVE MODE");

        assertThatThrownBy(provisioned::join).cause().isInstanceOfSatisfying(FlotillaException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT))
                .hasMessageContainingAll("Provisioning fast failed, and nothing was kept", "Copying the structure of",
                        "waited more than 1 s (the lock timeout)", "another session holds " + held + " (process ",
                        "deploy.lockTimeout");
        assertThat(exists(target("fast"))).isFalse();
    }

    /** The scratch schema (flotilla_dry_...) that holds {@code table}, once it is there. */
    private String awaitSchemaHolding(String table) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Connection look = TestDatabases.connect(TestDatabases.postgres(null))) {
            while (true) {
                String schema = Jdbc.queryString(look, "SELECT schemaname FROM pg_tables WHERE tablename = ?"
                        + " AND schemaname LIKE 'flotilla\\_dry\\_%'", table);
                if (schema != null) {
                    return schema;
                }
                assertThat(System.nanoTime()).as("a scratch schema holds " + table).isLessThan(deadline);
                Thread.onSpinWait();
            }
        }
    }

    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.POSTGRES_URL, null, prefix + "_{tenant}",
                TestDatabases.POSTGRES_USER, null, null);
    }

    @Override
    String dialectMigration() {
        return """
                CREATE TABLE counters (id serial PRIMARY KEY, n int NOT NULL DEFAULT 0, touched timestamptz);
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.touched := now(); RETURN NEW; END $$;
                CREATE TRIGGER counters_touch BEFORE UPDATE ON counters FOR EACH ROW EXECUTE FUNCTION touch();
                """;
    }

    @Override
    boolean exists(TenantTarget target) throws SQLException {
        try (Connection c = TestDatabases.connect(TestDatabases.postgres(null))) {
            return Jdbc.queryString(c, "SELECT 1 FROM pg_namespace WHERE nspname = ?", target.target().schema()) != null;
        }
    }

    @Override
    void dropTarget(TenantTarget target) {
        TestDatabases.drop(target.target());
    }
}
