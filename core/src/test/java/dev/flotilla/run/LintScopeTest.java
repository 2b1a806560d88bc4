package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.control.TenantCensus;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.migration.MigrationVersion;
import dev.flotilla.plan.TenantPlan;
import dev.flotilla.sql.Dialect;
import dev.flotilla.tenant.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which files lint reports on, and its advice for a file that already ran: V1 made the table, V2 indexed it without
 * CONCURRENTLY (ran long ago), V3 drops a column (new), R__view is a repeatable with a finding.
 */
class LintScopeTest {
    @TempDir
    Path folder;
    private LoadedMigrations loaded;
    private LintAcrossDialects.Result linted;

    @BeforeEach
    void lintTheFolder() throws Exception {
        Files.writeString(folder.resolve("V1__notes.sql"), "CREATE TABLE notes (id INT PRIMARY KEY, body TEXT, tag TEXT);\n");
        Files.writeString(folder.resolve("V2__index.sql"), "CREATE INDEX idx_notes_body ON notes (body);\n");
        Files.writeString(folder.resolve("V3__drop_tag.sql"), "ALTER TABLE notes DROP COLUMN tag;\n");
        Files.writeString(folder.resolve("R__legacy.sql"), "DROP TABLE IF EXISTS legacy;\n");
        loaded = new MigrationLoader(java.util.Set.of()).load(folder);
        linted = LintAcrossDialects.lint(loaded, Map.of(), List.of(Dialect.forUrl("jdbc:postgresql:")), LintOptions.DEFAULTS);
        assertThat(scripts(linted)).containsExactly("V2__index.sql", "V3__drop_tag.sql", "R__legacy.sql");
    }

    @Test
    void since_drops_the_findings_of_versioned_files_at_or_below_it_and_keeps_every_repeatable() {
        LintScope scope = LintScope.since(loaded, MigrationVersion.parse("2"), "--since 2");

        LintAcrossDialects.Result kept = scope.apply(linted);

        assertThat(scripts(kept)).containsExactly("V3__drop_tag.sql", "R__legacy.sql");
        assertThat(scope.skipped()).containsExactly(new LintScope.Skipped("V1__notes.sql", "1", "at or below --since 2"),
                new LintScope.Skipped("V2__index.sql", "2", "at or below --since 2"));
        assertThat(kept.findings().get(0).finding().message()).contains("Deploy code that no longer reads it first");
    }

    @Test
    void pending_keeps_the_files_pending_on_some_tenant_read_and_tells_where_a_file_already_ran() {
        Map<String, TenantPlan> read = new LinkedHashMap<>();
        read.put("acme", plan("acme", "2", List.of("3")));
        read.put("globex", plan("globex", "1", List.of("2", "3", "R__legacy.sql")));

        LintScope scope = LintScope.pending(loaded, read);
        LintAcrossDialects.Result kept = scope.apply(linted);

        assertThat(scripts(kept)).containsExactly("V2__index.sql", "V3__drop_tag.sql", "R__legacy.sql");
        assertThat(scope.skipped()).containsExactly(new LintScope.Skipped("V1__notes.sql", "1",
                "pending on none of the 2 tenant(s) read: applied on every one"));
        String ran = kept.findings().get(0).finding().message();
        assertThat(ran).startsWith("Statement at line 1 creates an index on notes without CONCURRENTLY: if notes is large,"
                        + " writes to it wait until the index is built. V2__index.sql already ran on 1 of 2 tenants read (acme):")
                .contains("editing it, or adding a `-- flotilla:lint-disable` line to it, changes its checksum",
                        "CHECKSUM_MISMATCH", "do it in a new migration", "still pending on globex")
                .doesNotContain("Use CREATE INDEX CONCURRENTLY", "--pending");
        assertThat(kept.findings().get(2).finding().message()).as("a repeatable runs again when edited: its advice stays")
                .contains("Make sure no deployed code still reads it");
    }

