package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** deploy with backups, a destructive migration, restore; backup on demand; --skip-backup audited. */
class CliBackupIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("backup: { dir: saved, keep: 3 }\n");

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(fleet.config, Files.readString(fleet.config).replace("backup: false", "backup: true"));
        fleet.addTenants(3);
    }

    @Test
    void restore_after_a_destructive_deploy_gives_the_data_back() throws Exception {
        CliRun first = fleet.run("deploy", "--all", "--yes");
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).as("new schemas: nothing to back up, and the summary says so")
                .contains("  Backups: none, 3 tenant(s) held nothing to back up yet (no table, no history).");
        fleet.migration("V3__drop_body.sql", "ALTER TABLE notes DROP COLUMN body;\n");
        JsonNode deployed = fleet.run("deploy", "--all", "--yes", "--json").json();
        String id = deployed.at("/data/deployment").asText();
        assertThat(deployed.at("/data/backups").asInt()).isEqualTo(3);
        JsonNode shown = fleet.run("deployments", "show", id, "--json").json();

        CliRun refused = fleet.run("restore", "--deployment", id, "--tenants", "t01");
        CliRun restore = fleet.run("restore", "--deployment", id, "--tenants", "t01", "--yes");
        JsonNode status = fleet.run("status", "--fleet", "--json").json().at("/data/tenants");

        assertThat(shown.at("/data/tasks/1/log").asText()).contains("backup ", "saved", id, "t01.dump");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--yes");
        assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();
        assertThat(restore.out()).contains("restored t01 from", "Restored 1 of 1 tenant(s)", "Check them with `flotilla verify"
                + " --tenants t01`, and see what is pending on them again with `flotilla plan --tenants t01`.");
        assertThat(fleet.applied("t01")).containsExactly("1", "2");
        assertThat(fleet.applied("t00")).containsExactly("1", "2", "3");
        fleet.sql("SELECT body FROM \"" + fleet.schema("t01") + "\".notes WHERE id = 1");
        assertThat(status).extracting(t -> t.get("id").asText() + " " + t.get("status").asText() + " "
                + t.get("currentVersion").asText()).as("t01 is at the version its backup was taken at")
                .containsExactly("t00 up-to-date 3", "t01 restored 2", "t02 up-to-date 3");
    }

    @Test
    void the_summary_names_the_tenants_no_backup_was_taken_of_and_why() throws Exception {
        assertThat(fleet.run("deploy", "--tenants", "t00", "--yes").exitCode()).isZero();
        fleet.migration("V3__tags.sql", "CREATE TABLE tags (id INT);\n");

        CliRun deploy = fleet.run("deploy", "--all", "--yes");

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(deploy.out()).contains("  Backups: 1 tenant(s) backed up before they were changed, in ",
                "  No backup of the others: 2 tenant(s) held nothing to back up yet (no table, no history): t01, t02.");
    }

    @Test
    void a_retry_of_a_failed_deployment_keeps_the_backup_from_before_it_for_restore() throws Exception {
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.sql("CREATE TABLE \"" + fleet.schema("t01") + "\".keepme (id INT)");
        fleet.migration("V3__half.sql", "CREATE TABLE half (id INT);\nCREATE TABLE keepme (id INT);\n");
        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--continue-on-error");
        String id = deploy.out().lines().findFirst().orElseThrow().split(" ")[1];
        assertThat(deploy.out()).as("the summary says the safety net is there, and how to use it")
                .contains("  Backups: 3 tenant(s) backed up before they were changed, in " + fleet.folder.resolve("saved")
                        + "; `flotilla restore --deployment " + id + " --tenants ID --yes` puts one back as it was.");
        fleet.sql("INSERT INTO \"" + fleet.schema("t01") + "\".notes VALUES (7, 'written after the first attempt')");

        CliRun retry = fleet.run("deploy", "--retry-failed", id, "--yes");
        CliRun restore = fleet.run("restore", "--deployment", id, "--tenants", "t01", "--yes");

        assertThat(deploy.exitCode()).isEqualTo(1);
        assertThat(retry.exitCode()).isEqualTo(1);
        assertThat(fleet.run("deployments", "show", id, "--json").json().at("/data/tasks")).filteredOn(t -> t.get("id")
                .asText().equals("t01")).singleElement().satisfies(t -> assertThat(t.get("log").asText())
                .contains("kept from this deployment's first attempt"));
        assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();
        assertThat(fleet.applied("t01")).containsExactly("1", "2");
        try (var c = FleetSetup.connect();
             var rows = c.createStatement().executeQuery("SELECT count(*) FROM \"" + fleet.schema("t01") + "\".notes WHERE id = 7")) {
            rows.next();
            assertThat(rows.getInt(1)).as("the row written between the attempts is not in the first backup").isZero();
        }
    }

    @Test
    void a_rollback_backs_each_tenant_up_first_so_rows_written_since_the_deploy_can_be_restored() throws Exception {
        fleet.downFiles();
        String deploy = FleetSetup.deploymentOf(fleet.run("deploy", "--tenants", "t00,t01", "--yes"));
        fleet.sql("INSERT INTO \"" + fleet.schema("t01") + "\".notes VALUES (7, 'written after the deploy')");

        CliRun rollback = fleet.run("rollback", "--deployment", deploy, "--yes");
        String id = FleetSetup.deploymentOf(rollback);
        JsonNode listed = fleet.run("backups", "list", "--json").json();
        CliRun restore = fleet.run("restore", "--deployment", id, "--tenants", "t01", "--yes");

        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).contains("  Backups: 2 tenant(s) backed up before they were changed, in "
                + fleet.folder.resolve("saved") + "; `flotilla restore --deployment " + id + " --tenants ID --yes`");
        assertThat(fleet.applied("t01")).as("restored as it was before the rollback").containsExactly("1", "2");
        assertThat(listed.at("/data/backups")).extracting(b -> b.get("id").asText() + " " + b.get("tenant").asText())
                .containsExactlyInAnyOrder(id + " t00", id + " t01");
        assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();
        try (var c = FleetSetup.connect();
             var rows = c.createStatement().executeQuery("SELECT body FROM \"" + fleet.schema("t01") + "\".notes WHERE id = 7")) {
            assertThat(rows.next()).as("the row written after the deploy, in the table the rollback dropped").isTrue();
            assertThat(rows.getString(1)).isEqualTo("written after the deploy");
        }
    }

    @Test
    void a_rollback_with_skip_backup_takes_none_and_is_recorded_in_the_audit_log() throws Exception {
        fleet.downFiles();
        String deploy = FleetSetup.deploymentOf(fleet.run("deploy", "--tenants", "t00", "--yes"));

        CliRun rollback = fleet.run("rollback", "--deployment", deploy, "--yes", "--skip-backup");

        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).contains("  Backups: none, skipped with --skip-backup by ");
        assertThat(fleet.run("backups", "list", "--json").json().at("/data/backups")).isEmpty();
        String id = FleetSetup.deploymentOf(rollback);
        try (var c = java.sql.DriverManager.getConnection(dev.flotilla.control.ControlPlane.embeddedUrl(fleet.folder), "sa", "")) {
            assertThat(dev.flotilla.sql.Jdbc.queryStrings(c, "SELECT deployment_id FROM audit_log WHERE action = 'rollback.backup-skipped'"))
                    .as("naming the rollback it concerns").containsExactly(id);
        }
        CliRun restore = fleet.run("restore", "--deployment", id, "--tenants", "t00", "--yes");
        assertThat(restore.exitCode()).isEqualTo(1);
        assertThat(restore.out() + restore.err()).contains(id + " is a rollback that backed up no tenant", "--skip-backup")
                .doesNotContain("a new tenant");
    }

    @Test
    void backup_on_demand_and_skip_backup_is_recorded_in_the_audit_log() throws Exception {
        CliRun skipped = fleet.run("deploy", "--all", "--yes", "--skip-backup");
        assertThat(skipped.exitCode()).isZero();
        assertThat(skipped.out()).contains("  Backups: none, skipped with --skip-backup by ").doesNotContain("backed up before");

        JsonNode backup = fleet.run("backup", "--tenants", "t02", "--json").json();

        assertThat(backup.at("/data/tenants/0/sizeBytes").asLong()).isPositive();
        assertThat(Path.of(backup.at("/data/tenants/0/path").asText())).exists().startsWith(fleet.folder.resolve("saved"));
        assertThat(backup.toString()).doesNotContain(FleetSetup.SECRET);
        try (var c = java.sql.DriverManager.getConnection(dev.flotilla.control.ControlPlane.embeddedUrl(fleet.folder), "sa", "")) {
            assertThat(dev.flotilla.sql.Jdbc.queryStrings(c, "SELECT action FROM audit_log ORDER BY id"))
                    .contains("deploy.backup-skipped", "backup");
        }
    }

    @Test
    void a_retry_or_resume_without_a_terminal_needs_yes_and_its_skipped_backup_is_audited() throws Exception {
        fleet.conflictingTable("t01", "notes");
        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--canary", "t01");
        String id = FleetSetup.deploymentOf(deploy);
        fleet.sql("DROP TABLE " + fleet.schema("t01") + ".notes");

        CliRun retry = fleet.run("deploy", "--retry-failed", id, "--skip-backup", "--json");
        java.util.List<String> auditedBefore = audited();
        CliRun retried = fleet.run("deploy", "--retry-failed", id, "--skip-backup", "--yes");
        // After the retry: before it, the failed canary held the rest back and a resume was refused for that.
        CliRun resume = fleet.run("deploy", "--resume", id, "--skip-backup");
        java.util.List<String> auditedBeforeResume = audited();
        CliRun resumed = fleet.run("deploy", "--resume", id, "--yes");

        assertThat(deploy.exitCode()).isEqualTo(1);
        assertThat(retry.exitCode()).isEqualTo(2);
        assertThat(retry.json().at("/errors/0/code").asText()).isEqualTo("BAD_USAGE");
        assertThat(retry.json().at("/errors/0/message").asText()).contains("1 tenant(s)", "no terminal", "--yes");
        assertThat(resume.exitCode()).isEqualTo(2);
        assertThat(resume.err()).contains("2 tenant(s)", "no terminal", "--yes");
        assertThat(auditedBefore).as("the refused retry ran nothing, and its refusal is on record").doesNotContain(
                "deploy.retry-failed", "deploy.backup-skipped").contains("deploy.retry-failed denied");
        assertThat(auditedBeforeResume).as("the refused resume ran nothing, and its refusal is on record")
                .doesNotContain("deploy.resumed").contains("deploy.resume denied");
        assertThat(retried.exitCode()).as("t00 still skipped: " + retried.out() + retried.err()).isEqualTo(1);
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(fleet.applied("t00")).containsExactly("1", "2");
        assertThat(fleet.applied("t01")).containsExactly("1", "2");
        assertThat(audited()).containsSubsequence("deploy.backup-skipped", "deploy.retry-failed", "deploy.resumed")
                .containsOnlyOnce("deploy.backup-skipped");
    }

    private java.util.List<String> audited() throws Exception {
        try (var c = java.sql.DriverManager.getConnection(dev.flotilla.control.ControlPlane.embeddedUrl(fleet.folder), "sa", "")) {
            return dev.flotilla.sql.Jdbc.queryStrings(c, "SELECT action || CASE WHEN outcome = 'denied' THEN ' denied' ELSE ''"
                    + " END FROM audit_log ORDER BY id");
        }
    }

    @Test
    void a_backup_taken_with_the_backup_command_is_listed_and_restored_by_its_id() throws Exception {
        assertThat(fleet.run("deploy", "--all", "--yes", "--skip-backup").exitCode()).isZero();
        CliRun backup = fleet.run("backup", "--tenants", "t01,t02");
        String id = backup.out().lines().findFirst().orElseThrow().split(" ")[1];
        fleet.sql("DELETE FROM \"" + fleet.schema("t01") + "\".notes");

        JsonNode listed = fleet.run("backups", "list", "--json").json();
        CliRun listedForOne = fleet.run("backups", "list", "--tenant", "t02");
        CliRun unknown = fleet.run("restore", "--backup", "manual-20000101-000000", "--tenants", "t01");
        CliRun restore = fleet.run("restore", "--backup", id, "--tenants", "t01", "--yes", "--json");

        assertThat(backup.exitCode()).as(backup.out() + backup.err()).isZero();
        assertThat(id).matches("manual-\\d{8}-\\d{6}");
        assertThat(backup.out()).contains("Backed up 2 of 2 tenant(s) as backup " + id, "restore --backup " + id);
        assertThat(listed.at("/data/backups")).extracting(b -> b.get("id").asText() + " " + b.get("tenant").asText()
                + " " + b.get("deployment").isNull()).as("backed up in parallel, in no set order")
                .containsExactlyInAnyOrder(id + " t02 true", id + " t01 true");
        assertThat(listed.at("/data/backups/0/sizeBytes").asLong()).isPositive();
        assertThat(listedForOne.out()).contains(id, "t02").doesNotContain("t01");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).as("said before --yes is asked for").contains("No backup manual-20000101-000000", "backups list");
        assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();
        assertThat(restore.json().at("/data/backup").asText()).isEqualTo(id);
        assertThat(restore.json().at("/data/tenants/0/ok").asBoolean()).isTrue();
        try (var c = FleetSetup.connect();
             var rows = c.createStatement().executeQuery("SELECT count(*) FROM \"" + fleet.schema("t01") + "\".notes")) {
            rows.next();
            assertThat(rows.getInt(1)).as("the row deleted after the backup is back").isEqualTo(1);
        }
    }

    @Test
    void an_unreachable_tenant_fails_alone_and_every_other_selected_tenant_is_backed_up() throws Exception {
        assertThat(fleet.run("deploy", "--all", "--yes", "--skip-backup").exitCode()).isZero();
        assertThat(fleet.run("tenants", "add", "ghost", "--url", "jdbc:postgresql://127.0.0.1:1/x").exitCode()).isZero();

        CliRun run = fleet.run("backup", "--tenants", "ghost,t01,t02", "--json");
        JsonNode backup = run.json();
        CliRun text = fleet.run("backup", "--tenants", "t00,ghost");

        String id = backup.at("/data/backup").asText();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(id).startsWith("manual-");
        assertThat(backup.at("/data/tenants")).extracting(t -> t.get("id").asText() + " " + t.get("status").asText() + " "
                + t.path("backup").asText("-")).containsExactly("ghost failed -", "t01 succeeded " + id, "t02 succeeded " + id);
        assertThat(backup.at("/data/tenants/0/error").asText()).contains("127.0.0.1:1");
        assertThat(backup.at("/errors")).singleElement().satisfies(e -> {
            assertThat(e.get("code").asText()).isEqualTo("CONNECTION_FAILED");
            assertThat(e.get("tenant").asText()).isEqualTo("ghost");
        });
        assertThat(Path.of(backup.at("/data/tenants/2/path").asText())).exists();
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("backed up t00 to", "FAILED ghost:", "Backed up 1 of 2 tenant(s)", "1 failed: ghost");
        try (var c = java.sql.DriverManager.getConnection(dev.flotilla.control.ControlPlane.embeddedUrl(fleet.folder), "sa", "")) {
            assertThat(dev.flotilla.sql.Jdbc.queryStrings(c, "SELECT outcome || ' ' || details FROM audit_log WHERE action = 'backup'"
                    + " ORDER BY id")).hasSize(2).first().asString().startsWith("failed backup " + id + ": 2 of 3");
        }
    }

    @Test
    void one_backup_run_of_the_whole_fleet_has_one_id_and_one_folder() throws Exception {
        CliRun skipped = fleet.run("deploy", "--all", "--yes", "--skip-backup");
        assertThat(skipped.exitCode()).isZero();
        assertThat(skipped.out()).contains("  Backups: none, skipped with --skip-backup by ").doesNotContain("backed up before");

        JsonNode backup = fleet.run("backup", "--all", "--json").json();

        String id = backup.at("/data/backup").asText();
        assertThat(id).startsWith("manual-");
        assertThat(backup.at("/data/tenants")).hasSize(3).allSatisfy(t -> assertThat(Path.of(t.get("path").asText()).getParent())
                .isEqualTo(fleet.folder.resolve("saved").resolve(id).toAbsolutePath()));
    }

    @Test
    void backups_taken_on_demand_keep_only_the_newest_backup_keep_as_a_deployments_do() throws Exception {
        assertThat(fleet.run("deploy", "--all", "--yes", "--skip-backup").exitCode()).isZero();
        java.util.List<Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonNode backup = fleet.run("backup", "--tenants", "t01", "--json").json();
            assertThat(backup.at("/ok").asBoolean()).as(backup.toString()).isTrue();
            files.add(Path.of(backup.at("/data/tenants/0/path").asText()));
        }

        JsonNode listed = fleet.run("backups", "list", "--json").json();

        assertThat(listed.at("/data/backups")).as("backup: { keep: 3 }").hasSize(3);
        assertThat(files.get(0)).as("the oldest run's file").doesNotExist();
        assertThat(files.get(0).getParent()).as("and its emptied folder").doesNotExist();
        assertThat(files.subList(1, 4)).allSatisfy(file -> assertThat(file).exists());
    }
}
