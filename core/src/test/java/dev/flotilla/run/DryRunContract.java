package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.verify.CheckStatus;
import dev.flotilla.verify.Since;
import dev.flotilla.verify.VerifyOptions;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.scratch.ScratchCleanup;
import dev.flotilla.testing.TargetFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a dry run must do on every dialect: report the exact schema diff of seed 000's serial-system
 * integration and leave the target's schema and history exactly as they were, also when a migration fails. Dry runs
 * of down files are in {@link DryRunRollbackContract}; what the contracts share is {@link DryRunFixture}.
 */
abstract class DryRunContract extends TargetFixture implements DryRunRollbackContract {
    /** The end of a scratch's name that names its owner (ScratchNames): _p<pid>_<place>. */
    private static final java.util.regex.Pattern OWNED = java.util.regex.Pattern.compile("_p\\d+_[0-9a-f]{8}$");

    static final String SERIAL_SYSTEM = """
            CREATE TABLE serial_link_outbox (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, payload VARCHAR(2000));
            CREATE TABLE token_spawn_log (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, spawned_at TIMESTAMP);
            CREATE TABLE serial_quarantine (id INTEGER PRIMARY KEY, serial_no VARCHAR(64) NOT NULL, reason VARCHAR(200));
            %s;
            CREATE INDEX idx_ticket_unspawned ON job_tickets (spawned, id);
            UPDATE job_tickets SET spawned = 1 WHERE id = 1;
            """;

    /** The mode AUTO picks on this dialect. */
    abstract String expectedMode();

    /** Adds the unique constraint uniq_ticket_seq on job_tickets (ticket_code, seq), as the dialect allows. */
    String addUniqueConstraint() {
        return "ALTER TABLE job_tickets ADD CONSTRAINT uniq_ticket_seq UNIQUE (ticket_code, seq)";
    }

    /**
     * A migration that adds a function, a trigger and a sequence as this dialect writes them (SQLite has only the
     * trigger), one that edits the function's body (SQLite: the trigger's), and the names the diff gives them.
     */
    record Programmable(String create, String edit, String routine, String trigger, String sequence, SchemaDiff.Kind edited,
                        String editedName) {
    }

    abstract Programmable programmable();

    @Test
    void a_unique_key_the_rows_repeat_fails_the_dry_run_about_the_migration_that_adds_it() throws Exception {
        files.write("V1__base.sql", BASE);
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__note.sql", "ALTER TABLE job_tickets ADD COLUMN note VARCHAR(20);\n")
                .write("V3__uniq.sql", "CREATE UNIQUE INDEX uniq_ticket_seq ON job_tickets (seq);\n")
                .write("V4__flag.sql", "ALTER TABLE job_tickets ADD COLUMN flag INTEGER;\n");

        DryRunReport report = flotilla().dryRun();

        assertThat(report.ok()).as("both rows have seq 1").isFalse();
        assertThat(report.run().problems()).singleElement().satisfies(p -> {
            assertThat(p.migration()).as(p.toString()).isEqualTo("3");
            if (report.mode().equals("clone")) { // structure only: the key is checked against the target's rows
                assertThat(p.code()).isEqualTo(ErrorCode.CHECK_FAILED);
                assertThat(p.check()).isEqualTo("unique-keys");
                assertThat(p.message()).contains("repeat '1' x2")
                        .containsIgnoringCase("unique key on job_tickets (seq) V3__uniq.sql adds");
            } else { // the statement itself fails on the rows, in the transaction
                assertThat(p.code()).isNotEqualTo(ErrorCode.CHECK_FAILED);
                assertThat(p.check()).isNull();
            }
        });
    }

    /** Seed 003's widened keys: the column is new on the target, and its default gives every existing row one value. */
    @Test
    void a_unique_key_over_a_column_the_migration_adds_with_a_default_is_checked_over_the_rows_with_that_value() throws Exception {
        files.write("V1__base.sql", BASE);
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__adopt.sql", "ALTER TABLE job_tickets ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'acme' NOT NULL;\n"
                + "CREATE UNIQUE INDEX uniq_tenant_seq ON job_tickets (tenant_id, seq);\n");

        DryRunReport report = flotilla().dryRun();

