package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rollbacks of the fleet end to end (of a deployment, by steps, dry runs, after a retried task) and repair of the tenants an
 * edited file blocks, in-process, against PostgreSQL schemas and an embedded control plane.
 */
class CliFleetRollbackIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @Test
    void a_retried_task_keeps_what_its_first_attempt_applied_and_a_rollback_of_the_deployment_undoes_all_of_it()
            throws Exception {
        fleet.addTenants(2);
        fleet.downFiles();
        fleet.migration("V3__extra.sql", "CREATE TABLE extra (id INT);\n");
        fleet.migration("U3__extra.sql", "DROP TABLE extra;\n");
        fleet.conflictingTable("t01", "extra");
        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--continue-on-error");
        String id = FleetSetup.deploymentOf(deploy);
        JsonNode afterFailure = fleet.run("status", "--fleet", "--json").json().at("/data/tenants");
        fleet.sql("DROP TABLE " + fleet.schema("t01") + ".extra");

        CliRun retry = fleet.run("deploy", "--retry-failed", id, "--yes");
        JsonNode tasks = fleet.run("deployments", "show", id, "--json").json().at("/data/tasks");
        CliRun rollback = fleet.run("rollback", "--deployment", id, "--yes");

        assertThat(deploy.exitCode()).isEqualTo(1);
        assertThat(afterFailure).filteredOn(t -> t.get("id").asText().equals("t01")).singleElement().satisfies(t -> {
            assertThat(t.get("status").asText()).isEqualTo("failed");
            assertThat(t.get("currentVersion").asText()).as("V1 and V2 stay applied before V3 failed").isEqualTo("2");
        });
        assertThat(retry.exitCode()).as(retry.out() + retry.err()).isZero();
        assertThat(retry.out()).contains("with concurrency 4 (as recorded), per server 4 (as recorded), continuing after a"
                + " failure (as recorded)", "Of the deployment's 2 tenant(s), the 1 above and 1 that had succeeded before this run.");
        assertThat(tasks).filteredOn(t -> t.get("id").asText().equals("t01")).singleElement().satisfies(t -> {
            assertThat(t.get("applied")).extracting(JsonNode::asText).containsExactly("1", "2", "3");
            assertThat(t.get("log").asText()).contains("--- next attempt ---");
        });
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).contains("succeeded t01 (versions 3, 2, 1 undone").doesNotContain(" applied,");
        assertThat(fleet.run("status", "--fleet", "--json").json().at("/data/tenants")).allSatisfy(t ->
                assertThat(t.get("pending").asInt()).as("known after the rollback, not '?'").isEqualTo(3));
        // What both attempts applied is undone: on both tenants every migration is pending again.
        assertThat(fleet.run("plan", "--all", "--json").json().at("/data/tenants")).hasSize(2).allSatisfy(t ->
                assertThat(t.get("pending")).extracting(JsonNode::asText).containsExactly("1", "2", "3"));
        JsonNode listed = fleet.run("deployments", "list", "--json").json().at("/data/deployments");
        assertThat(listed).extracting(d -> d.get("kind").asText()).containsExactly("rollback", "deploy");
        assertThat(fleet.run("deployments", "show", listed.get(0).get("id").asText()).out())
                .as("a rollback has no canary").doesNotContain("canary");
    }

    @Test
    void a_rollbacks_deployment_show_says_its_checks_were_not_run_rather_than_leaving_them_empty() throws Exception {
        fleet.addTenants(1);
        fleet.downFiles();
        String deploy = FleetSetup.deploymentOf(fleet.run("deploy", "--tenants", "t00", "--yes"));
        String rollback = FleetSetup.deploymentOf(fleet.run("rollback", "--deployment", deploy, "--yes"));

        CliRun shown = fleet.run("deployments", "show", rollback);
        JsonNode task = fleet.run("deployments", "show", rollback, "--json").json().at("/data/tasks/0");

        assertThat(shown.out()).as(shown.out() + shown.err()).contains("not run for a rollback");
        assertThat(task.get("checks").isNull()).isTrue();
        assertThat(task.get("checksNotRun").asText()).isEqualTo("not run for a rollback");
        assertThat(fleet.run("deployments", "show", deploy).out()).doesNotContain("not run for a rollback");
        assertThat(fleet.run("deployments", "show", deploy, "--json").json().at("/data/tasks/0").has("checksNotRun")).isFalse();
    }

    @Test
    void a_tenant_whose_every_migration_is_rolled_back_shows_no_version_in_the_fleet_status() throws Exception {
        fleet.addTenants(2);
        fleet.downFiles();
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();

        CliRun rollback = fleet.run("rollback", "--tenants", "t00", "--steps", "2", "--yes");
        JsonNode afterRollback = fleet.run("status", "--fleet", "--json").json().at("/data/tenants");
        fleet.run("plan", "--all");
        JsonNode afterPlan = fleet.run("status", "--fleet", "--json").json().at("/data/tenants");

        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(afterRollback).extracting(t -> t.get("id").asText() + " " + t.get("status").asText() + " "
                + t.get("currentVersion")).containsExactly("t00 rolled-back null", "t01 up-to-date \"2\"");
        assertThat(afterPlan).extracting(t -> t.get("id").asText() + " " + t.get("currentVersion"))
                .containsExactly("t00 null", "t01 \"2\"");
    }

    @Test
    void after_a_rollback_the_fleet_status_counts_the_repeatables_marked_to_run_again_as_plan_does() throws Exception {
        fleet.addTenants(1);
        fleet.downFiles();
        fleet.migration("R__tagged.sql", "DROP VIEW IF EXISTS tagged;\nCREATE VIEW tagged AS SELECT id, tag FROM notes;\n");
        fleet.migration("U2__tags.sql", "DROP VIEW IF EXISTS tagged;\nALTER TABLE notes DROP COLUMN tag;\n");
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();

        CliRun rollback = fleet.run("rollback", "--all", "--steps", "1", "--yes");
        JsonNode status = fleet.run("status", "--fleet", "--json").json().at("/data/tenants/0");
        JsonNode plan = fleet.run("plan", "--all", "--json").json().at("/data/tenants/0");

        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(plan.get("pending")).extracting(JsonNode::asText).containsExactly("2", "R__tagged.sql");
        assertThat(status.get("pending").asInt()).as("the version undone and the repeatable marked to run again").isEqualTo(2);
    }

    @Test
    void a_dry_run_of_a_rollback_says_which_tables_it_drops_with_their_rows_and_which_repeatables_it_would_mark()
            throws Exception {
        fleet.addTenants(2);
        fleet.downFiles();
        fleet.migration("R__tagged.sql", "DROP VIEW IF EXISTS tagged;\nCREATE VIEW tagged AS SELECT id, tag FROM notes;\n");
        fleet.migration("U2__tags.sql", "DROP VIEW IF EXISTS tagged;\nALTER TABLE notes DROP COLUMN tag;\n");
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.sql("INSERT INTO " + fleet.schema("t01") + ".notes (id) SELECT g FROM generate_series(2, 1234) g");

        JsonNode json = fleet.run("rollback", "--all", "--steps", "2", "--dry-run", "--json").json();
        CliRun text = fleet.run("rollback", "--all", "--steps", "2", "--dry-run");
        CliRun single = CliRun.of(fleet.env, "rollback", "--url", FleetSetup.POSTGRES, "--user", FleetSetup.USER, "--schema", fleet.schema("t01"),
                "--migrations", fleet.folder.resolve("migrations").toString(), "--steps", "2", "--dry-run");

        assertThat(json.at("/data/tenants")).extracting(t -> t.get("id").asText() + " " + t.get("droppedTables") + " "
                + t.get("repeatablesToRunAgain")).containsExactly(
                "t00 [{\"table\":\"notes\",\"script\":\"U1__notes.sql\",\"rows\":1}] [\"R__tagged.sql\"]",
                "t01 [{\"table\":\"notes\",\"script\":\"U1__notes.sql\",\"rows\":1234}] [\"R__tagged.sql\"]");
        assertThat(text.out()).contains("t00: drops table notes (1 row) in U1__notes.sql; marks to run again at the next"
                + " migrate (applied over what it undoes): R__tagged.sql", "t01: drops table notes (1,234 rows) in U1__notes.sql");
        assertThat(single.exitCode()).as(single.out() + single.err()).isZero();
        assertThat(single.out()).contains("  drops table notes (1,234 rows) in U1__notes.sql\n",
                "  marks to run again at the next migrate (applied over what it undoes): R__tagged.sql\n");
        assertThat(fleet.run("plan", "--all", "--json").json().at("/data/summary/upToDate").asInt()).as("nothing was kept")
                .isEqualTo(2);
    }

    @Test
    void a_rollback_flag_overrides_a_bad_value_of_the_same_setting_in_flotilla_yml() throws Exception {
        fleet.addTenants(1);
        fleet.downFiles();
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        Files.writeString(fleet.config, Files.readString(fleet.config).replace("concurrency: 4", "concurrency: 0"));

        CliRun unflagged = fleet.run("rollback", "--all", "--steps", "1", "--yes");
        CliRun flagged = fleet.run("rollback", "--all", "--steps", "1", "--yes", "--concurrency", "2");

        assertThat(unflagged.exitCode()).isEqualTo(2);
        assertThat(unflagged.err()).contains("BAD_CONFIG", "deploy.concurrency");
        assertThat(flagged.exitCode()).as(flagged.out() + flagged.err()).isZero();
        assertThat(flagged.out()).contains("succeeded t00 (version 2 undone");
    }

    @Test
    void a_rollback_of_a_deployment_names_the_tenants_whose_migration_failed_in_it() throws Exception {
        fleet.addTenants(2);
        fleet.downFiles();
        fleet.conflictingTable("t01", "notes");
        CliRun deploy = fleet.run("deploy", "--all", "--yes", "--continue-on-error");
        String id = FleetSetup.deploymentOf(deploy);

        CliRun rollback = fleet.run("rollback", "--deployment", id, "--yes");

        assertThat(deploy.exitCode()).isEqualTo(1);
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).contains("succeeded t00");
        assertThat(rollback.err()).contains("t01 failed in " + id, "not undone by this rollback", "flotilla repair");
    }

    @Test
    void repair_takes_the_tenants_of_the_fleet_an_edited_file_blocks_and_the_plan_sees_them_unblocked() throws Exception {
        fleet.addTenants(2);
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.migration("V2__tags.sql", "ALTER TABLE notes ADD COLUMN tag VARCHAR(20); -- a comment added afterwards\n");
        JsonNode blocked = fleet.run("plan", "--all", "--json").json();

        CliRun repair = fleet.run("repair", "--all", "--realign-checksums");
        JsonNode after = fleet.run("plan", "--all", "--json").json();

        assertThat(blocked.at("/data/summary").toString()).contains("blocked");
        assertThat(repair.exitCode()).as(repair.out() + repair.err()).isZero();
        assertThat(repair.out()).contains("repaired t00", "repaired t01");
        assertThat(after.at("/data/tenants")).extracting(t -> t.get("state").asText()).containsOnly("up-to-date");
        assertThat(fleet.run("status", "--fleet", "--json").json().at("/data/tenants"))
                .extracting(t -> t.get("status").asText()).containsOnly("up-to-date");
    }
}
