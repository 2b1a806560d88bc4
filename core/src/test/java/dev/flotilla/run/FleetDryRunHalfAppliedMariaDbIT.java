package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fleet dry run of a MariaDB tenant whose migration failed half-way (statement 1 committed, statement 2 failed) does not
 * run it again on a copy: it fails FAILED_MIGRATION, as the deploy does, and names the repair of that tenant to run first.
 */
class FleetDryRunHalfAppliedMariaDbIT extends MariaDbFleetTest {
    @Test
    void a_tenant_left_half_applied_fails_its_dry_run_naming_its_repair_and_no_copy_is_made() throws Exception {
        MigrationFolder files = new MigrationFolder(temp.resolve("migrations"))
                .write("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);\n")
                .write("V2__half.sql", "ALTER TABLE notes ADD COLUMN tag VARCHAR(20);\n"
                        + "ALTER TABLE no_such_table ADD COLUMN x INT;\n");
        fleet = new Fleet(MariaDbTenants.tenancy("half" + TestDatabases.uniqueName().substring(4, 10)), files.path(), 1);
        List<TenantTarget> targets = fleet.targets();
        MariaDbTenants.create(targets);
        assertThat(fleet.runner(Fleet.options(1, false)).deploy(targets).count(dev.flotilla.control.TaskStatus.FAILED))
                .isEqualTo(1);
        files.write("V2__half.sql", "ALTER TABLE notes ADD COLUMN tag VARCHAR(20);\nALTER TABLE notes ADD COLUMN x INT;\n");
        String tenant = targets.get(0).tenant().id().value();

        List<TenantDryRun> results = new FleetDryRun(fleet.template(), fleet.loaded(), DryRunOptions.DEFAULTS, 1, 1).run(targets);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("error");
            assertThat(r.errorCode()).isEqualTo(ErrorCode.FAILED_MIGRATION);
            assertThat(r.untested()).as("not a copy that could not be made: the tenant must be repaired").isFalse();
            assertThat(r.report().mode()).as("no copy was made").isNull();
        });
        assertThat(DryRunGroup.of(results).get(0).outcome()).contains("statement 1 was applied and is still in effect")
                .contains("`flotilla repair --tenants " + tenant + " --rerun-from-start`")
                .contains("`flotilla repair --tenants " + tenant + " --mark-applied 2`");
    }
}
