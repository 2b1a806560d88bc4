package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** verify on demand and after deploy, through the CLI, with checks configured in flotilla.yml. */
class CliVerifyIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("""
            checks:
              folder: checks
              index-usage: [ "SELECT * FROM notes WHERE id = 1" ]
              disabled: [ fk-rules ]
            """);

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(fleet.folder.resolve("checks"));
        Files.writeString(fleet.folder.resolve("checks").resolve("notes.sql"), """
                -- check: one-note-per-tenant
                -- expect: rows 1
                SELECT id FROM notes;
                """);
        fleet.addTenants(3);
    }

    @Test
    void verify_names_the_tenant_and_the_check_that_failed_and_exits_1() throws Exception {
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.sql("INSERT INTO \"" + fleet.schema("t01") + "\".notes VALUES (2, 'extra')");

        CliRun text = fleet.run("verify", "--all");
        JsonNode json = fleet.run("verify", "--all", "--json").json();

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("ok t00", "FAILED t01", "FAILED one-note-per-tenant: 1 problem(s): notes.sql:3:"
                + " expected 1 row(s), got 2", "Verified 3 tenant(s): 2 ok, 1 failed.");
        assertThat(json.at("/data/tenants/1/id").asText()).isEqualTo("t01");
        assertThat(json.at("/data/tenants/1/ok").asBoolean()).isFalse();
        assertThat(json.at("/data/tenants/0/checks").findValuesAsText("id")).containsExactly("fk-orphans", "tenant-column",
                "row-counts", "history", "expected-objects", "index-usage", "rls-enabled", "rls-isolation",
                "one-note-per-tenant");
        assertThat(json.at("/errors/0/code").asText()).isEqualTo("CHECK_FAILED");
        assertThat(json.at("/errors/0/tenant").asText()).isEqualTo("t01");
        assertThat(json.at("/errors/0/check").asText()).as("README's errors entry of a check").isEqualTo("one-note-per-tenant");
        assertThat(json.toString()).doesNotContain(FleetSetup.SECRET);
    }

    @Test
    void a_custom_check_naming_the_tenant_is_given_each_tenants_id_on_its_own_schema() throws Exception {
        Files.writeString(fleet.folder.resolve("checks").resolve("own.sql"), """
                -- check: not-t01
                -- expect: empty
                SELECT 1 WHERE CAST(${tenant} AS VARCHAR(20)) = 't01';
                """);

        CliRun deploy = fleet.run("deploy", "--all", "--yes");
        CliRun verify = fleet.run("verify", "--all");

        assertThat(deploy.exitCode()).isEqualTo(1);
        assertThat(deploy.out() + deploy.err()).contains("not-t01 failed", "own.sql:3 (tenant t01): expected no rows");
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("ok t00", "FAILED t01", "ok t02", "own.sql:3 (tenant t01): expected no rows",
                "Verified 3 tenant(s): 2 ok, 1 failed.");
    }

    @Test
    void a_deploys_line_for_each_tenant_and_deployments_show_count_the_checks_that_ran_and_name_those_that_failed() throws Exception {
        Files.writeString(fleet.folder.resolve("checks").resolve("own.sql"), """
                -- check: not-t01
                -- expect: empty
                SELECT 1 WHERE CAST(${tenant} AS VARCHAR(20)) = 't01';
                """);

        CliRun deploy = fleet.run("deploy", "--all", "--yes");
        CliRun shown = fleet.run("deployments", "show", FleetSetup.deploymentOf(deploy));
        JsonNode shownJson = fleet.run("deployments", "show", FleetSetup.deploymentOf(deploy), "--json").json();
        fleet.migration("V3__tags.sql", "CREATE TABLE tags (id INT PRIMARY KEY);\n");
        JsonNode json = fleet.run("deploy", "--all", "--yes", "--json").json();

        assertThat(deploy.out()).containsPattern("succeeded t00 \\(versions 1, 2 applied, 6 checks passed, 4 skipped, \\d+ ms\\)")
                .contains("FAILED t01 (1 of 10 checks failed: not-t01): Verification failed after the migrations were applied");
        JsonNode checks = json.at("/data/tenants/1/checks");
        assertThat(json.at("/data/tenants/1/id").asText()).isEqualTo("t01");
        assertThat(checks.toString()).isEqualTo("{\"total\":10,\"passed\":5,\"failed\":1,\"skipped\":4,"
                + "\"failedIds\":[\"not-t01\"]}");
        assertThat(shown.out()).contains("Checks").containsPattern("t00 .*6 checks passed, 4 skipped")
                .containsPattern("t01 .*1 of 10 checks failed: not-t01");
        assertThat(shownJson.at("/data/tasks/1/checks").toString()).isEqualTo("{\"total\":10,\"passed\":5,\"failed\":1,"
                + "\"skipped\":4,\"failedIds\":[\"not-t01\"]}");
    }

    @Test
    void a_fleet_dry_runs_table_counts_each_tenants_checks_and_round_trips_beside_its_outcome() throws Exception {
        Files.writeString(fleet.folder.resolve("checks").resolve("own.sql"), """
                -- check: not-t01
                -- expect: empty
                SELECT 1 WHERE CAST(${tenant} AS VARCHAR(20)) = 't01';
                """);
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isEqualTo(1);
        fleet.migration("V3__tags.sql", "CREATE TABLE tags (id INT PRIMARY KEY);\n");
        fleet.migration("U3__tags.sql", "DROP TABLE tags;\n");

        CliRun dryRun = fleet.run("dry-run", "--all", "--round-trip");

        assertThat(dryRun.out()).as(dryRun.out()).contains("Checks").containsPattern("t00 .* checks passed, \\d+ skipped; 1 round trip"
                + " passed").containsPattern("t01 .*1 of \\d+ checks failed: not-t01; 1 round trip passed");
    }

    @Test
    void a_deploy_that_loses_a_tenants_rows_marks_it_failed_verification_and_names_the_restore_that_puts_them_back()
            throws Exception {
        Files.writeString(fleet.config, Files.readString(fleet.config).replace("backup: false", "backup: true"));
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.migration("V3__purge.sql", "DELETE FROM notes WHERE '${tenant}' = 't02';\n");

        CliRun deploy = fleet.run("deploy", "--all", "--yes");
        String deployment = FleetSetup.deploymentOf(deploy);
        JsonNode tenants = fleet.run("tenants", "list", "--json").json().at("/data/tenants");

        assertThat(deploy.exitCode()).isEqualTo(1);
        assertThat(deploy.out() + deploy.err()).contains("t02", "row-counts failed", "notes: 1 row(s) before, 0 after (1 lost)",
                "`flotilla restore --deployment " + deployment + " --tenants t02 --yes`",
                "`flotilla verify` cannot examine row-counts again", "`flotilla verify --tenants t02 --clear-unexamined`")
                .doesNotContain("fix the data or schema and run `flotilla verify`");
        assertThat(tenants.get(2).get("status").asText()).isEqualTo("failed-verification");
        assertThat(tenants.get(0).get("status").asText()).isEqualTo("up-to-date");
        assertThat(fleet.run("verify", "--tenants", "t02").out()).contains("so that failure still stands. If rows were lost,"
                + " `flotilla restore --deployment " + deployment + " --tenants t02 --yes` puts the tenant back as it was");

        CliRun restore = fleet.run("restore", "--deployment", deployment, "--tenants", "t02", "--yes");

        assertThat(restore.exitCode()).as(restore.out() + restore.err()).isZero();
        assertThat(fleet.run("verify", "--tenants", "t02").exitCode()).as("the row is back, the state restored").isZero();
    }

    @Test
    void a_verify_that_cannot_examine_the_check_that_failed_says_the_failure_stands_and_exits_1_until_told_it_is_fixed()
            throws Exception {
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.migration("V3__purge.sql", "DELETE FROM notes WHERE '${tenant}' = 't02';\n");
        CliRun deploy = fleet.run("deploy", "--all", "--yes");
        assertThat(deploy.exitCode()).isEqualTo(1);
        assertThat(deploy.out() + deploy.err()).contains("Rows were lost, and the deployment took no backup");
        String deployment = FleetSetup.deploymentOf(deploy);
        fleet.sql("INSERT INTO \"" + fleet.schema("t02") + "\".notes VALUES (1, 'restored')");

        CliRun standing = fleet.run("verify", "--tenants", "t02");
        JsonNode verify = fleet.run("verify", "--tenants", "t02", "--json").json();
        JsonNode kept = fleet.run("status", "--fleet", "--tenants", "t02", "--json").json().at("/data/tenants/0");
        JsonNode audited = fleet.run("audit", "--action", "verify", "--json").json().at("/data/entries/0");

        assertThat(standing.exitCode()).as(standing.out()).isEqualTo(1);
        assertThat(standing.out()).contains("FAILED t02", "FAILED row-counts: failed in deployment " + deployment,
                "notes: 1 row(s) before, 0 after", "This verify did not examine it again (no row counts from before a"
                        + " deployment to compare with), so that failure still stands",
                "If rows were lost, no backup taken before that deployment is kept (deploy.backup off, --skip-backup, or"
                        + " deleted by backup.keep)",
                "`flotilla verify --tenants t02 --clear-unexamined`");
        assertThat(verify.at("/data/tenants/0/ok").asBoolean()).isFalse();
        assertThat(verify.at("/errors/0/code").asText()).isEqualTo("CHECK_FAILED");
        assertThat(verify.at("/errors/0/check").asText()).isEqualTo("row-counts");
        assertThat(verify.at("/data/tenants/0/checks").toString()).contains("it compares what a deployment applied with the"
                + " dry run of those migrations, and nothing was applied here").doesNotContain("run flotilla dry-run first");
        assertThat(audited.get("outcome").asText()).isEqualTo("failed");
        assertThat(kept.get("status").asText()).isEqualTo("failed-verification");
        assertThat(kept.get("lastError").asText()).contains("row-counts failed", "notes: 1 row(s) before, 0 after",
                "did not examine it again", "flotilla verify --tenants t02 --clear-unexamined");

        assertThat(fleet.run("verify", "--tenants", "t02", "--clear-unexamined").exitCode()).isZero();
        JsonNode cleared = fleet.run("status", "--fleet", "--tenants", "t02", "--json").json().at("/data/tenants/0");
        assertThat(cleared.get("status").asText()).isEqualTo("up-to-date");
        assertThat(fleet.run("verify", "--tenants", "t02").exitCode()).as("cleared for good").isZero();
    }

    @Test
    void only_checks_set_or_clear_failed_verification_a_live_status_keeps_it() throws Exception {
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.sql("INSERT INTO \"" + fleet.schema("t01") + "\".notes VALUES (2, 'extra')");
        fleet.migration("V3__labels.sql", "CREATE TABLE labels (id INT);\n");
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isEqualTo(1);

        JsonNode live = fleet.run("status", "--fleet", "--live", "--tenants", "t01", "--json").json().at("/data/tenants/0");
        assertThat(live.get("status").asText()).isEqualTo("failed-verification");
        assertThat(live.get("pending").asInt()).isZero();
        assertThat(live.get("lastError").asText()).contains("one-note-per-tenant");

        fleet.sql("DELETE FROM \"" + fleet.schema("t01") + "\".notes WHERE id = 2");
        assertThat(fleet.run("verify", "--tenants", "t01").exitCode()).isZero();
        JsonNode fixed = fleet.run("status", "--fleet", "--tenants", "t01", "--json").json().at("/data/tenants/0");
        assertThat(fixed.get("status").asText()).isEqualTo("up-to-date");
        assertThat(fixed.get("lastError").isNull()).isTrue();

        fleet.sql("INSERT INTO \"" + fleet.schema("t01") + "\".notes VALUES (3, 'again')");
        assertThat(fleet.run("verify", "--tenants", "t01").exitCode()).isEqualTo(1);
        JsonNode broken = fleet.run("status", "--fleet", "--tenants", "t01", "--json").json().at("/data/tenants/0");
        assertThat(broken.get("status").asText()).isEqualTo("failed-verification");
        assertThat(broken.get("lastError").asText()).contains("one-note-per-tenant", "expected 1 row(s), got 2",
                "run `flotilla verify --tenants t01`");
    }

    @Test
    void a_bad_checks_section_is_refused_naming_the_key() throws Exception {
        Files.writeString(fleet.config, Files.readString(fleet.config) + "  tenant-colum: { column: tenant_id }\n");

        CliRun run = fleet.run("verify", "--all");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown key checks.tenant-colum");
    }
}
