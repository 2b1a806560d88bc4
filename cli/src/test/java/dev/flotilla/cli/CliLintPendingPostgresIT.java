package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code flotilla lint} on a PostgreSQL fleet where V2 (an index without CONCURRENTLY) ran on t00 and t01 long ago and V3
 * (a dropped column) is new; t02 is registered on a server that does not answer. Every file is linted by default, V2's
 * finding saying to leave the file be (editing it changes its checksum); {@code --pending}, {@code --since 2} and
 * {@code lint.since} lint V3 alone (seed 004's adopted fleet: lint exited 1 on files that ran years ago, advising edits
 * Flotilla would then report as CHECKSUM_MISMATCH).
 */
class CliLintPendingPostgresIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @BeforeEach
    void deployV2ThenAddV3() throws Exception {
        fleet.migration("V2__tags.sql", "CREATE INDEX idx_notes_body ON notes (body);\n");
        fleet.addTenants(2);
        CliRun deploy = fleet.run("deploy", "--tenants", "t00,t01", "--yes");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        CliRun added = fleet.run("tenants", "add", "t02", "--url", "jdbc:postgresql://127.0.0.1:1/app");
        assertThat(added.exitCode()).as(added.err()).isZero();
        fleet.migration("V3__drop_body.sql", "ALTER TABLE notes DROP COLUMN body;\n");
    }

    @Test
    void by_default_both_files_are_linted_and_the_one_that_ran_is_left_be_with_a_new_migration_advised() {
        CliRun lint = fleet.run("lint", "--json");
        CliRun text = fleet.run("lint");

        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isEqualTo(1);
        JsonNode data = lint.json().get("data");
        assertThat(data.get("findings").findValuesAsText("script")).containsExactly("V2__tags.sql", "V3__drop_body.sql");
        assertThat(data.at("/findings/0/message").asText()).contains("V2__tags.sql already ran on 2 of 3 registered"
                        + " tenant(s), as the control plane last learned: editing it, or adding a `-- flotilla:lint-disable`"
                        + " line to it, changes its checksum", "CHECKSUM_MISMATCH", "do it in a new migration",
                "`flotilla lint --pending` or `flotilla lint --since VERSION`")
                .doesNotContain("Use CREATE INDEX CONCURRENTLY");
        assertThat(data.at("/findings/0/ranOn/count").asInt()).isEqualTo(2);
        assertThat(data.at("/findings/1/message").asText()).endsWith("Deploy code that no longer reads it first, then drop"
                + " it in a later release.");
        assertThat(data.at("/findings/1/ranOn").isNull()).isTrue();
        assertThat(data.get("scope").asText()).isEqualTo("all");
        assertThat(lint.json().at("/errors/0/message").asText()).contains("2 lint warning(s), 1 of them in files that"
                + " already ran: leave those as they are", "for the others, fix the migrations");
        assertThat(text.out()).contains("[index-without-concurrently] V2__tags.sql:1", "[drop-column] V3__drop_body.sql:1",
                "Linted 3 migration(s) for postgresql: 2 warning(s)");
    }

    @Test
    void a_version_a_tenant_has_as_baselined_counts_as_baselined_there_not_run_and_a_later_deploy_keeps_it_so()
            throws Exception {
        CliRun added = fleet.run("tenants", "add", "t03");
        assertThat(added.exitCode()).as(added.err()).isZero();
        fleet.sql("CREATE SCHEMA " + fleet.schema("t03"));
        fleet.sql("CREATE TABLE " + fleet.schema("t03") + ".notes (id INT PRIMARY KEY, body VARCHAR(100))");
        fleet.sql("CREATE INDEX idx_notes_body ON " + fleet.schema("t03") + ".notes (body)");
        CliRun baseline = fleet.run("baseline", "--version", "2", "--tenants", "t03");
        assertThat(baseline.exitCode()).as(baseline.out() + baseline.err()).isZero();

        CliRun lint = fleet.run("lint", "--json");
        CliRun deploy = fleet.run("deploy", "--tenants", "t03", "--yes");
        CliRun after = fleet.run("lint", "--json");

        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isEqualTo(1);
        assertThat(lint.json().at("/data/findings/0/message").asText()).as("t03 is at 2, but baselined there")
                .contains("V2__tags.sql already ran on 2 of 4 registered tenant(s), as the control plane last learned");
        assertThat(lint.json().at("/data/findings/0/ranOn/count").asInt()).isEqualTo(2);
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(after.json().at("/data/findings/0/message").asText()).contains("V2__tags.sql already ran on 2 of 4");
        assertThat(after.json().at("/data/findings/1/message").asText()).as("V3 ran on t03")
                .contains("V3__drop_body.sql already ran on 1 of 4 registered tenant(s)");
    }

    @Test
    void a_version_deployed_out_of_order_below_a_baseline_ran_there_though_the_versions_around_it_are_baselined()
            throws Exception {
        CliRun added = fleet.run("tenants", "add", "t03");
        assertThat(added.exitCode()).as(added.err()).isZero();
        fleet.sql("CREATE SCHEMA " + fleet.schema("t03"));
        fleet.sql("CREATE TABLE " + fleet.schema("t03") + ".notes (id INT PRIMARY KEY, body VARCHAR(100))");
        CliRun baseline = fleet.run("baseline", "--version", "3", "--tenants", "t03");
        assertThat(baseline.exitCode()).as(baseline.out() + baseline.err()).isZero();
        fleet.migration("V2_5__body_index.sql", "CREATE INDEX idx_notes_body_late ON notes (body);\n");
        CliRun deploy = fleet.run("deploy", "--tenants", "t03", "--out-of-order", "--yes");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();

        CliRun lint = fleet.run("lint", "--json");

        JsonNode findings = lint.json().at("/data/findings");
        assertThat(findings.findValuesAsText("script")).containsExactly("V2__tags.sql", "V2_5__body_index.sql",
                "V3__drop_body.sql");
        assertThat(findings.at("/1/message").asText()).as("its row says it ran on t03, baselined at 3")
                .contains("V2_5__body_index.sql already ran on 1 of 4 registered tenant(s)");
        assertThat(findings.at("/0/ranOn/count").asInt()).as("baselined on t03").isEqualTo(2);
        assertThat(findings.at("/2/ranOn").isNull()).as("V3 baselined on t03, pending elsewhere").isTrue();
    }

    @Test
    void a_tenant_whose_baseline_the_plane_never_learned_is_said_unknown_until_status_reads_it() throws Exception {
        try (var plane = java.sql.DriverManager.getConnection("jdbc:h2:file:" + fleet.folder.resolve(".flotilla")
                .resolve("control") + ";AUTO_SERVER=TRUE", "sa", ""); var s = plane.createStatement()) {
            s.execute("UPDATE tenants SET baseline_version = NULL WHERE id = 't01'"); // read before V27 kept baselines
        }

        CliRun lint = fleet.run("lint", "--json");
        CliRun status = fleet.run("status", "--fleet", "--live");
        CliRun after = fleet.run("lint", "--json");

        assertThat(lint.json().at("/data/findings/0/message").asText()).contains("V2__tags.sql already ran on 1 of 3"
                + " registered tenant(s), as the control plane last learned (baseline unknown on 1 more registered"
                + " tenant(s), as nothing read their history since Flotilla keeps baselines: run `flotilla status --fleet"
                + " --live` to learn it)");
        assertThat(lint.json().at("/data/findings/0/ranOn/baselineUnknown").asInt()).isEqualTo(1);
        assertThat(status.out()).contains("t01");
        assertThat(after.json().at("/data/findings/0/message").asText()).contains("V2__tags.sql already ran on 2 of 3")
                .doesNotContain("baseline unknown");
    }

    @Test
    void a_dry_run_learns_the_baseline_of_a_tenant_whose_history_it_read_as_a_deploy_does() throws Exception {
        try (var plane = java.sql.DriverManager.getConnection("jdbc:h2:file:" + fleet.folder.resolve(".flotilla")
                .resolve("control") + ";AUTO_SERVER=TRUE", "sa", ""); var s = plane.createStatement()) {
            s.execute("UPDATE tenants SET baseline_version = NULL WHERE id = 't01'"); // read before V27 kept baselines
        }

        CliRun dryRun = fleet.run("dry-run", "--tenants", "t00,t01", "--json");
        CliRun after = fleet.run("lint", "--json");

        assertThat(dryRun.json().at("/data/tenants").findValuesAsText("status")).as(dryRun.out() + dryRun.err())
                .doesNotContain("error");
        assertThat(after.json().at("/data/findings/0/message").asText()).contains("V2__tags.sql already ran on 2 of 3")
                .doesNotContain("baseline unknown");
    }

    @Test
    void a_version_every_tenant_has_as_baselined_ran_nowhere_and_keeps_its_advice() throws Exception {
        CliRun removed = fleet.run("tenants", "remove", "t02");
        assertThat(removed.exitCode()).as(removed.out() + removed.err()).isZero();
        for (String tenant : List.of("t00", "t01")) {
            fleet.sql("DROP TABLE " + fleet.schema(tenant) + ".tenant_migrations");
        }
        CliRun baseline = fleet.run("baseline", "--version", "2", "--all");
        assertThat(baseline.exitCode()).as(baseline.out() + baseline.err()).isZero();

        CliRun lint = fleet.run("lint", "--json");
        CliRun text = fleet.run("lint");

        assertThat(lint.json().at("/data/findings/0/script").asText()).isEqualTo("V2__tags.sql");
        assertThat(lint.json().at("/data/findings/0/message").asText()).doesNotContain("already ran")
                .contains("CONCURRENTLY");
        assertThat(lint.json().at("/data/findings/0/ranOn").isNull()).isTrue();
        assertThat(text.out()).contains("[index-without-concurrently] V2__tags.sql:1").doesNotContain("already ran");
    }

    @Test
    void pending_lints_only_the_file_pending_on_a_tenant_read_and_names_the_tenant_it_could_not_read() {
        CliRun lint = fleet.run("lint", "--pending", "--json");
        CliRun text = fleet.run("lint", "--pending");

        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isEqualTo(1);
        JsonNode data = lint.json().get("data");
        assertThat(data.get("findings").findValuesAsText("script")).containsExactly("V3__drop_body.sql");
        assertThat(data.get("scope").asText()).isEqualTo("pending");
        assertThat(data.get("skipped").findValuesAsText("script")).containsExactly("V1__notes.sql", "V2__tags.sql");
        assertThat(data.at("/skipped/1/reason").asText())
                .isEqualTo("pending on none of the 2 tenant(s) read: applied on every one");
        assertThat(data.get("unread").findValuesAsText("id")).containsExactly("t02");
        assertThat(lint.err()).contains("lint --pending could not read 1 tenant(s)", "t02 (unreachable");
        assertThat(text.out()).contains("Linted 1 of 3 migration(s) for postgresql: 1 warning(s)",
                "Not linted (pending on none of the 2 tenant(s) read: applied on every one): 2 file(s), V1__notes.sql,"
                        + " V2__tags.sql.");
    }

    @Test
    void a_file_that_ran_on_one_tenant_and_is_pending_on_another_is_linted_saying_both() {
        CliRun deploy = fleet.run("deploy", "--tenants", "t00", "--yes");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();

        CliRun lint = fleet.run("lint", "--pending", "--tenants", "t00,t01", "--json");

        assertThat(lint.json().at("/data/findings").findValuesAsText("script")).containsExactly("V3__drop_body.sql");
        assertThat(lint.json().at("/data/findings/0/message").asText()).contains("V3__drop_body.sql already ran on 1 of 2"
                + " tenants read (t00)", "still pending on t01, where it will run as it is").doesNotContain("Deploy code");
        assertThat(texts(lint.json().at("/data/findings/0/ranOn/pendingOn"))).containsExactly("t01");
        assertThat(lint.json().at("/errors/0/message").asText()).contains("all in files that already ran")
                .doesNotContain("--pending");
    }

    @Test
    void since_and_lint_since_lint_only_the_files_above_the_version_and_all_files_lints_them_all() throws Exception {
        CliRun since = fleet.run("lint", "--since", "2", "--json");
        Files.writeString(fleet.config, Files.readString(fleet.config) + "lint:\n  since: \"2\"\n");
        CliRun configured = fleet.run("lint", "--json");
        CliRun all = fleet.run("lint", "--all-files", "--json");

        assertThat(since.exitCode()).as(since.out() + since.err()).isEqualTo(1);
        assertThat(since.json().at("/data/findings").findValuesAsText("script")).containsExactly("V3__drop_body.sql");
        assertThat(since.json().at("/data/skipped").findValuesAsText("reason")).containsExactly("at or below --since 2",
                "at or below --since 2");
        assertThat(since.json().at("/data/scope").asText()).isEqualTo("since");
        assertThat(configured.json().at("/data/findings").findValuesAsText("script")).containsExactly("V3__drop_body.sql");
        assertThat(configured.json().at("/data/skipped/0/reason").asText()).isEqualTo("at or below lint.since 2");
        assertThat(all.json().at("/data/findings").findValuesAsText("script")).containsExactly("V2__tags.sql",
                "V3__drop_body.sql");
    }

    @Test
    void pending_on_one_target_reads_its_history() {
        CliRun lint = fleet.run("lint", "--pending", "--url", FleetSetup.POSTGRES, "--user", FleetSetup.USER,
                "--password-env", "TENANT_DB_PASSWORD", "--schema", fleet.schema("t00"), "--json");

        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isEqualTo(1);
        assertThat(lint.json().at("/data/findings").findValuesAsText("script")).containsExactly("V3__drop_body.sql");
        assertThat(lint.json().at("/data/skipped").findValuesAsText("script")).containsExactly("V1__notes.sql", "V2__tags.sql");
        assertThat(lint.json().at("/data/skipped/0/reason").asText()).as("one target, named: not 'every tenant read'")
                .startsWith("not pending on ").contains(fleet.schema("t00")).endsWith(": applied there");
        assertThat(lint.out() + lint.err()).doesNotContain(FleetSetup.SECRET);
    }

    @Test
    void since_and_pending_together_and_a_selection_without_pending_are_bad_usage() {
        CliRun both = fleet.run("lint", "--since", "2", "--pending");
        CliRun selection = fleet.run("lint", "--tenants", "t00");
        CliRun notAVersion = fleet.run("lint", "--since", "two");

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("Give one of --since, --pending and --all-files.");
        assertThat(selection.exitCode()).isEqualTo(2);
        assertThat(selection.err()).contains("add --pending");
        assertThat(notAVersion.exitCode()).isEqualTo(2);
        assertThat(notAVersion.err()).contains("--since takes a migration version");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