        assertThat(report.ok()).as("both rows have seq 1, and get tenant_id 'acme'").isFalse();
        assertThat(report.run().problems()).singleElement().satisfies(p -> {
            assertThat(p.migration()).as(p.toString()).isEqualTo("2");
            if (report.mode().equals("clone")) {
                assertThat(p.code()).as(p.toString()).isEqualTo(ErrorCode.CHECK_FAILED);
                assertThat(p.message()).contains("repeat '1' x2").containsIgnoringCase("tenant_id")
                        .contains("'acme'").containsIgnoringCase("(tenant_id, seq) V2__adopt.sql adds");
            }
        });
    }

    @Test
    void a_unique_key_over_a_new_column_without_a_default_passes_a_dry_run_the_rows_cannot_fail() throws Exception {
        files.write("V1__base.sql", BASE);
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__batch.sql", "ALTER TABLE job_tickets ADD COLUMN batch_code VARCHAR(20);\n"
                + "CREATE UNIQUE INDEX uniq_batch_seq ON job_tickets (batch_code, seq);\n");

        DryRunReport report = flotilla().dryRun();

        assertThat(report.ok()).as("every row's batch_code is NULL: " + report.run().problems()).isTrue();
    }

    @Test
    void reports_the_exact_diff_of_the_serial_system_integration_and_changes_nothing() throws Exception {
        files.write("V1__base.sql", BASE);
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__serial_system_integration.sql", SERIAL_SYSTEM.formatted(addUniqueConstraint()));
        TargetState before = state();
        List<String> scratchBefore = scratchOfThisProcess();

        DryRunReport report = flotilla().dryRun();

        assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
        assertThat(report.mode()).isEqualTo(expectedMode());
        Map<String, List<String>> diff = report.diff().summary();
        assertThat(lower(diff.get("tablesCreated"))).containsExactly("serial_link_outbox", "serial_quarantine", "token_spawn_log");
        assertThat(lower(diff.get("indexesAdded"))).containsExactlyInAnyOrder("idx_ticket_unspawned", "uniq_ticket_seq");
        assertThat(lower(diff.get("constraintsAdded"))).containsExactly("uniq_ticket_seq");
        assertThat(diff.get("dropped")).isEmpty();
        MigrationRun run = report.run().migrations().get(0);
        assertThat(run.statements()).hasSize(6);
        assertThat(run.statements().get(5).rowsAffected()).as("rows the UPDATE changed").isEqualTo(expectedUpdatedRows());
        assertThat(state()).as("schema and history are byte-for-byte the same").isEqualTo(before);
        assertThat(scratchOfThisProcess()).as("no scratch database is left").isEqualTo(scratchBefore);
    }

    @Test
    void a_migration_adding_a_function_a_trigger_and_a_sequence_shows_each_in_the_diff() throws Exception {
        Programmable objects = programmable();
        files.write("V1__base.sql", BASE);
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__ticket_numbering.sql", objects.create());
        TargetState before = state();

        DryRunReport report = flotilla().dryRun();

        assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
        Map<String, List<String>> diff = report.diff().summary();
        assertThat(lower(diff.get("routinesCreated"))).containsExactlyElementsOf(listOf(objects.routine()));
        assertThat(lower(diff.get("triggersAdded"))).containsExactly(objects.trigger());
        assertThat(lower(diff.get("sequencesCreated"))).containsExactlyElementsOf(listOf(objects.sequence()));
        assertThat(diff.get("dropped")).isEmpty();
        assertThat(report.run().notices()).as("the scratch copy has what the target has").isEmpty();
        assertThat(state()).as("nothing was kept").isEqualTo(before);
    }

    @Test
    void a_migration_that_edits_a_function_s_body_shows_it_changed_not_dropped_and_created() throws Exception {
        Programmable objects = programmable();
        files.write("V1__base.sql", BASE).write("V2__ticket_numbering.sql", objects.create());
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V3__ticket_numbering_by_two.sql", objects.edit());

        DryRunReport report = flotilla().dryRun();

        assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
        assertThat(report.run().notices()).as("the scratch copy has what the target has").isEmpty();
        assertThat(report.diff().changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(objects.edited());
            assertThat(change.action()).isEqualTo(SchemaDiff.Action.CHANGED);
            assertThat(change.name()).isEqualToIgnoringCase(objects.editedName());
        });
    }

    private static List<String> listOf(String name) {
        return name == null ? List.of() : List.of(name);
    }

    /** A structure-only clone has no rows to update. */
    long expectedUpdatedRows() {
        return "clone".equals(expectedMode()) ? 0 : 1;
    }

    @Test
    void each_statement_reports_the_rows_it_changed_itself_not_those_of_the_statement_before() {
        files.write("V1__rows.sql", "CREATE TABLE counted (id INTEGER);\nINSERT INTO counted (id) VALUES (1), (2), (3);\n"
                + "CREATE INDEX idx_counted ON counted (id);\nCREATE TABLE after_counted (id INTEGER);\n");

        DryRunReport report = flotilla().dryRun();

        assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
        assertThat(report.run().migrations().get(0).statements()).extracting(StatementRun::rowsAffected)
                .containsExactly(0L, 3L, 0L, 0L);
    }

    @Test
    void a_failing_migration_is_reported_and_leaves_nothing_behind() throws Exception {
        files.write("V1__base.sql", BASE);
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__broken.sql", "CREATE TABLE serial_quarantine (id INTEGER PRIMARY KEY);\nCREATE TABLE job_tickets (id INTEGER);\n");
        TargetState before = state();
        List<String> scratchBefore = scratchOfThisProcess();

        DryRunReport report = flotilla().dryRun();

        assertThat(report.status()).isEqualTo("error");
        assertThat(report.diff()).isNull();
        assertThat(report.run().problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.SQL_ERROR);
            assertThat(p.message()).contains("V2__broken.sql", "statement 2", "dry run", "The target already has what the"
                    + " statement creates", "Drop it there if it is a leftover, before deploying", "`flotilla baseline"
                    + " --version 2`").doesNotContainIgnoringCase("fix the script");
        });
        assertThat(state()).isEqualTo(before);
        assertThat(scratchOfThisProcess()).isEqualTo(scratchBefore);
    }

    @Test
    void a_target_with_nothing_pending_reports_an_empty_diff() throws Exception {
        files.write("V1__base.sql", BASE);
        flotilla().migrate();

        DryRunReport report = flotilla().dryRun();

        assertThat(report.status()).isEqualTo("success");
        assertThat(report.run().migrations()).isEmpty();
        assertThat(report.diff().isEmpty()).isTrue();
    }

    @Test
    void checks_run_on_the_migrated_schema_before_it_is_thrown_away() throws Exception {
        files.write("V1__base.sql", BASE);
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__serial_system_integration.sql", SERIAL_SYSTEM.formatted(addUniqueConstraint()));
        TargetState before = state();
        VerifyOptions verify = new VerifyOptions(java.util.Set.of(), List.of(), null, null, VerifyOptions.IndexQuery.always(
                "SELECT * FROM job_tickets WHERE spawned = 1", "SELECT * FROM serial_quarantine WHERE reason = 'x'"), null, null);

        DryRunReport report = flotilla().dryRun(new DryRunOptions(DryRunMode.AUTO, 0, null, LintOptions.DEFAULTS, verify));

        assertThat(report.checks()).filteredOn(c -> c.id().equals("index-usage")).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CheckStatus.FAILED);
            assertThat(c.problems()).singleElement().satisfies(p -> assertThat(p.toLowerCase()).contains("serial_quarantine"));
        });
        assertThat(report.checks()).filteredOn(c -> c.id().equals("history")).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CheckStatus.SKIPPED);
            assertThat(c.message()).as("the folder has files; a dry run records no history").isEqualTo("a dry run records no"
                    + " history: the history check runs after a deployment's migrations and with flotilla verify");
        });
        assertThat(report.status()).isEqualTo("error");
        assertThat(report.run().problems()).extracting(p -> p.code()).containsExactly(ErrorCode.CHECK_FAILED);
        assertThat(report.diff()).as("the migration itself ran").isNotNull();
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void a_check_since_a_pending_migration_runs_on_the_dry_runs_result_and_one_since_a_later_is_skipped() throws Exception {
        files.write("V1__base.sql", BASE);
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__serial_system_integration.sql", SERIAL_SYSTEM.formatted(addUniqueConstraint()));
        String query = "SELECT * FROM serial_quarantine WHERE reason = 'x'";
        VerifyOptions sinceTwo = new VerifyOptions(java.util.Set.of(), List.of(), null, null, List.of(
                new VerifyOptions.IndexQuery(query, new Since("2"))), null, null);
        VerifyOptions sinceThree = new VerifyOptions(java.util.Set.of(), List.of(), null, null, List.of(
                new VerifyOptions.IndexQuery(query, new Since("3"))), null, null);

        DryRunReport pending = flotilla().dryRun(new DryRunOptions(DryRunMode.AUTO, 0, null, LintOptions.DEFAULTS, sinceTwo));
        DryRunReport later = flotilla().dryRun(new DryRunOptions(DryRunMode.AUTO, 0, null, LintOptions.DEFAULTS, sinceThree));

        assertThat(pending.checks()).filteredOn(c -> c.id().equals("index-usage")).singleElement().satisfies(c -> {
            assertThat(c.status()).as("V2 counts as applied in its dry run").isEqualTo(CheckStatus.FAILED);
            assertThat(c.problems()).singleElement().satisfies(p -> assertThat(p.toLowerCase()).contains("serial_quarantine"));
        });
        assertThat(later.checks()).filteredOn(c -> c.id().equals("index-usage")).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CheckStatus.SKIPPED);
            assertThat(c.message()).isEqualTo("not applicable yet: applies since migration 3, the target is at version 2");
        });
        assertThat(later.status()).isEqualTo("success");
    }

    /**
     * The scratch databases and schemas on the target's server that this process made (a scratch's name ends with its
     * owner's pid and place), and those whose name names no owner: the scratches of tests running elsewhere on the same
     * server at the same time (another fork, another checkout) come and go during a test.
     */
    private List<String> scratchOfThisProcess() throws java.sql.SQLException {
        String own = "_p" + ProcessHandle.current().pid() + "_";
        return ScratchCleanup.find(target).stream().filter(name -> name.contains(own) || !OWNED.matcher(name).find()).toList();
    }
}
