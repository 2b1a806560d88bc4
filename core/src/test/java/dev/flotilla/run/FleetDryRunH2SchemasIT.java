package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.lint.LintOptions;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fleet dry run of schema-per-tenant H2 (tenants t000 and t001, each in the schema of its name, of one database, in
 * memory or in a file), on a copy (auto mode, the default for H2, and clone mode): every tenant is tested, those whose
 * schema a deploy has not created yet as well, on an empty copy, as PostgreSQL's and MariaDB's are.
 */
class FleetDryRunH2SchemasIT {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"AUTO", "CLONE"})
    void an_in_memory_fleet_of_deployed_schemas_is_tested_on_copies(DryRunMode mode) {
        try (Fleet fleet = fleet(inMemory())) {
            deployV1ThenWriteV2(fleet);

            assertEachTested(dryRun(fleet, mode, 0), "2");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUTO", "CLONE"})
    void a_file_fleet_of_deployed_schemas_is_tested_on_copies(DryRunMode mode) {
        try (Fleet fleet = fleet("jdbc:h2:file:" + temp.resolve("fleet").toAbsolutePath())) {
            deployV1ThenWriteV2(fleet);

            assertEachTested(dryRun(fleet, mode, 0), "2");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUTO", "CLONE"})
    void tenants_whose_schemas_no_deploy_created_yet_are_tested_on_empty_copies(DryRunMode mode) {
        try (Fleet fleet = fleet(inMemory())) {
            assertEachTested(dryRun(fleet, mode, 3), "1");
        }
    }

    /**
     * Without DB_CLOSE_DELAY an in-memory H2 database ends with its last connection: what the deploy built is gone when it
     * has finished, and the dry run finds new tenants (what a deploy would find too). Such a fleet lasts one command.
     */
    @Test
    void an_in_memory_database_without_close_delay_has_lost_its_schemas_by_the_dry_run() {
        try (Fleet fleet = fleet("jdbc:h2:mem:" + TestDatabases.uniqueName())) {
            deployV1ThenWriteV2(fleet);

            assertEachTested(dryRun(fleet, DryRunMode.AUTO, 0), "1", "2");
        }
    }

    private Fleet fleet(String url) {
        return FleetFixture.ofSchemas(temp, url, "{tenant}", "sa", 2);
    }

    private static String inMemory() {
        return "jdbc:h2:mem:" + TestDatabases.uniqueName() + ";DB_CLOSE_DELAY=-1";
    }

    private static void deployV1ThenWriteV2(Fleet fleet) {
        DeployResult deployed = fleet.runner(Fleet.options(2, false)).deploy(fleet.targets());
        assertThat(deployed.ok()).as(FleetFixture.errors(deployed)).isTrue();
        new MigrationFolder(fleet.migrations).write("V2__tags.sql", FleetFixture.V2);
    }

    private static List<TenantDryRun> dryRun(Fleet fleet, DryRunMode mode, int sampleRows) {
        return new FleetDryRun(fleet.template(), fleet.loaded(), new DryRunOptions(mode, sampleRows, null, LintOptions.DEFAULTS),
                2, 2).run(fleet.targets());
    }

    private static void assertEachTested(List<TenantDryRun> results, String... versions) {
        assertThat(results).extracting(r -> r.tenant().value()).containsExactly("t000", "t001");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.firstError()).as(r.tenant() + " " + r.code()).isNull();
            assertThat(r.report().mode()).isEqualToIgnoringCase("clone");
            assertThat(r.report().run().migrations()).extracting(m -> m.version()).containsExactly(versions);
        });
    }
}
