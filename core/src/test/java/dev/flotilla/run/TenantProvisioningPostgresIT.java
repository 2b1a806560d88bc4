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
