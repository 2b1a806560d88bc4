package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.lint.LintOptions;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DryRunMariaDbIT extends DryRunContract {
    @Override
    TargetSpec createTarget(Path temp) {
        return TestDatabases.mariadb(TestDatabases.uniqueName());
    }

    @Override
    String expectedMode() {
        return "clone";
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

    @Override
    String dropIndex(String index, String table) {
        return "DROP INDEX " + index + " ON " + table;
    }
}
