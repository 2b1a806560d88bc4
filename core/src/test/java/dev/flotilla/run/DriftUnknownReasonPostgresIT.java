package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.run.TenantDrift.Status;
import dev.flotilla.target.Secret;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant whose drift cannot be told for a reason no check foresees (its history's migrations fail when replayed on the
 * scratch schema the expected schema is built in): the reason, the database's words, has the tenant's password masked.
 */
class DriftUnknownReasonPostgresIT {
    private static final String SECRET = "DriftS3cret-" + UUID.randomUUID();

    @TempDir
    Path temp;
    final String schema = TestDatabases.uniqueName();
    // PostgreSQL here trusts 127.0.0.1: the password is sent and not checked, as a real one would be.
    final TargetSpec target = new TargetSpec(TestDatabases.POSTGRES_URL, TestDatabases.POSTGRES_USER, Secret.of(SECRET), schema,
            null);

    @AfterEach
    void dropTenant() {
        TestDatabases.drop(target);
    }

    @Test
    void a_replay_failing_on_a_statement_that_quotes_the_password_gives_an_unknown_drift_with_it_masked() throws Exception {
        // Recorded as applied with baseline, never run: PostgreSQL quotes the value it could not read when replayed.
        MigrationFolder files = new MigrationFolder(temp.resolve("migrations"))
                .write("V1__notes.sql", "CREATE TABLE notes (id INT);\nSELECT 'dsn " + SECRET + "'::int;\n");
        TestDatabases.execute(TestDatabases.postgres(null), "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".notes (id INT)");
        TargetOptions options = TargetOptions.of(target, files.path());
        Flotilla.load(options).baseline(MigrationVersion.parse("1"));
        Tenant tenant = new Tenant(TenantId.of("acme"), null, null, schema, List.of());

        DriftReport report = new FleetDrift(options, Flotilla.load(options).migrations(), 1, 1, ReferenceCache.inMemory())
                .check(List.of(new TenantTarget(tenant, target)));

        TenantDrift drift = report.tenants().get(0);
        assertThat(drift.status()).as(drift.toString()).isEqualTo(Status.UNKNOWN);
        assertThat(drift.reason()).contains("invalid input syntax for type integer", "dsn ****").doesNotContain(SECRET);
    }
}
