package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.lint.LintOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dry runs of down files on every dialect: the round trip (up, down, up again) catches a down file that does not give
 * back what its migration took, and a dry run of a rollback reports what it would drop and changes nothing.
 */
interface DryRunRollbackContract extends DryRunFixture {
    /** The tables (lower case) a dry run of rolling back V2, which created labels and label_log, says {@code down} drops. */
    default List<String> droppedByRollingBackLabels(String down) throws Exception {
        files().write("V1__base.sql", BASE).write("V2__labels.sql", "CREATE TABLE labels (id INTEGER PRIMARY KEY);\n"
                + "CREATE TABLE label_log (id INTEGER PRIMARY KEY);\n").write("U2__labels.sql", down);
        assertThat(flotilla().migrate().ok()).isTrue();
        DryRunReport report = flotilla().dryRun(DryRunOptions.DEFAULTS.withRollback(RollbackRequest.steps(1)));
        assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
        return report.rollback().droppedTables().stream().map(t -> t.table().toLowerCase()).toList();
    }

    /** DROP INDEX for an index of a table, in this dialect. */
    default String dropIndex(String index, String table) {
        return "DROP INDEX " + index;
    }

    String QUARANTINE = "CREATE TABLE serial_quarantine (id INTEGER PRIMARY KEY, reason VARCHAR(200));\n"
            + "CREATE INDEX idx_ticket_code ON job_tickets (ticket_code);\n";

    @Test
    default void the_round_trip_check_catches_a_down_file_that_forgets_an_index() throws Exception {
        files().write("V1__base.sql", BASE);
        assertThat(flotilla().migrate().ok()).isTrue();
        files().write("V2__quarantine.sql", QUARANTINE).write("U2__quarantine.sql", "DROP TABLE serial_quarantine;\n");
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
    default void a_down_file_that_undoes_everything_passes_the_round_trip() throws Exception {
        files().write("V1__base.sql", BASE);
        assertThat(flotilla().migrate().ok()).isTrue();
        files().write("V2__quarantine.sql", QUARANTINE).write("U2__quarantine.sql", "DROP TABLE serial_quarantine;\n"
                + dropIndex("idx_ticket_code", "job_tickets") + ";\n");

        DryRunReport report = flotilla().dryRun(new DryRunOptions(DryRunMode.AUTO, 0, null, LintOptions.DEFAULTS, null, true));

        assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
        assertThat(report.roundTrips()).singleElement().satisfies(r -> assertThat(r.ok()).as(r.problems().toString()).isTrue());
        assertThat(lower(report.diff().summary().get("tablesCreated"))).containsExactly("serial_quarantine");
    }

    @Test
    default void a_dry_run_of_a_rollback_reports_what_the_down_file_would_drop_and_changes_nothing() throws Exception {
        files().write("V1__base.sql", BASE).write("V2__quarantine.sql", QUARANTINE).write("U2__quarantine.sql",
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
    default void a_table_the_down_file_rebuilds_with_its_rows_is_not_said_to_be_dropped() throws Exception {
        List<String> dropped = droppedByRollingBackLabels("""
                CREATE TABLE old_labels (id INTEGER PRIMARY KEY);
                INSERT INTO old_labels (id) SELECT id FROM labels;
                DROP TABLE labels;
                ALTER TABLE old_labels RENAME TO labels;
                DROP TABLE label_log;
                """);

        assertThat(dropped).as("labels' rows live on in the table that takes its name; label_log's are lost")
                .containsExactly("label_log");
    }

    @Test
    default void a_table_the_down_file_drops_again_after_rebuilding_it_is_said_to_be_dropped() throws Exception {
        List<String> dropped = droppedByRollingBackLabels("""
                CREATE TABLE old_labels (id INTEGER PRIMARY KEY);
                INSERT INTO old_labels (id) SELECT id FROM labels;
                DROP TABLE labels;
                ALTER TABLE old_labels RENAME TO labels;
                DROP TABLE labels;
                """);

        assertThat(dropped).as("the rebuild kept labels' rows; the second DROP loses them").containsExactly("labels");
    }

    @Test
    default void a_dry_run_of_a_rollback_counts_the_rows_of_the_tables_it_drops_and_names_the_repeatables_it_would_mark()
            throws Exception {
        files().write("V1__base.sql", BASE).write("R__tickets.sql", "DROP VIEW IF EXISTS ticket_codes;\n"
                + "CREATE VIEW ticket_codes AS SELECT ticket_code FROM job_tickets;\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        files().write("V2__labels.sql", "CREATE TABLE labels (id INTEGER PRIMARY KEY, name VARCHAR(20));\n"
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