    @Test
    void a_version_baselined_on_a_tenant_did_not_run_there_so_its_file_keeps_the_advice_to_edit_it() {
        Map<String, TenantPlan> read = new LinkedHashMap<>();
        read.put("acme", baselined("acme", "2", List.of("3"), List.of("1", "2")));
        read.put("globex", baselined("globex", "2", List.of("3"), List.of("1")));

        LintScope scope = LintScope.pending(loaded, read);
        LintAcrossDialects.Result kept = scope.apply(linted);

        assertThat(scope.ran("V1__notes.sql")).as("baselined everywhere: ran nowhere").isNull();
        assertThat(scope.ran("V2__index.sql")).isEqualTo(new LintScope.Ran(1, 2, List.of("globex"), List.of()));
        assertThat(scope.skipped()).extracting(LintScope.Skipped::script, LintScope.Skipped::reason).contains(
                org.assertj.core.groups.Tuple.tuple("V1__notes.sql", "pending on none of the 2 tenant(s) read"),
                org.assertj.core.groups.Tuple.tuple("V2__index.sql", "pending on none of the 2 tenant(s) read"));
    }

    @Test
    void a_file_baselined_on_the_one_target_read_is_not_said_to_have_run_there() {
        LintScope scope = LintScope.pendingOnTarget(loaded, "schema acme", baselined("acme", "2", List.of("3"),
                List.of("1", "2")));

        assertThat(scope.ran("V2__index.sql")).isNull();
        assertThat(scope.skipped()).extracting(LintScope.Skipped::script, LintScope.Skipped::reason).contains(
                org.assertj.core.groups.Tuple.tuple("V1__notes.sql", "not pending on schema acme"),
                org.assertj.core.groups.Tuple.tuple("V2__index.sql", "not pending on schema acme"));
    }

    @Test
    void on_the_one_target_of_url_a_file_left_out_is_said_to_be_applied_there_not_on_every_tenant_read() {
        LintScope scope = LintScope.pendingOnTarget(loaded, "schema acme on jdbc:postgresql://db/app", plan("acme", "2",
                List.of("3")));

        assertThat(scripts(scope.apply(linted))).containsExactly("V3__drop_tag.sql");
        assertThat(scope.skipped()).extracting(LintScope.Skipped::script, LintScope.Skipped::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("V1__notes.sql", "not pending on schema acme on"
                        + " jdbc:postgresql://db/app: applied there"),
                org.assertj.core.groups.Tuple.tuple("V2__index.sql", "not pending on schema acme on"
                        + " jdbc:postgresql://db/app: applied there"),
                org.assertj.core.groups.Tuple.tuple("R__legacy.sql", "not pending on schema acme on"
                        + " jdbc:postgresql://db/app (unchanged since it last ran)"));
    }

    @Test
    void pending_skips_a_repeatable_unchanged_since_it_last_ran_everywhere() {
        LintScope scope = LintScope.pending(loaded, Map.of("acme", plan("acme", "2", List.of("3"))));

        assertThat(scripts(scope.apply(linted))).containsExactly("V3__drop_tag.sql");
        assertThat(scope.skipped()).extracting(LintScope.Skipped::script, LintScope.Skipped::reason).contains(
                org.assertj.core.groups.Tuple.tuple("R__legacy.sql", "pending on none of the 1 tenant(s) read (unchanged since"
                        + " it last ran)"));
    }

    @Test
    void every_file_is_linted_and_one_the_control_plane_knows_applied_says_so_and_how_to_lint_only_what_has_not_run() {
        LintScope scope = LintScope.all().withRanAsLastLearned(loaded, List.of(new TenantCensus.AtVersion("2", "none", 3),
                new TenantCensus.AtVersion(null, null, 1)));
        LintAcrossDialects.Result kept = scope.apply(linted);

        assertThat(scripts(kept)).containsExactly("V2__index.sql", "V3__drop_tag.sql", "R__legacy.sql");
        assertThat(scope.skipped()).isEmpty();
        assertThat(kept.findings().get(0).finding().message()).contains("V2__index.sql already ran on 3 of 4 registered"
                + " tenant(s), as the control plane last learned", "`flotilla lint --pending` or `flotilla lint --since VERSION`")
                .doesNotContain("Use CREATE INDEX CONCURRENTLY");
        assertThat(kept.findings().get(1).finding().message()).as("V3 ran nowhere: its advice stays")
                .endsWith("Deploy code that no longer reads it first, then drop it in a later release.");
        assertThat(scope.ran("V3__drop_tag.sql")).isNull();
    }

    @Test
    void the_version_to_give_since_is_the_newest_every_tenant_has_with_all_before_it() {
        LintScope scope = LintScope.all().withRanAsLastLearned(loaded, List.of(new TenantCensus.AtVersion("2", "none", 2),
                new TenantCensus.AtVersion("3", "none", 1)));

        assertThat(scope.narrower()).isEqualTo("`flotilla lint --pending` or `flotilla lint --since 2`");
    }

