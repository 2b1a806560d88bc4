package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The questions of restore and of deploy --retry-failed answered in-process, as typed on a terminal, on a PostgreSQL
 * schema-per-tenant fleet: no does nothing and exits 2; yes restores, or runs the failed tenant again.
 */
class CliAnsweredRestoreAndRetryPostgresIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @Test
    void answering_no_to_a_restore_restores_nothing_and_exits_2() throws Exception {
        String backup = backedUpThenChanged();

        CliRun restore = fleet.answering(TypedAnswers.of("n\n"), "restore", "--backup", backup, "--tenants", "t00");

        assertThat(restore.exitCode()).as(restore.out() + restore.err()).isEqualTo(2);
        assertThat(restore.out()).contains("Replace ", "? [y/N] ");
        assertThat(restore.err()).contains("Not confirmed; nothing was restored.");
        assertThat(notes("t00")).as("the row written after the backup stays").isEqualTo(2);
    }

    @Test
    void answering_yes_to_a_restore_restores() throws Exception {
        String backup = backedUpThenChanged();
        TypedAnswers yes = TypedAnswers.of("y\n");

        CliRun restore = fleet.answering(yes, "restore", "--backup", backup, "--tenants", "t00");

        assertThat(yes.asked()).isTrue();
        assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();
        assertThat(restore.out()).contains("? [y/N] ", "Restored 1 of 1 tenant(s)");
        assertThat(notes("t00")).as("the row written after the backup is gone").isEqualTo(1);
    }

    @Test
    void answering_no_to_a_retry_of_the_failed_tenants_runs_nothing_and_exits_2() throws Exception {
        String deployment = failedOnT01();

        CliRun retry = fleet.answering(TypedAnswers.of("n\n"), "deploy", "--retry-failed", deployment);

        assertThat(retry.exitCode()).as(retry.out() + retry.err()).isEqualTo(2);
        assertThat(retry.out()).contains("Deploy to 1 tenant(s)?", "[y/N] ");
        assertThat(retry.err()).contains("Not confirmed; nothing was deployed.");
        assertThat(fleet.applied("t01")).isEmpty();
        assertThat(fleet.run("deployments", "show", deployment, "--json").json().at("/data/failed").asInt())
                .as("its task still failed").isEqualTo(1);
    }

    @Test
    void answering_yes_to_a_retry_of_the_failed_tenants_runs_them() throws Exception {
        String deployment = failedOnT01();
        TypedAnswers yes = TypedAnswers.of("y\n");

        CliRun retry = fleet.answering(yes, "deploy", "--retry-failed", deployment);

        assertThat(yes.asked()).isTrue();
        assertThat(retry.exitCode()).as(retry.out() + retry.err()).isZero();
        assertThat(retry.out()).contains("Deploy to 1 tenant(s)?", "[y/N] ");
        assertThat(fleet.applied("t01")).containsExactly("1", "2");
    }

    /** Two tenants deployed, t00 backed up, then given a second row: the backup's id. */
    private String backedUpThenChanged() throws Exception {
        fleet.addTenants(2);
        CliRun deploy = fleet.run("deploy", "--all", "--yes");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        CliRun backup = fleet.run("backup", "--tenants", "t00", "--json");
        assertThat(backup.exitCode()).as(backup.out() + backup.err()).isZero();
        fleet.sql("INSERT INTO " + fleet.schema("t00") + ".notes VALUES (2, 'after the backup')");
        return backup.json().at("/data/backup").asText();
    }

    /** A deployment of two tenants in which t01 failed (a table V1 creates was there), the table since dropped: its id. */
    private String failedOnT01() throws Exception {
        fleet.addTenants(2);
        fleet.conflictingTable("t01", "notes");
        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--continue-on-error");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isEqualTo(1);
        fleet.sql("DROP TABLE " + fleet.schema("t01") + ".notes");
        return FleetSetup.deploymentOf(deploy);
    }

    private int notes(String tenant) throws Exception {
        try (Connection c = FleetSetup.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + fleet.schema(tenant) + ".notes")) {
            r.next();
            return r.getInt(1);
        }
    }
}
