package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.control.TaskStatus;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.VerifyOptions;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tenant the control plane knows at a version whose target no longer holds its history: the history table dropped,
 * or the configuration changed so that the tenant's URL or {@code historyTable} names another place than the one it
 * was deployed to. A deploy refuses it (TARGET_MISSING) instead of taking it for a new tenant and running every
 * migration from the first there.
 */
class FleetMovedTargetPostgresIT extends PostgresFleetFixture {
    @Test
    void a_tenant_deployed_before_whose_history_table_is_gone_is_refused_not_migrated_again_from_the_first() throws Exception {
        TenantTarget tenant = fleet.target("t000");
        assertThat(fleet.runner(Fleet.options(1, false)).deploy(List.of(tenant)).ok()).isTrue();
        try (Connection c = TestDatabases.connect(tenant.target())) {
            Jdbc.execute(c, "DROP TABLE \"" + tenant.target().schema() + "\"." + tenant.target().historyTable());
        }
        Files.writeString(fleet.migrations.resolve("V3__more.sql"), "ALTER TABLE notes ADD COLUMN more INT;\n");

        DeployResult again = fleet.runner(Fleet.options(1, false)).deploy(List.of(tenant));

        assertThat(again.tasks()).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(t.code()).as(t.error()).isEqualTo(ErrorCode.TARGET_MISSING);
            assertThat(t.error()).contains("deployed to before", "history table " + tenant.target().historyTable(),
                    "historyTable", "Nothing was run", "flotilla restore --deployment <id> --tenants t000 --yes`");
        });
        try (TargetSession session = TargetSession.open(tenant.target(), false)) {
            assertThat(session.history().exists()).as("no history table created again").isFalse();
        }
    }

    @Test
    void a_tenant_whose_database_is_gone_is_missing_at_once_when_its_rows_are_counted_first() throws Exception {
        String database = prefix + "_t900";
        TestDatabases.execute(TestDatabases.postgres(null), "CREATE DATABASE " + database);
        try {
            Tenancy ownDatabases = new Tenancy(TenancyModel.DATABASE_PER_TENANT, null, TestDatabases.postgresIn(prefix
                    + "_{tenant}", null).url(), null, TestDatabases.POSTGRES_USER, null, null);
            TenantTarget tenant = TenantTarget.of(fleet.add("t900"), ownDatabases);
            FleetOptions counting = new FleetOptions(1, 1, List.of(), 0, false, 2, Duration.ofMillis(10), Hooks.NONE, "test")
                    .withVerify(VerifyOptions.DEFAULTS);
            assertThat(fleet.runner(counting).deploy(List.of(tenant)).ok()).isTrue();
            TestDatabases.execute(TestDatabases.postgres(null), "DROP DATABASE " + database + " WITH (FORCE)");

            DeployResult again = fleet.runner(counting).deploy(List.of(tenant));

            assertThat(again.tasks()).singleElement().satisfies(t -> {
                assertThat(t.code()).as(t.error()).isEqualTo(ErrorCode.TARGET_MISSING);
                assertThat(t.error()).contains("its database does not exist now", "Nothing was created",
                        "create it empty first (`CREATE DATABASE " + database + "`", "then restore").doesNotContain("Create it");
                assertThat(t.attempts()).as("a database that is gone is not tried again").isEqualTo(1);
            });
        } finally {
            TestDatabases.execute(TestDatabases.postgres(null), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            fleet.tenants.removeIf(t -> t.id().value().equals("t900"));
        }
    }
}
