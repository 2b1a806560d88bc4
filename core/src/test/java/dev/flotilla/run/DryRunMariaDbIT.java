package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DryRunMariaDbIT extends DryRunContract {
    @Override
    protected TargetSpec createTarget(Path temp) {
        return TestDatabases.mariadb(TestDatabases.uniqueName());
    }

    @Override
    String expectedMode() {
        return "clone";
    }

    @Override
    Programmable programmable() {
        return new Programmable("""
                CREATE SEQUENCE ticket_numbers START WITH 100;
                CREATE FUNCTION next_ticket_seq(n INT) RETURNS INT DETERMINISTIC RETURN n + 1;
                CREATE TRIGGER trg_ticket_seq BEFORE INSERT ON job_tickets FOR EACH ROW SET NEW.seq = next_ticket_seq(NEW.seq);
                """, """
                DROP FUNCTION next_ticket_seq;
                CREATE FUNCTION next_ticket_seq(n INT) RETURNS INT DETERMINISTIC RETURN n + 2;
                """, "next_ticket_seq(int(11))", "trg_ticket_seq", "ticket_numbers", SchemaDiff.Kind.ROUTINE,
                "next_ticket_seq(int(11))");
    }

    @Test
    void a_dry_run_of_a_rollback_reads_a_hash_comment_in_a_drop_table_as_mariadb_does() throws Exception {
        assertThat(droppedByRollingBackLabels("DROP TABLE labels, # the log's too\n  label_log;\n"))
                .containsExactly("labels", "label_log");
    }

    @Test
    void a_target_with_nothing_pending_is_not_copied_to_a_scratch_clone_to_say_so() throws Exception {
        files.write("V1__base.sql", BASE);
        flotilla().migrate();
        TargetState before = state();

        DryRunReport report = flotilla().dryRun();

        assertThat(report.status()).isEqualTo("success");
        assertThat(report.mode()).as("nothing to run: no scratch copy").isEqualTo("transaction");
        assertThat(report.diff() == null || report.diff().isEmpty()).isTrue();
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void a_clone_dry_run_shows_no_progress_of_a_backfill_on_its_scratch_copy() throws Exception {
        files.write("V1__base.sql", BASE);
        flotilla().migrate();
        files.write("V2__note.sql", "ALTER TABLE job_tickets ADD COLUMN note VARCHAR(20);\n"
                + "-- flotilla:backfill table=job_tickets column=note value='x' key=id batch=1\n");

        try (BackfillLines lines = BackfillLines.listen()) {
            DryRunReport report = flotilla().dryRun(new DryRunOptions(DryRunMode.CLONE, 5, null, LintOptions.DEFAULTS));

            assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
            assertThat(lines.take()).as("the copy's backfill (flotilla_dry_...) is the dry run's own work").isEmpty();
        }
    }

    @Test
    void views_and_triggers_are_copied_and_schema_placeholders_name_the_copy() throws Exception {
        files.write("V1__base.sql", BASE + """
                CREATE VIEW open_tickets AS SELECT id, ticket_code FROM job_tickets WHERE spawned = 0;
                CREATE TRIGGER trg_tickets BEFORE INSERT ON job_tickets FOR EACH ROW SET NEW.seq = NEW.seq + 0;
                """);
        flotilla().migrate();
        files.write("V2__more.sql", "ALTER TABLE ${schema}.job_tickets ADD COLUMN note VARCHAR(20);\n"
                + "CREATE VIEW spawned_tickets AS SELECT t.id FROM open_tickets o JOIN job_tickets t ON t.id = o.id;\n"
                + "INSERT INTO job_tickets (id, ticket_code, seq) VALUES (9, 'T-9', 1);\n");
        TargetState before = state();

        DryRunReport report = flotilla().dryRun(new DryRunOptions(DryRunMode.AUTO, 5, null, LintOptions.DEFAULTS));

        assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
        assertThat(report.run().notices()).as("the copy equals the target").isEmpty();
        assertThat(report.diff().names(SchemaDiff.Kind.COLUMN, SchemaDiff.Action.ADDED)).containsExactly("job_tickets.note");
        assertThat(report.diff().names(SchemaDiff.Kind.VIEW, SchemaDiff.Action.ADDED)).containsExactly("spawned_tickets");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void a_clone_without_rows_fails_a_unique_key_the_target_s_rows_repeat_and_says_in_one_line_what_it_did_not_test() throws Exception {
        files.write("V1__base.sql", BASE);
        flotilla().migrate();
        // Both rows have seq 1: the unique key fails on the target's rows, never on a copy without them.
        files.write("V2__uniq.sql", "ALTER TABLE job_tickets ADD UNIQUE KEY uniq_ticket_seq (seq);\n");

        DryRunReport structureOnly = flotilla().dryRun(new DryRunOptions(DryRunMode.CLONE, 0, null, LintOptions.DEFAULTS));
        DryRunReport withRows = flotilla().dryRun(new DryRunOptions(DryRunMode.CLONE, 5, null, LintOptions.DEFAULTS));

        assertThat(structureOnly.ok()).as("the target's rows repeat what the new unique key covers: it would fail").isFalse();
        assertThat(structureOnly.run().problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(dev.flotilla.ErrorCode.CHECK_FAILED);
            assertThat(p.message()).contains("repeat '1' x2", "unique key on job_tickets (seq)", "Remove the duplicates");
        });
        assertThat(structureOnly.run().notices()).noneMatch(n -> n.contains("repeat"));
        assertThat(structureOnly.structureOnly()).isTrue();
        assertThat(structureOnly.structureOnlyNote()).startsWith("Tested on a structure-only copy (no rows): ")
                .contains("a unique key added or restored is checked against the target's rows", "NOT NULL", "--sample-rows N").doesNotContain("\n");
        assertThat(withRows.ok()).as("the duplicate found with the rows").isFalse();
        assertThat(withRows.structureOnly()).isFalse();
        assertThat(withRows.structureOnlyNote()).isNull();
    }

    @Test
    void a_database_the_url_names_that_does_not_exist_yet_is_dry_run_on_an_empty_copy_and_not_created() throws Exception {
        String database = target.schema();
        TargetSpec inUrl = new TargetSpec(TestDatabases.MARIADB_URL.substring(0, TestDatabases.MARIADB_URL.lastIndexOf('/') + 1)
                + database, TestDatabases.MARIADB_USER, null, null, null);
        files.write("V1__base.sql", BASE);

        DryRunReport report = Flotilla.load(TargetOptions.of(inUrl, files.path())).dryRun();

        assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
        assertThat(report.diff().names(SchemaDiff.Kind.TABLE, SchemaDiff.Action.ADDED)).containsExactly("job_tickets");
        try (TargetSession session = TargetSession.open(target, false)) {
            assertThat(session.schemaExists()).as("the dry run creates nothing").isFalse();
        }
    }

    @Test
    void a_migration_failing_on_the_empty_copy_of_a_database_not_created_yet_says_so_not_only_the_copy_s_error()
            throws Exception {
        TargetSpec inUrl = new TargetSpec(TestDatabases.MARIADB_URL.substring(0, TestDatabases.MARIADB_URL.lastIndexOf('/') + 1)
                + target.schema(), TestDatabases.MARIADB_USER, null, null, null);
        files.write("V1__serials.sql", "CREATE UNIQUE INDEX uniq_ticket_seq ON job_ticket_serial (ticket_id, seq);\n");

        DryRunReport report = Flotilla.load(TargetOptions.of(inUrl, files.path())).dryRun();

        assertThat(report.ok()).isFalse();
        assertThat(report.run().migrations().get(0).error()).contains("job_ticket_serial")
                .contains(" The database " + target.schema() + " does not exist: it would be created by deploy, empty, and"
                        + " this was tested on an empty database (flotilla_dry_")
                .endsWith("a deploy would fail the same way. If the tenant's database has another name, remove the tenant"
                        + " and add it again under the right name.");
        try (TargetSession session = TargetSession.open(target, false)) {
            assertThat(session.schemaExists()).as("the dry run creates nothing").isFalse();
        }
    }

    @Test
    void a_sequence_is_copied_with_its_options_and_one_a_migration_alters_is_a_change() throws Exception {
        TargetSpec numbers = TestDatabases.mariadb("fxcc_" + TestDatabases.uniqueName());
        try {
            files.write("V1__numbers.sql", "CREATE SEQUENCE ticket_numbers START WITH 100 INCREMENT BY 5 CACHE 10;\n");
            assertThat(Flotilla.load(TargetOptions.of(numbers, files.path())).migrate().ok()).isTrue();
            files.write("V2__numbers.sql", "ALTER SEQUENCE ticket_numbers INCREMENT BY 10;\n");

            DryRunReport report = Flotilla.load(TargetOptions.of(numbers, files.path())).dryRun();

            assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
            assertThat(report.run().notices()).as("the copy equals the target").isEmpty();
            assertThat(report.diff().changes()).singleElement().hasToString("changed sequence ticket_numbers: definition changed");
        } finally {
            TestDatabases.drop(numbers);
        }
    }

    @Test
    void rows_a_dry_run_inserts_take_their_default_from_the_copy_s_sequence_not_the_tenant_s() throws Exception {
        TargetSpec numbers = TestDatabases.mariadb("fxcc_" + TestDatabases.uniqueName());
        try {
            files.write("V1__numbers.sql", "CREATE SEQUENCE ticket_numbers START WITH 100;\n"
                    + "CREATE TABLE tickets (no BIGINT NOT NULL DEFAULT NEXTVAL(ticket_numbers) PRIMARY KEY, code VARCHAR(10));\n");
            assertThat(Flotilla.load(TargetOptions.of(numbers, files.path())).migrate().ok()).isTrue();
            files.write("V2__first.sql", "INSERT INTO tickets (code) VALUES ('first');\n");

            DryRunReport report = Flotilla.load(TargetOptions.of(numbers, files.path())).dryRun();

            assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
            assertThat(report.run().notices()).as("the copy equals the target").isEmpty();
            try (TargetSession session = TargetSession.open(numbers, false)) {
                assertThat(dev.flotilla.sql.Jdbc.queryString(session.connection(), "SELECT NEXTVAL(ticket_numbers)"))
                        .as("the tenant's sequence untouched").isEqualTo("100");
            }
        } finally {
            TestDatabases.drop(numbers);
        }
    }

    @Override
    public String dropIndex(String index, String table) {
        return "DROP INDEX " + index + " ON " + table;
    }
    @Test
    void a_user_refused_the_scratch_database_is_told_the_grant_it_needs() throws Exception {
        files.write("V1__base.sql", BASE);
        flotilla().migrate();
        files.write("V2__more.sql", "ALTER TABLE job_tickets ADD COLUMN note VARCHAR(20);\n");
        String user = TestDatabases.uniqueName();
        TestDatabases.execute(TestDatabases.mariadb(null), "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw_" + user + "'",
                "GRANT ALL ON `" + target.schema() + "`.* TO '" + user + "'@'%'");
        try {
            TargetSpec limited = new TargetSpec(TestDatabases.mariadbUrl(target.schema()), user, dev.flotilla.target.Secret.of("pw_" + user), target.schema(),
                    target.historyTable());

            DryRunReport report = Flotilla.load(TargetOptions.of(limited, files.path()))
                    .dryRun(new DryRunOptions(DryRunMode.CLONE, 0, null, LintOptions.DEFAULTS));

            assertThat(report.run().problems()).singleElement().satisfies(p -> {
                assertThat(p.code()).isEqualTo(dev.flotilla.ErrorCode.CLONE_FAILED);
                assertThat(p.message()).contains("Access denied for user '" + user + "'@'%'",
                        "GRANT ALL ON `flotilla\\_dry\\_%`.* TO '" + user + "'@'%'");
            });
            assertThat(report.copyFailed()).isTrue();
            assertThat(report.structureOnly()).as("nothing was tested on a copy: none was made").isFalse();
        } finally {
            TestDatabases.execute(TestDatabases.mariadb(null), "DROP USER IF EXISTS '" + user + "'@'%'");
        }
    }

    /**
     * A tenant whose V2 failed at its second statement keeps the first (MariaDB commits each DDL): its history records V2
     * failed, statement 1 applied. Its dry run does not run, before a copy is made: trying V2 again would run statement 1
     * a second time on a schema that has it. It fails FAILED_MIGRATION, as a deploy of the tenant does, naming the
     * statement still in effect and the repairs to run first; the target is left as it was.
     */
    @Test
    void a_tenant_whose_migration_failed_half_way_is_refused_a_dry_run_that_names_the_repair_to_run_first() throws Exception {
        files.write("V1__base.sql", BASE);
        flotilla().migrate();
        files.write("V2__half.sql", "ALTER TABLE job_tickets ADD COLUMN note VARCHAR(20);\n"
                + "ALTER TABLE no_such_table ADD COLUMN flag INT;\n");
        assertThat(flotilla().migrate().ok()).isFalse();
        files.write("V2__half.sql", "ALTER TABLE job_tickets ADD COLUMN note VARCHAR(20);\n"
                + "ALTER TABLE job_tickets ADD COLUMN flag INT;\n");
        TargetState before = state();

        DryRunReport report = flotilla().dryRun();

        assertThat(report.ok()).isFalse();
        assertThat(report.mode()).as("no copy was made, nothing tried").isNull();
        assertThat(report.run().problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.FAILED_MIGRATION);
            assertThat(p.migration()).isEqualTo("2");
            assertThat(p.message()).contains("at statement 2; statement 1 was applied and is still in effect")
                    .contains("undo the applied part by hand and run `flotilla repair --rerun-from-start`")
                    .contains("`flotilla repair --mark-applied 2`");
        });
        assertThat(state()).isEqualTo(before);
    }
}
