package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DryRunSqliteIT extends DryRunContract {
    @Override
    protected TargetSpec createTarget(Path temp) {
        return TestDatabases.sqlite(temp);
    }

    @Override
    String expectedMode() {
        return "transaction";
    }

    /** SQLite has no functions or sequences of its own: its trigger is the object a migration edits. */
    @Override
    Programmable programmable() {
        return new Programmable("""
                CREATE TRIGGER trg_ticket_seq AFTER INSERT ON job_tickets BEGIN
                    UPDATE job_tickets SET seq = seq + 1 WHERE id = NEW.id;
                END;
                """, """
                DROP TRIGGER trg_ticket_seq;
                CREATE TRIGGER trg_ticket_seq AFTER INSERT ON job_tickets BEGIN
                    UPDATE job_tickets SET seq = seq + 2 WHERE id = NEW.id;
                END;
                """, null, "trg_ticket_seq", null, SchemaDiff.Kind.TRIGGER, "trg_ticket_seq");
    }

    /** SQLite cannot add a constraint to an existing table; a full unique index is its unique constraint. */
    @Override
    String addUniqueConstraint() {
        return "CREATE UNIQUE INDEX uniq_ticket_seq ON job_tickets (ticket_code, seq)";
    }

    @Test
    void a_clone_is_not_supported_yet_and_says_so() {
        files.write("V1__base.sql", BASE);

        DryRunReport report = flotilla().dryRun(new DryRunOptions(DryRunMode.CLONE, 0, null, LintOptions.DEFAULTS));

        assertThat(report.run().problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.NOT_SUPPORTED_YET);
            assertThat(p.message()).contains("clone", "sqlite", "--mode transaction");
        });
    }
}
