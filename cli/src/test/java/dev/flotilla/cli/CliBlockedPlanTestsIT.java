package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code plan} says to test when some tenants are blocked by what a dry run cannot help (SQLite tenants). */
class CliBlockedPlanTestsIT {
    @TempDir
    Path temp;

    @Test
    void plan_names_a_dry_run_of_the_testable_tenants_only_and_the_next_step_for_the_blocked_ones() throws Exception {
        EmbeddedFleet fleet = EmbeddedFleet.sqlite(temp);
        fleet.run("tenants", "add", "a");
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.migration("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(200));\n");
        fleet.run("tenants", "add", "b");

        CliRun plan = fleet.run("plan", "--all");

        CliRun refused = fleet.run("dry-run", "--tenants", "a");

        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.err()).contains("CHECKSUM_MISMATCH", "test them first with `flotilla dry-run --tenants b`")
                .contains("1 tenant(s) (a) cannot be tested as they are", "`flotilla repair --tenants a --realign-checksums`")
                .doesNotContain("--tenants a,b", "--tenants b,a");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out() + refused.err()).contains("CHECKSUM_MISMATCH");
    }
}
