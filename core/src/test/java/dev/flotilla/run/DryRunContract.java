package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.verify.CheckStatus;
import dev.flotilla.verify.Since;
import dev.flotilla.verify.VerifyOptions;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.scratch.ScratchCleanup;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a dry run must do on every dialect: report the exact schema diff of seed 000's serial-system
 * integration and leave the target's schema and history exactly as they were, also when a migration fails.
 */
abstract class DryRunContract {
    static final String BASE = """
            CREATE TABLE job_tickets (id INTEGER PRIMARY KEY, ticket_code VARCHAR(40) NOT NULL, seq INTEGER NOT NULL,
                                      spawned INTEGER DEFAULT 0 NOT NULL);
            INSERT INTO job_tickets (id, ticket_code, seq, spawned) VALUES (1, 'T-1', 1, 0);
            INSERT INTO job_tickets (id, ticket_code, seq, spawned) VALUES (2, 'T-2', 1, 0);
            """;
    static final String SERIAL_SYSTEM = """
            CREATE TABLE serial_link_outbox (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, payload VARCHAR(2000));
            CREATE TABLE token_spawn_log (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, spawned_at TIMESTAMP);
            CREATE TABLE serial_quarantine (id INTEGER PRIMARY KEY, serial_no VARCHAR(64) NOT NULL, reason VARCHAR(200));
            %s;
            CREATE INDEX idx_ticket_unspawned ON job_tickets (spawned, id);
            UPDATE job_tickets SET spawned = 1 WHERE id = 1;
            """;

    @TempDir
    Path temp;
    TargetSpec target;
    MigrationFolder files;

    abstract TargetSpec createTarget(Path temp);

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

    @BeforeEach
    void setUp() {
        target = createTarget(temp);
        files = new MigrationFolder(temp.resolve("migrations"));
    }

    @AfterEach
    void tearDown() {
        TestDatabases.drop(target);
    }

    Flotilla flotilla() {
        return Flotilla.load(TargetOptions.of(target, files.path()));
    }

    record TargetState(String fingerprint, List<String> canonical, List<AppliedMigration> history) {
    }

    TargetState state() throws SQLException {
        try (TargetSession session = TargetSession.open(target, false)) {
            SchemaSnapshot snapshot = SnapshotReader.of(session);
            return new TargetState(snapshot.fingerprint(), snapshot.canonicalLines(), session.history().read());
        }
    }

    static List<String> lower(List<String> names) {
        return names.stream().map(String::toLowerCase).toList();
    }

    /** The tables (lower case) a dry run of rolling back V2, which created labels and label_log, says {@code down} drops. */
    List<String> droppedByRollingBackLabels(String down) throws Exception {
        files.write("V1__base.sql", BASE).write("V2__labels.sql", "CREATE TABLE labels (id INTEGER PRIMARY KEY);\n"
                + "CREATE TABLE label_log (id INTEGER PRIMARY KEY);\n").write("U2__labels.sql", down);
        assertThat(flotilla().migrate().ok()).isTrue();
        DryRunReport report = flotilla().dryRun(DryRunOptions.DEFAULTS.withRollback(RollbackRequest.steps(1)));
        assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
        return report.rollback().droppedTables().stream().map(t -> t.table().toLowerCase()).toList();
    }

