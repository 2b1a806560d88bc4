package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** dry-run, schema and lint through the CLI, on a fleet of PostgreSQL schemas and on one target. */
class CliDryRunIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @Test
    void a_tenant_with_tables_but_no_history_fails_with_the_baseline_notice_for_it_in_the_text_of_dry_run_and_deploy() throws Exception {
        fleet.addTenants(2);
        fleet.conflictingTable("t01", "notes");

        CliRun dryRun = fleet.run("dry-run", "--all");
        JsonNode json = fleet.run("dry-run", "--all", "--json").json();
        CliRun deploy = fleet.run("deploy", "--all", "--yes");

        assertThat(dryRun.exitCode()).isEqualTo(1);
        assertThat(dryRun.out()).contains("error 1 tenant(s): V1__notes.sql failed", "already exists",
                "(notice: <target> has 1 table(s) but no history table", "record them first with `flotilla baseline");
        JsonNode t01 = json.at("/data/tenants/1");
        assertThat(t01.get("id").asText()).isEqualTo("t01");
        assertThat(t01.get("warnings").findValuesAsText("message")).as("its notice's commands, runnable for it")
                .singleElement().asString().contains("`flotilla baseline --tenants t01 --version V`")
                .doesNotContain("`flotilla baseline --version");
        assertThat(t01.at("/migrations/0/error").asText()).contains("`flotilla baseline --tenants t01 --version 1`");
        assertThat(deploy.exitCode()).isEqualTo(1);
        assertThat(deploy.out()).contains("Failed tenants:", "t01: ", "already exists",
                "Notice: ", "but no history table", "record them first with `flotilla baseline --tenants t01 --version V`",
                "`flotilla adopt --tenants t01 --from laravel|table:NAME`");
    }

    @Test
    void a_fleet_dry_run_groups_outcomes_shows_the_diff_and_deploys_nothing() throws Exception {
        fleet.addTenants(5);
        fleet.sql("CREATE SCHEMA \"" + fleet.schema("t03") + "\"");
        fleet.sql("CREATE TABLE \"" + fleet.schema("t03") + "\".notes (legacy INT)");

        CliRun text = fleet.run("dry-run", "--all");
        JsonNode json = fleet.run("dry-run", "--all", "--json").json();

        assertThat(text.exitCode()).as(text.err()).isEqualTo(1);
        assertThat(text.out()).contains("success 4 tenant(s): 1 table created", "[t00, t01, t02, t04]",
                "error 1 tenant(s): V1__notes.sql failed", "[t03]", "4 would succeed, 1 would fail. Nothing was kept.");
        assertThat(json.at("/ok").asBoolean()).isFalse();
        assertThat(json.at("/data/groups")).hasSize(2);
        assertThat(json.at("/data/groups/0/count").asInt()).isEqualTo(4);
        JsonNode t00 = json.at("/data/tenants/0");
        assertThat(t00.get("status").asText()).isEqualTo("success");
        assertThat(t00.get("mode").asText()).isEqualTo("transaction");
        assertThat(t00.at("/diff/tablesCreated/0").asText()).isEqualTo("notes");
        assertThat(t00.get("statements")).hasSize(3);
        assertThat(t00.at("/statements/1/rows").asInt()).isEqualTo(1);
        assertThat(json.at("/errors/0/tenant").asText()).isEqualTo("t03");
        assertThat(json.toString()).doesNotContain(FleetSetup.SECRET);
        assertThat(text.out() + text.err()).doesNotContain(FleetSetup.SECRET);
        for (String tenant : new String[] {"t00", "t03", "t04"}) {
            assertThat(fleet.applied(tenant)).isEmpty();
        }
    }

    @Test
    void a_fleet_dry_run_says_why_a_group_is_a_warning_its_lint_findings_and_its_notice() throws Exception {
        fleet.addTenants(2);
        fleet.migration("V3__drop_body.sql", "ALTER TABLE notes DROP COLUMN body;\n");
        for (String tenant : new String[] {"t00", "t01"}) {
            fleet.sql("CREATE SCHEMA " + fleet.schema(tenant));
            fleet.sql("CREATE TABLE " + fleet.schema(tenant) + ".legacy (id INT)");
        }

        CliRun text = fleet.run("dry-run", "--all");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("warning 2 tenant(s): 1 table created, 1 lint warning(s) (notice: <target> has 1"
                        + " table(s) but no history table", "`flotilla baseline --tenants t00,t01 --version V`",
                "\n    warning [drop-column] V3__drop_body.sql:1 ", "drops column notes.body");
    }

    @Test
    void a_clone_dry_run_and_the_schema_command_on_one_target() throws Exception {
        fleet.addTenants(1);
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.migration("V3__index.sql", "CREATE INDEX CONCURRENTLY idx_notes_tag ON notes (tag);\n"
                + "ALTER TABLE notes DROP COLUMN body;\n");
        String url = FleetSetup.POSTGRES;

        JsonNode dryRun = CliRun.of(fleet.env, "dry-run", "--url", url, "--user", FleetSetup.USER, "--schema", fleet.schema("t00"),
                "--migrations", fleet.folder.resolve("migrations").toString(), "--json").json();
        JsonNode schema = CliRun.of(fleet.env, "schema", "--tenant", "t00", "--config", fleet.config.toString(), "--json").json();

        JsonNode tenant = dryRun.at("/data/tenants/0");
        assertThat(tenant.get("mode").asText()).isEqualTo("clone");
        assertThat(tenant.get("status").asText()).isEqualTo("warning");
        assertThat(tenant.at("/diff/indexesAdded/0").asText()).isEqualTo("idx_notes_tag");
        assertThat(tenant.at("/diff/dropped/0").asText()).isEqualTo("column notes.body");
        assertThat(tenant.get("warnings").findValuesAsText("rule")).contains("drop-column");
        assertThat(schema.at("/data/fingerprint").asText()).hasSize(64);
        assertThat(schema.at("/data/snapshot/tables/0/name").asText()).isEqualTo("notes");
        assertThat(schema.at("/data/snapshot/tables/0/columns").findValuesAsText("name")).containsExactly("id", "body", "tag");
        // The clone was dropped: no scratch database of this process is left (other runs' may be, on a shared server).
        // Read from the catalog, not with `dry-run --cleanup`, which would also drop the scratch database another test
        // JVM's CliDryRunProcessIT leaves on purpose, by SIGKILL, for its own cleanup to find.
        String ours = "_p" + ProcessHandle.current().pid() + "_";
        try (var c = FleetSetup.connect(); var s = c.createStatement(); var left = s.executeQuery("SELECT datname FROM pg_database"
                + " WHERE datname LIKE 'flotilla\\_dry\\_%' AND strpos(datname, '" + ours + "') > 0")) {
            assertThat(left.next()).as("a scratch database of this process left on the server").isFalse();
        }
    }

    @Test
    void a_single_target_structure_only_clone_says_what_it_did_not_test_once_and_that_unique_keys_were_checked() throws Exception {
        fleet.addTenants(1);
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.migration("V3__tag_not_null.sql", "UPDATE notes SET tag = 'x';\nALTER TABLE notes ALTER COLUMN tag SET NOT NULL;\n");
        String[] target = {"--url", FleetSetup.POSTGRES, "--user", FleetSetup.USER, "--schema", fleet.schema("t00"),
                "--migrations", fleet.folder.resolve("migrations").toString(), "--mode", "clone"};

        CliRun text = CliRun.of(fleet.env, concat("dry-run", target));
        JsonNode json = CliRun.of(fleet.env, concat("dry-run", target, "--json")).json();

        assertThat(text.exitCode()).as(text.out() + text.err()).isZero();
        assertThat(text.out()).contains("mode: clone (scratch copy dropped)", "structure-only copy (no rows)", "NOT NULL");
        assertThat(text.out().split("no rows|without any row", -1)).as("one note, not two: " + text.out()).hasSize(2);
        String note = json.at("/data/tenants/0/warnings").findValuesAsText("message").stream()
                .filter(m -> m.contains("structure-only")).findFirst().orElseThrow();
        assertThat(note).contains("a unique key added or restored is checked against the target's rows")
                .doesNotContain("(unique keys,");
    }

    @Test
    void a_function_a_trigger_and_a_sequence_are_in_the_dry_run_s_text_and_json_and_in_the_schema_command() throws Exception {
        fleet.addTenants(1);
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        fleet.migration("V3__note_numbering.sql", """
                CREATE SEQUENCE note_numbers START 100;
                CREATE FUNCTION stamp_note() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.tag := 'n'; RETURN NEW; END $$;
                CREATE TRIGGER trg_stamp_note BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION stamp_note();
                """);
        String[] target = {"--url", FleetSetup.POSTGRES, "--user", FleetSetup.USER, "--schema", fleet.schema("t00"),
                "--migrations", fleet.folder.resolve("migrations").toString()};

        CliRun text = CliRun.of(fleet.env, concat("dry-run", target));
        JsonNode json = CliRun.of(fleet.env, concat("dry-run", target, "--json")).json();
        CliRun fleetText = fleet.run("dry-run", "--all");
        assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isZero();
        CliRun schema = CliRun.of(fleet.env, "schema", "--tenant", "t00", "--config", fleet.config.toString());

        assertThat(text.out()).contains("Sequences created: note_numbers", "Routines created: stamp_note()",
                "Triggers added: trg_stamp_note").doesNotContain("schema changes: none", "Dropped");
        JsonNode diff = json.at("/data/tenants/0/diff");
        assertThat(diff.at("/routinesCreated/0").asText()).isEqualTo("stamp_note()");
        assertThat(diff.at("/sequencesCreated/0").asText()).isEqualTo("note_numbers");
        assertThat(diff.at("/triggersAdded/0").asText()).isEqualTo("trg_stamp_note");
        assertThat(diff.get("routinesChanged")).isEmpty();
        assertThat(diff.get("tablesCreated")).as("the DESIGN's keys are kept").isEmpty();
        assertThat(fleetText.out()).contains("success 1 tenant(s): 1 trigger added, 1 sequence created, 1 routine created");
        assertThat(schema.out()).contains("1 sequence(s), 1 function(s)/procedure(s)", "sequence note_numbers: bigint start 100",
                "function stamp_note()", "trigger trg_stamp_note BEFORE INSERT");
    }

    private static String[] concat(String first, String[] middle, String... last) {
        String[] all = new String[1 + middle.length + last.length];
        all[0] = first;
        System.arraycopy(middle, 0, all, 1, middle.length);
        System.arraycopy(last, 0, all, 1 + middle.length, last.length);
        return all;
    }

    @Test
    void lint_warns_with_exit_1_and_rules_can_be_switched_off() throws Exception {
        fleet.migration("V3__risky.sql", "ALTER TABLE notes ADD COLUMN owner INT NOT NULL;\nDROP TABLE legacy;\n");

        CliRun lint = fleet.run("lint");
        CliRun quiet = fleet.run("lint", "--disable", "not-null-without-default,drop-table", "--json");
        CliRun unknown = fleet.run("lint", "--disable", "no-such-rule");

        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.out()).contains("[not-null-without-default] V3__risky.sql:1", "[drop-table] V3__risky.sql:2",
                "Linted 3 migration(s) for postgresql: 2 warning(s)");
        assertThat(quiet.exitCode()).as(quiet.out()).isZero();
        assertThat(quiet.json().at("/data/findings")).isEmpty();
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no-such-rule", "drop-table");
    }

    @Test
    void lint_says_which_scripts_it_could_not_read_rather_than_count_them_clean() throws Exception {
        fleet.migration("V3__open.sql", "SELECT 'never closed;\n");

        CliRun lint = fleet.run("lint");

        assertThat(lint.exitCode()).isEqualTo(2);
        assertThat(lint.out()).contains("1 could not be read into statements, so not linted");
        assertThat(lint.err()).contains("SQL_PARSE_ERROR", "V3__open.sql");
    }
}
