package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code plan} says to test when a late-merged migration blocks its tenants (SQLite tenants). */
class CliOutOfOrderPlanIT {
    @TempDir
    Path temp;

    @Test
    void plan_blocked_by_out_of_order_names_a_dry_run_that_is_not_blocked_too() throws Exception {
        EmbeddedFleet fleet = EmbeddedFleet.sqlite(temp);
        fleet.run("tenants", "add", "a");
        fleet.run("tenants", "add", "b");
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.migration("V1_5__late.sql", "CREATE TABLE late (id INT PRIMARY KEY);\n");

        CliRun plan = fleet.run("plan", "--all");

        CliRun named = fleet.run("dry-run", "--tenants", "a,b", "--out-of-order");

        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.err()).contains("OUT_OF_ORDER", "test it with `flotilla dry-run --tenants a,b --out-of-order`",
                "renumber it above the latest applied version").doesNotContain("`flotilla dry-run --tenants a,b`");
        assertThat(named.exitCode()).as(named.out() + named.err()).isZero();
    }
}
