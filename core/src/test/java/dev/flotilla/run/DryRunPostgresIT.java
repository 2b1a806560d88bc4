package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.FlotillaException;

import dev.flotilla.lint.LintOptions;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DryRunPostgresIT extends DryRunContract {
    @Override
    protected TargetSpec createTarget(Path temp) {
        return TestDatabases.postgres(TestDatabases.uniqueName());
    }

    @Override
    String expectedMode() {
        return "transaction";
    }

    @Override
    Programmable programmable() {
        return new Programmable("""
                CREATE SEQUENCE ticket_numbers START 100;
                CREATE FUNCTION next_ticket_seq() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.seq := NEW.seq + 1; RETURN NEW; END $$;
                CREATE TRIGGER trg_ticket_seq BEFORE INSERT ON job_tickets FOR EACH ROW EXECUTE FUNCTION next_ticket_seq();
                """, """
                CREATE OR REPLACE FUNCTION next_ticket_seq() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.seq := NEW.seq + 2; RETURN NEW; END $$;
                """, "next_ticket_seq()", "trg_ticket_seq", "ticket_numbers", SchemaDiff.Kind.ROUTINE, "next_ticket_seq()");
    }

    @Test
    void a_dry_run_of_a_rollback_reads_a_nested_comment_in_a_drop_table_as_postgresql_does() throws Exception {
        assertThat(droppedByRollingBackLabels("DROP TABLE labels /* and /* nested */ its log */, label_log;\n"))
                .containsExactly("labels", "label_log");
    }

    @Test
    void a_statement_that_ends_its_own_session_is_told_with_its_own_error_not_the_closed_connection_of_the_rollback()
            throws Exception {
        files.write("V1__base.sql", BASE);
        flotilla().migrate();
        files.write("V2__ends_its_session.sql", "CREATE TABLE alpha (id INT);\nSELECT pg_terminate_backend(pg_backend_pid());\n");
        TargetState before = state();

        assertThatThrownBy(() -> flotilla().dryRun()).isInstanceOfSatisfying(FlotillaException.class, e -> {
            assertThat(e.getMessage()).contains("V2__ends_its_session.sql failed at statement 2 of 2", "57P01",
                    "terminating connection", "This was a dry run: nothing was kept.",
                    "Rolling back the dry run's transaction failed too");
            assertThat(e.getCause()).isInstanceOf(SQLException.class).hasMessageContaining("terminating connection");
            assertThat(e.getSuppressed()).as("the rollback's failure").isNotEmpty();
        });
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void create_index_concurrently_forces_a_clone_and_changes_nothing() throws Exception {
        files.write("V1__base.sql", BASE);
        flotilla().migrate();
        files.write("V2__index.sql", "CREATE INDEX CONCURRENTLY idx_ticket_code ON job_tickets (ticket_code);\n");
        TargetState before = state();

        DryRunReport report = flotilla().dryRun();

        assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
        assertThat(report.mode()).isEqualTo("clone");
        assertThat(report.diff().names(SchemaDiff.Kind.INDEX, SchemaDiff.Action.ADDED)).containsExactly("idx_ticket_code");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void a_first_migration_that_forces_a_clone_runs_on_an_empty_copy_when_the_schema_does_not_exist_yet() throws Exception {
        files.write("V1__base.sql", "CREATE TABLE job_tickets (id INTEGER PRIMARY KEY, ticket_code VARCHAR(40) NOT NULL);\n"
                + "CREATE INDEX CONCURRENTLY idx_ticket_code ON job_tickets (ticket_code);\n");

        DryRunReport report = flotilla().dryRun();

        assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
        assertThat(report.mode()).isEqualTo("clone");
        assertThat(report.diff().names(SchemaDiff.Kind.TABLE, SchemaDiff.Action.ADDED)).containsExactly("job_tickets");
        assertThat(report.run().notices()).as("a new tenant's: nothing to warn of").isEmpty();
        try (TargetSession session = TargetSession.open(target, false)) {
            assertThat(session.schemaExists()).as("the dry run creates nothing on the target").isFalse();
        }
    }

    @Test
    void a_migration_failing_on_a_schema_not_created_yet_says_it_was_tested_empty_as_a_deploy_would_create_it()
            throws Exception {
        files.write("V1__serials.sql", "CREATE UNIQUE INDEX uniq_ticket_seq ON job_ticket_serial (ticket_id, seq);\n");

        DryRunReport report = flotilla().dryRun();

        assertThat(report.ok()).isFalse();
        assertThat(report.mode()).isEqualTo("transaction");
        assertThat(report.run().migrations().get(0).error()).contains("job_ticket_serial")
                .endsWith(" The schema " + target.schema() + " does not exist: it would be created by deploy, empty, and this"
                        + " was tested on an empty schema, every migration from the first: a deploy would fail the same way."
                        + " If the tenant's schema has another name, remove the tenant and add it again under the right name.");
    }

    @Test
    void a_clone_with_sample_rows_runs_data_changes_on_copied_rows() throws Exception {
        files.write("V1__base.sql", BASE);
        flotilla().migrate();
        files.write("V2__backfill.sql", "UPDATE job_tickets SET spawned = 2;\n");
        TargetState before = state();

        DryRunReport report = flotilla().dryRun(new DryRunOptions(DryRunMode.CLONE, 1, null, LintOptions.DEFAULTS));

        assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
        assertThat(report.mode()).isEqualTo("clone");
        assertThat(report.run().migrations().get(0).statements().get(0).rowsAffected()).isEqualTo(1);
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void a_structure_only_clone_fails_a_new_unique_index_the_target_s_rows_repeat() throws Exception {
        files.write("V1__base.sql", BASE);
        flotilla().migrate();
        files.write("V2__uniq.sql", "CREATE UNIQUE INDEX CONCURRENTLY uniq_ticket_seq ON job_tickets (seq);\n");

        DryRunReport report = flotilla().dryRun(new DryRunOptions(DryRunMode.AUTO, 0, null, LintOptions.DEFAULTS));

        assertThat(report.mode()).as("CONCURRENTLY cannot run in a transaction").isEqualTo("clone");
        assertThat(report.ok()).as("both rows have seq 1: the index would fail on the target").isFalse();
        assertThat(report.run().problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(dev.flotilla.ErrorCode.CHECK_FAILED);
            assertThat(p.message()).contains("repeat '1' x2", "unique key on job_tickets (seq)");
        });
    }
}
