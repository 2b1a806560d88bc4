package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.target.Secret;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.TenancyModel;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.VerifyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine used as a library: a fleet's verify returns a check quoting a row that holds the tenancy's password masked,
 * as the command line prints it. PostgreSQL here trusts 127.0.0.1: the password is sent and not checked, as a real one
 * would be.
 */
class FleetVerifyPasswordPostgresIT extends PostgresFleetTest {
    private static final String SECRET = "VfyS3cret-" + UUID.randomUUID();

    @BeforeEach
    void createFleet() {
        Path folder = new MigrationFolder(temp.resolve("migrations")).write("V1__kept.sql",
                "CREATE TABLE kept (x VARCHAR(100));\nINSERT INTO kept VALUES ('dsn " + SECRET + "');\n").path();
        fleet = new Fleet(new Tenancy(TenancyModel.SCHEMA_PER_TENANT, TestDatabases.POSTGRES_URL, null,
                TestDatabases.uniqueName() + "_{tenant}", TestDatabases.POSTGRES_USER, Secret.of(SECRET), null), folder, 1);
    }

    @Test
    void a_check_quoting_a_row_that_holds_the_tenancys_password_is_returned_masked() throws Exception {
        assertThat(fleet.runner(Fleet.options(1, false)).deploy(fleet.targets()).ok()).isTrue();
        Path checks = Files.createDirectories(temp.resolve("checks"));
        Files.writeString(checks.resolve("kept.sql"), "-- check: nothing-kept\n-- expect: empty\nSELECT x FROM kept;\n");

        List<TenantVerification> verified = new FleetVerify(fleet.template(), fleet.loaded(),
                VerifyOptions.DEFAULTS.withFolder(checks), null, 1, 1).run(fleet.targets());

        assertThat(verified).singleElement().satisfies(v -> {
            assertThat(v.results()).filteredOn(r -> r.id().equals("nothing-kept")).singleElement()
                    .extracting(CheckResult::message).asString().contains("dsn ****");
            assertThat(v.toString()).doesNotContain(SECRET);
        });
    }
}
