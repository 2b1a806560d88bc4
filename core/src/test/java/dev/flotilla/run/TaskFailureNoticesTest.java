package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.ErrorCode;
import dev.flotilla.migration.MigrationKind;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A deploy task's failure is followed by the run's notices, as long as they still hold for the target. */
class TaskFailureNoticesTest {
    private static final String TARGET = "db (schema t_acme)";
    private static final Advice NO_HISTORY = TablesWithoutHistory.whenMigrating(TARGET, 1, "tenant_migrations");
    private static final Advice LARAVEL = TablesWithoutHistory.laravelTable(TARGET);
    private static final Advice OUTSIDE = Advice.plain("V3__invoices.sql runs outside a transaction.");

    @Test
    void tables_without_a_history_table_follow_a_failure_of_the_first_migration_run() {
        TaskFailure failure = TaskFailure.of(report(List.of(run("1", MigrationRun.Outcome.FAILED))));

        assertThat(failure.message()).contains("relation \"invoices\" already exists", "Notice: " + NO_HISTORY.text(),
                LARAVEL.text(), OUTSIDE.text());
    }

    @Test
    void once_a_migration_of_the_run_was_applied_its_history_table_exists_and_baseline_or_adopt_is_not_advised() {
        TaskFailure failure = TaskFailure.of(report(List.of(run("1", MigrationRun.Outcome.APPLIED),
                run("2", MigrationRun.Outcome.APPLIED), run("3", MigrationRun.Outcome.FAILED))));

        assertThat(failure.message()).contains("relation \"invoices\" already exists", "Notice: " + OUTSIDE.text())
                .doesNotContain("no history table", "baseline", "adopt");
    }

    private static RunReport report(List<MigrationRun> migrations) {
        return new RunReport("migrate", TARGET, "postgresql", migrations, List.of(NO_HISTORY, LARAVEL, OUTSIDE),
                List.of(new Problem(ErrorCode.SQL_ERROR, "V3__invoices.sql failed: relation \"invoices\" already exists.",
                        "3")), 10);
    }

    private static MigrationRun run(String version, MigrationRun.Outcome outcome) {
        boolean failed = outcome == MigrationRun.Outcome.FAILED;
        return new MigrationRun(version, "m" + version, "V" + version + "__m.sql", MigrationKind.VERSIONED, outcome, true,
                List.of(), 1, failed ? 1 : null, failed ? ErrorCode.SQL_ERROR : null, failed ? Advice.plain("failed") : null);
    }
}
