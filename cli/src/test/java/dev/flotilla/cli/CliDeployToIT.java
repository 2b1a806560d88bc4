package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deploy --to VERSION}: a fleet deploy of the pending migrations up to a version only (seed 001 §5.4; SQLite). */
class CliDeployToIT {
    @TempDir
    Path temp;

    @Test
    void deploy_to_a_version_applies_the_migrations_up_to_it_and_leaves_the_later_ones_pending() throws Exception {
        EmbeddedFleet fleet = EmbeddedFleet.sqlite(temp);
        fleet.run("tenants", "add", "a");

        CliRun untested = fleet.run("deploy", "--all", "--to", "1", "--require-tested", "--yes");
        CliRun tested = fleet.run("dry-run", "--tenants", "a", "--to", "1");
        CliRun deploy = fleet.run("deploy", "--all", "--to", "1", "--require-tested", "--yes");
        CliRun plan = fleet.run("plan", "--all", "--json");

        assertThat(untested.exitCode()).isEqualTo(1);
        assertThat(untested.err()).contains("NOT_TESTED", "`flotilla dry-run --tenants a --to 1`");
        assertThat(tested.exitCode()).as(tested.out() + tested.err()).isZero();
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(plan.out()).contains("\"currentVersion\":\"1\"").contains("\"pending\":[\"2\"]");
    }

    @Test
    void deploy_to_a_version_no_file_has_is_refused_as_bad_usage() throws Exception {
        EmbeddedFleet fleet = EmbeddedFleet.sqlite(temp);
        fleet.run("tenants", "add", "a");

        CliRun deploy = fleet.run("deploy", "--all", "--to", "7", "--yes");

        assertThat(deploy.exitCode()).isEqualTo(2);
        assertThat(deploy.err()).contains("--to 7: no migration file has version 7 (the newest is 2)");
    }
}
