package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.plan.ValidationPolicy;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** H2 commits DDL by itself, so it runs per statement like MariaDB. */
class TargetRunnerH2IT extends TargetRunnerContract {
    @Override
    protected TargetSpec createTarget(Path temp) {
        return TestDatabases.h2(TestDatabases.uniqueName());
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Test
    void a_statement_over_the_query_timeout_is_a_statement_timeout_not_a_script_error() throws Exception {
        files.write("V1__slow.sql", "CREATE TABLE alpha (id INT);\nSELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000) a, SYSTEM_RANGE(1, 100000) b WHERE a.X + b.X = 3;\n");
        var options = new dev.flotilla.TargetOptions(target, files.path(), java.util.Map.of(), null, null, null,
                java.time.Duration.ofMillis(300), null, null);

        RunReport report = dev.flotilla.Flotilla.load(options).migrate();

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.STATEMENT_TIMEOUT);
            assertThat(p.message()).contains("ran longer than the statement timeout of 300ms", "recorded as failed at statement 2");
        });
    }

    @Test
    void a_failing_statement_of_one_of_several_folders_names_its_file_by_path_and_records_it_by_name() throws Exception {
        files.write("V1__alpha.sql", CREATE_A);
        Path more = java.nio.file.Files.createDirectories(files.path().resolveSibling(files.path().getFileName() + "-more"));
        java.nio.file.Files.writeString(more.resolve("V2__broken.sql"), "CREATE TABLE beta (id INT);\nSELECT nope FROM nowhere;\n");
        var options = dev.flotilla.TargetOptions.of(target, files.path()).withFolders(new dev.flotilla.migration.MigrationFolders(
                List.of(files.path(), more), List.of()));

        RunReport report = dev.flotilla.Flotilla.load(options).migrate();

        assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith(more.resolve("V2__broken.sql") + " failed at statement 2 of 2 (line 2)"));
        assertThat(history()).extracting(AppliedMigration::script).contains("V2__broken.sql");
    }

    @Test
    void a_schema_is_created_and_used_when_named() throws Exception {
        target = new TargetSpec(target.url(), "sa", null, "tenant_a", null);
        files.write("V1__alpha.sql", CREATE_A);

        assertThat(flotilla().migrate().applied()).hasSize(1);
        assertThat(tables()).containsExactly("alpha");
    }

    /**
     * A failed rollback's record that names no failed statement (every run of Flotilla's records one; a record written by
     * hand or by an older version may not): repair puts the migration back to applied, so the rollback after it undoes
     * that same version again, from the first statement of its down file, not the version before it.
     */
    @Test
    void a_failed_rollback_recorded_without_its_statement_is_repaired_back_to_applied_and_then_rolled_back_again()
            throws Exception {
        files.write("V1__alpha.sql", CREATE_A).write("V2__beta.sql", "CREATE TABLE b1 (id INT);\nCREATE TABLE b2 (id INT);\n")
                .write("U2__beta.sql", "DROP TABLE b2;\nDROP TABLE b1_typo;\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        assertThat(flotilla().rollback(RollbackRequest.steps(1)).ok()).as("U2's statement 2 fails").isFalse();
        forgetTheFailedStatementOfTheRollback();

        String refused = flotilla().rollback(RollbackRequest.steps(1)).problems().get(0).message();
        String status = flotilla().status().problems(ValidationPolicy.STRICT).get(0).message();
        HistoryChange repaired = flotilla().repair(RepairRequest.REMOVE_FAILED);
        files.write("U2__beta.sql", "DROP TABLE IF EXISTS b2;\nDROP TABLE b1;\n"); // what was undone redone, here by the file
        RunReport again = flotilla().rollback(RollbackRequest.steps(1));

        assertThat(List.of(refused, status)).allSatisfy(m -> assertThat(m)
                .contains("failed on " + target.displayName(), "how much of it took effect is not known",
                        "`flotilla repair --mark-undone 2`", "version 2 then counts as applied again",
                        "a rollback after that runs U2__beta.sql again from statement 1 (it undoes version 2 again")
                .doesNotContain("undoes the version 1", "--mark-applied", "null"));
        assertThat(repaired.actions()).singleElement().asString()
                .contains("Removed the failed rollback of version 2 (beta)", "the migration counts as applied again",
                        "a rollback runs U2__beta.sql again from statement 1").doesNotContain("null");
        assertThat(again.ok()).as(again.problems().toString()).isTrue();
        assertThat(again.applied()).extracting(MigrationRun::version).as("version 2 again, not 1").containsExactly("2");
        assertThat(tables()).containsExactly("alpha");
    }

    /** The rollback's failed record as one written without its statement reads: the database's error alone. */
    private void forgetTheFailedStatementOfTheRollback() throws Exception {
        try (TargetSession session = TargetSession.open(target, false)) {
            AppliedMigration failed = session.history().read().stream().filter(r -> !r.success()).findFirst().orElseThrow();
            session.history().updateOutcome(failed.rank(), false, null, failed.executionMillis(), "Table \"B1_TYPO\" not found");
        }
    }
}