    @Test
    void reports_the_exact_diff_of_the_serial_system_integration_and_changes_nothing() throws Exception {
        files.write("V1__base.sql", BASE);
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__serial_system_integration.sql", SERIAL_SYSTEM.formatted(addUniqueConstraint()));
        TargetState before = state();
        List<String> scratchBefore = ScratchCleanup.find(target);

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
        assertThat(ScratchCleanup.find(target)).as("no scratch database is left").isEqualTo(scratchBefore);
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
        List<String> scratchBefore = ScratchCleanup.find(target);

        DryRunReport report = flotilla().dryRun();

        assertThat(report.status()).isEqualTo("error");
        assertThat(report.diff()).isNull();
        assertThat(report.run().problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.SQL_ERROR);
            assertThat(p.message()).contains("V2__broken.sql", "statement 2", "dry run");
        });
        assertThat(state()).isEqualTo(before);
        assertThat(ScratchCleanup.find(target)).isEqualTo(scratchBefore);
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

    /** DROP INDEX for an index of a table, in this dialect. */
    String dropIndex(String index, String table) {
        return "DROP INDEX " + index;
    }

    static final String QUARANTINE = "CREATE TABLE serial_quarantine (id INTEGER PRIMARY KEY, reason VARCHAR(200));\n"
            + "CREATE INDEX idx_ticket_code ON job_tickets (ticket_code);\n";

    @Test
    void the_round_trip_check_catches_a_down_file_that_forgets_an_index() throws Exception {
        files.write("V1__base.sql", BASE);
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__quarantine.sql", QUARANTINE).write("U2__quarantine.sql", "DROP TABLE serial_quarantine;\n");
        TargetState before = state();

        DryRunReport report = flotilla().dryRun(new DryRunOptions(DryRunMode.AUTO, 0, null, LintOptions.DEFAULTS, null, true));

        assertThat(report.roundTrips()).singleElement().satisfies(r -> {
            assertThat(r.version()).isEqualTo("2");
            assertThat(r.ok()).isFalse();
            assertThat(String.join(" ", r.problems()).toLowerCase()).contains("does not give back", "idx_ticket_code");
        });
        assertThat(report.run().problems()).extracting(p -> p.code()).containsExactly(ErrorCode.ROUND_TRIP_FAILED);
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void a_down_file_that_undoes_everything_passes_the_round_trip() throws Exception {
        files.write("V1__base.sql", BASE);
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__quarantine.sql", QUARANTINE).write("U2__quarantine.sql", "DROP TABLE serial_quarantine;\n"
                + dropIndex("idx_ticket_code", "job_tickets") + ";\n");

        DryRunReport report = flotilla().dryRun(new DryRunOptions(DryRunMode.AUTO, 0, null, LintOptions.DEFAULTS, null, true));

        assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
        assertThat(report.roundTrips()).singleElement().satisfies(r -> assertThat(r.ok()).as(r.problems().toString()).isTrue());
        assertThat(lower(report.diff().summary().get("tablesCreated"))).containsExactly("serial_quarantine");
    }

    @Test
    void a_dry_run_of_a_rollback_reports_what_the_down_file_would_drop_and_changes_nothing() throws Exception {
        files.write("V1__base.sql", BASE).write("V2__quarantine.sql", QUARANTINE).write("U2__quarantine.sql",
                "DROP TABLE serial_quarantine;\n" + dropIndex("idx_ticket_code", "job_tickets") + ";\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        TargetState before = state();

        DryRunReport report = flotilla().dryRun(DryRunOptions.DEFAULTS.withRollback(RollbackRequest.steps(1)));

        assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
        assertThat(report.run().migrations()).extracting(MigrationRun::script).containsExactly("U2__quarantine.sql");
        assertThat(lower(report.diff().summary().get("dropped"))).contains("table serial_quarantine", "index idx_ticket_code");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void a_dry_run_of_a_rollback_counts_the_rows_of_the_tables_it_drops_and_names_the_repeatables_it_would_mark()
            throws Exception {
        files.write("V1__base.sql", BASE).write("R__tickets.sql", "DROP VIEW IF EXISTS ticket_codes;\n"
                + "CREATE VIEW ticket_codes AS SELECT ticket_code FROM job_tickets;\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__labels.sql", "CREATE TABLE labels (id INTEGER PRIMARY KEY, name VARCHAR(20));\n"
                        + "CREATE TABLE label_log (id INTEGER PRIMARY KEY);\n"
                        + "INSERT INTO labels (id, name) VALUES (1, 'a');\nINSERT INTO labels (id, name) VALUES (2, 'b');\n")
                .write("U2__labels.sql", "DROP VIEW IF EXISTS label_names;\n-- the log goes too\n"
                        + "DROP TABLE IF EXISTS labels;\nDROP TABLE label_log;\nDROP TABLE IF EXISTS never_created;\n")
                .write("R__labels.sql", "DROP VIEW IF EXISTS label_names;\nCREATE VIEW label_names AS SELECT name FROM labels;\n");
        assertThat(flotilla().migrate().ok()).isTrue();

        DryRunReport report = flotilla().dryRun(DryRunOptions.DEFAULTS.withRollback(RollbackRequest.steps(1)));
        RunReport rollback = flotilla().rollback(RollbackRequest.steps(1));

        assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
        assertThat(report.rollback().droppedTables()).extracting(t -> t.table().toLowerCase(), RollbackForecast.DroppedTable::script,
                RollbackForecast.DroppedTable::rows).containsExactly(
                org.assertj.core.groups.Tuple.tuple("labels", "U2__labels.sql", 2L),
                org.assertj.core.groups.Tuple.tuple("label_log", "U2__labels.sql", 0L));
        assertThat(report.rollback().repeatables()).as("not R__tickets.sql, applied before V2").containsExactly("R__labels.sql");
        assertThat(rollback.notices()).as("what the rollback itself marks").singleElement().asString()
                .startsWith("R__labels.sql was applied over what the rollback undid");
    }
}