    @Test
    void a_version_at_or_below_a_tenant_s_baseline_counts_as_baselined_there_not_run() {
        LintScope scope = LintScope.all().withRanAsLastLearned(loaded, List.of(new TenantCensus.AtVersion("3", "2", 2),
                new TenantCensus.AtVersion("3", "none", 1)));
        LintAcrossDialects.Result kept = scope.apply(linted);

        assertThat(scope.ran("V2__index.sql")).as("baselined on two of the three").extracting(LintScope.Ran::count, LintScope.Ran::of)
                .containsExactly(1, 3);
        assertThat(scope.ran("V3__drop_tag.sql")).extracting(LintScope.Ran::count).isEqualTo(3);
        assertThat(kept.findings().get(0).finding().message()).contains("V2__index.sql already ran on 1 of 3 registered");

        LintScope everywhere = LintScope.all().withRanAsLastLearned(loaded, List.of(new TenantCensus.AtVersion("2", "2", 3)));

        assertThat(everywhere.ran("V2__index.sql")).as("baselined everywhere: ran nowhere").isNull();
        assertThat(everywhere.apply(linted).findings().get(0).finding().message()).doesNotContain("already ran");
    }

    @Test
    void a_version_whose_row_says_it_ran_below_the_baseline_counts_as_run_there() {
        LintScope scope = LintScope.all().withRanAsLastLearned(loaded, List.of(new TenantCensus.AtVersion("3", "3 ran 2", 2),
                new TenantCensus.AtVersion("3", "3", 1)));

        assertThat(scope.ran("V2__index.sql")).as("V2 deployed out of order below the baseline on two")
                .extracting(LintScope.Ran::count, LintScope.Ran::of).containsExactly(2, 3);
        assertThat(scope.ran("V3__drop_tag.sql")).as("baselined on all three").isNull();
    }

    @Test
    void a_tenant_whose_baseline_the_plane_has_not_learned_is_said_unknown_not_counted() {
        LintScope scope = LintScope.all().withRanAsLastLearned(loaded, List.of(new TenantCensus.AtVersion("3", null, 2),
                new TenantCensus.AtVersion("3", "none", 1)));
        LintAcrossDialects.Result kept = scope.apply(linted);

        assertThat(scope.ran("V2__index.sql")).extracting(LintScope.Ran::count, LintScope.Ran::of, LintScope.Ran::baselineUnknown)
                .containsExactly(1, 3, 2);
        assertThat(kept.findings().get(0).finding().message()).contains("V2__index.sql already ran on 1 of 3 registered",
                "(baseline unknown on 2 more registered tenant(s), as nothing read their history since Flotilla keeps"
                + " baselines: run `flotilla status --fleet --live` to learn it): editing it");

        LintScope unknown = LintScope.all().withRanAsLastLearned(loaded, List.of(new TenantCensus.AtVersion("3", null, 2)));

        assertThat(unknown.apply(linted).findings().get(0).finding().message()).as("nowhere known to have run")
                .contains("Whether V2__index.sql already ran is unknown (baseline unknown on 2 of 2 registered tenant(s)")
                .contains("`flotilla status --fleet --live`", "CHECKSUM_MISMATCH").doesNotContain("Use CREATE INDEX CONCURRENTLY");
        assertThat(unknown.narrower()).as("nothing is known to have run everywhere").endsWith("--since VERSION`");
    }

    @Test
    void a_tenant_not_read_or_holding_another_tool_s_history_is_not_counted() {
        TenantPlan unreachable = TenantPlan.unreachable(TenantId.of("initech"), "schema initech",
                new FlotillaException(ErrorCode.CONNECTION_FAILED, "Connection refused"));

        assertThat(LintScope.unread(unreachable)).isEqualTo("unreachable: Connection refused");
        assertThat(LintScope.unread(plan("acme", "2", List.of("3")))).isNull();
    }

    private static TenantPlan baselined(String tenant, String current, List<String> pending, List<String> baselined) {
        return new TenantPlan(TenantId.of(tenant), "schema " + tenant, current, pending, List.of(), null, null, null,
                baselined);
    }

    private static TenantPlan plan(String tenant, String current, List<String> pending) {
        return new TenantPlan(TenantId.of(tenant), "schema " + tenant, current, pending, List.of(), null, null, null);
    }

    private static List<String> scripts(LintAcrossDialects.Result result) {
        return result.findings().stream().map(f -> f.finding().script()).toList();
    }
}
