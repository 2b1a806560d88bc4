package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollback --deployment D} of some of D's tenants is refused naming the rollback by version that does it instead,
 * and D's own rollback afterwards undoes D on the others and nothing twice (SQLite tenants).
 */
class CliRollbackPartIT {
    @TempDir
    Path temp;

    @Test
    void a_rollback_of_part_of_a_deployment_names_the_rollback_by_version_after_which_the_deployments_rollback_does_the_rest()
            throws Exception {
        EmbeddedFleet fleet = EmbeddedFleet.sqlite(temp);
        Path v2 = temp.resolve("migrations").resolve("V2__tags.sql");
        String tags = Files.readString(v2);
        Files.delete(v2);
        for (String tenant : new String[] {"a", "b", "c"}) {
            assertThat(fleet.run("tenants", "add", tenant).exitCode()).isZero();
        }
        CliRun first = fleet.run("deploy", "--all", "--yes");
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        fleet.migration("V2__tags.sql", tags);
        fleet.migration("U2__tags.sql", "DROP TABLE tags;\n");
        CliRun deploy = fleet.run("deploy", "--all", "--yes");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        String deployment = id(deploy.out());

        CliRun part = fleet.run("rollback", "--deployment", deployment, "--tenants", "a,b", "--yes");
        CliRun all = fleet.run("rollback", "--deployment", deployment, "--all", "--yes");

        assertThat(part.exitCode()).isEqualTo(2);
        assertThat(part.err()).contains("Cannot roll back " + deployment + " on only some of the tenants it changed (3)",
                "Nothing was rolled back.", "`flotilla rollback --tenants a,b --to 1 --yes`",
                "`flotilla rollback --deployment " + deployment + " --yes` later undoes it on the others");
        assertThat(all.exitCode()).isEqualTo(2);
        assertThat(all.err()).contains("undoes it on every tenant it changed (3) by itself: drop --tenants, --group or --all.");
        assertThat(pending(fleet, "a")).as("nothing rolled back").isEqualTo("[]");

        CliRun byVersion = fleet.run("rollback", "--tenants", "a,b", "--to", "1", "--yes");
        CliRun rest = fleet.run("rollback", "--deployment", deployment, "--yes");

        assertThat(byVersion.exitCode()).as(byVersion.out() + byVersion.err()).isZero();
        assertThat(rest.exitCode()).as(rest.out() + rest.err()).isZero();
        for (String tenant : new String[] {"a", "b", "c"}) {
            assertThat(pending(fleet, tenant)).as(tenant + ": V2 undone once, V1 kept").isEqualTo("[\"2\"]");
        }
    }

    private static String pending(EmbeddedFleet fleet, String tenant) {
        return fleet.run("plan", "--tenants", tenant, "--json").json().at("/data/tenants/0/pending").toString();
    }

    private static String id(String out) {
        Matcher matcher = Pattern.compile("Deployment (\\S+) started").matcher(out);
        assertThat(matcher.find()).as(out).isTrue();
        return matcher.group(1);
    }
}
