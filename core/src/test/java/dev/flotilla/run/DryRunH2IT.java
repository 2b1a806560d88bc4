package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** H2 commits DDL by itself: its dry runs go to an in-memory copy. */
class DryRunH2IT extends DryRunContract {
    @Override
    protected TargetSpec createTarget(Path temp) {
        return TestDatabases.h2(TestDatabases.uniqueName());
    }

    @Override
    String expectedMode() {
        return "clone";
    }

    @Override
    Programmable programmable() {
        return new Programmable("""
                CREATE SEQUENCE ticket_numbers START WITH 100;
                CREATE ALIAS next_ticket_seq FOR 'java.lang.Math.incrementExact(int)';
                CREATE TRIGGER trg_ticket_seq BEFORE INSERT ON job_tickets FOR EACH ROW CALL 'dev.flotilla.testing.NoOpTrigger';
                """, """
                DROP ALIAS next_ticket_seq;
                CREATE ALIAS next_ticket_seq FOR 'java.lang.Math.negateExact(int)';
                """, "next_ticket_seq(integer)", "trg_ticket_seq", "ticket_numbers", SchemaDiff.Kind.ROUTINE,
                "next_ticket_seq(integer)");
    }

    @Test
    void a_transaction_is_refused_because_h2_commits_ddl() {
        files.write("V1__base.sql", BASE);

        DryRunReport report = flotilla().dryRun(new DryRunOptions(DryRunMode.TRANSACTION, 0, null, LintOptions.DEFAULTS));

        assertThat(report.run().problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.NOT_SUPPORTED_YET);
            assertThat(p.message()).contains("commits DDL", "--mode clone");
        });
    }
}
