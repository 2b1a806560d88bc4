package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.run.TenantDrift.Status;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Drift over 200 PostgreSQL schemas, read together in one database's catalog queries. */
class FleetDriftPostgresIT extends FleetDriftContract {
    @Override
    Tenancy tenancy(String prefix) {
        return new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.POSTGRES_URL, null, prefix + "_{tenant}",
                TestDatabases.POSTGRES_USER, null, null);
    }

    @Override
    int fleetSize() {
        return 200;
    }

    @Override
    String functionTriggerAndSequence() {
        return """
                CREATE SEQUENCE serial_numbers START 1000;
                CREATE FUNCTION normalize_serial() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.serial_no := upper(NEW.serial_no); RETURN NEW; END $$;
                CREATE TRIGGER trg_serials_normalize BEFORE INSERT ON serials FOR EACH ROW EXECUTE FUNCTION normalize_serial();
                """;
    }

    @Override
    List<String> editFunctionByHand() {
        return List.of("CREATE OR REPLACE FUNCTION normalize_serial() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN NEW.serial_no := lower(NEW.serial_no); RETURN NEW; END $$");
    }

    @Override
    String function() {
        return "normalize_serial()";
    }

    @Test
    void a_tenant_whose_history_table_another_session_holds_fails_in_time_alone_and_the_others_are_checked() throws Exception {
        TenantTarget held = fleet.targets().get(5);
        FleetDrift drift = new FleetDrift(fleet.template().withLockTimeout(Duration.ofSeconds(1)), fleet.loaded(), 4, 4,
                ReferenceCache.inMemory());

        DriftReport report;
        try (Connection holder = TestDatabases.connect(held.target())) {
            // Ended by the server once idle this long: a read waiting without bound then fails the test, not hangs.
            Jdbc.execute(holder, "SET idle_in_transaction_session_timeout = '10s'");
            holder.setAutoCommit(false);
            Jdbc.execute(holder, "LOCK TABLE \"" + held.target().schema() + "\".tenant_migrations IN ACCESS EXCLUSIVE MODE");
            report = drift.check(fleet.targets());
        }

        TenantDrift locked = report.tenants().stream().filter(t -> t.tenant().equals(held.tenant().id())).findFirst().orElseThrow();
        assertThat(locked.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
        assertThat(locked.reason()).contains("it is locked");
        assertThat(report.count(Status.CLEAN)).as("the rest of the database, not made unreachable with it").isEqualTo(fleetSize() - 1);
    }

    @Test
    void a_repeatable_the_rollback_dropped_by_cascade_is_expected_gone_and_put_back_by_hand_is_drift() throws Exception {
        migrations().write("U2__serials.sql", "DROP TABLE serials CASCADE;\n")
                .write("R__serial_codes.sql", "CREATE OR REPLACE VIEW serial_codes AS SELECT id, serial_no FROM serials;\n");
        List<TenantTarget> targets = fleet.targets(0, 2);
        assertThat(fleet.runner(Fleet.options(4, false)).deploy(targets).count(TaskStatus.SUCCEEDED)).isEqualTo(2);
        for (TenantTarget target : targets) {
            RunReport rollback = new TargetRunner(fleet.template().forTarget(target.target(), target.tenant().id().value()),
                    fleet.loaded()).rollback(RollbackRequest.steps(1));
            assertThat(rollback.ok()).as(rollback.problems().toString()).isTrue();
        }
        sql(targets.get(1), "CREATE VIEW serial_codes AS SELECT id, code AS serial_no FROM companies");

        DriftReport report = drift(ReferenceCache.inMemory()).check(targets);

        TenantDrift gone = report.tenants().get(0);
        assertThat(gone.status()).as(gone.reason() + " " + gone.diff()).isEqualTo(Status.CLEAN);
        TenantDrift back = report.tenants().get(1);
        assertThat(back.status()).as(back.reason()).isEqualTo(Status.DRIFTED);
        assertThat(back.diff().changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(SchemaDiff.Kind.VIEW);
            assertThat(change.action()).isEqualTo(SchemaDiff.Action.ADDED);
        });
    }
}
