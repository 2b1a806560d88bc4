package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.TargetOptions;
import dev.flotilla.control.ControlPlane;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.run.TenantProvisioning.Mode;
import dev.flotilla.run.TenantProvisioning.Request;
import dev.flotilla.target.Secret;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.tenant.Tenant;
import dev.flotilla.tenant.TenantId;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a provisioning that fails says quotes the scripts after their placeholders were replaced (a backfill line Flotilla
 * cannot read, quoted whole) and the database's words (a statement failing on a value): the tenancy's password there,
 * bare or written as a keyword in a placeholder's connection string, is masked.
 */
class ProvisioningSecretsPostgresIT {
    private static final String SECRET = "ProvS3cret-" + UUID.randomUUID();
    private static final String OTHER = "Kw0rdValue-" + UUID.randomUUID();

    @TempDir
    Path temp;
    final String prefix = TestDatabases.uniqueName();
    ControlPlane plane;
    MigrationFolder files;

    @BeforeEach
    void setUp() {
        plane = ControlPlane.open("jdbc:h2:mem:cp_" + TestDatabases.uniqueName() + ";DB_CLOSE_DELAY=-1", "sa", null);
        files = new MigrationFolder(temp.resolve("migrations"));
    }

    @AfterEach
    void tearDown() {
        plane.close();
        TestDatabases.drop(TestDatabases.postgres(prefix + "_acme"));
    }

    @Test
    void a_backfill_line_quoting_placeholders_that_hold_passwords_is_refused_with_them_masked() {
        files.write("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY, dsn TEXT);\n"
                + "-- flotilla:backfill table=notes column=dsn value='${dsn} ${owner}'\n");

        assertThatThrownBy(() -> provision(Map.of("dsn", "host=db password=" + OTHER, "owner", SECRET)))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SQL_PARSE_ERROR))
                .hasMessageContainingAll("Provisioning acme failed, and nothing was kept", "The backfill directive needs key=",
                        "password=**** ****")
                .hasMessageNotContaining(SECRET).hasMessageNotContaining(OTHER);
    }

    @Test
    void a_statement_failing_on_a_placeholders_password_is_refused_with_it_masked() {
        files.write("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\nSELECT '${owner}'::int;\n");

        assertThatThrownBy(() -> provision(Map.of("owner", SECRET)))
                .isInstanceOfSatisfying(FlotillaException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SQL_ERROR))
                .hasMessageContainingAll("Provisioning acme failed, and nothing was kept", "invalid input syntax", "\"****\"")
                .hasMessageNotContaining(SECRET);
    }

    private void provision(Map<String, String> placeholders) {
        // PostgreSQL here trusts 127.0.0.1: the password is sent and not checked, as a real one would be.
        Tenancy tenancy = new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.POSTGRES_URL, null, prefix + "_{tenant}",
                TestDatabases.POSTGRES_USER, Secret.of(SECRET), null);
        TargetOptions template = new TargetOptions(null, files.path(), placeholders, null, java.time.Duration.ofSeconds(60), null,
                null, null, "test");
        new TenantProvisioning(plane, tenancy, template, new MigrationLoader(placeholders.keySet()).load(files.path()), "test")
                .create(new Request(new Tenant(TenantId.of("acme"), null, null, null, List.of()), Mode.REPLAY, null));
    }
}
