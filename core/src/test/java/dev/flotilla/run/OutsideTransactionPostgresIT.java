package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.AppliedMigration;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.OwnPostgresDatabase;
import dev.flotilla.testing.TargetFixture;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What runs inside a migration's transaction on this PostgreSQL (12 or later): {@code ALTER TYPE .. ADD VALUE} does,
 * so its migration stays all-or-nothing and dry-runs in a rolled-back transaction; a statement that cannot (CREATE
 * INDEX CONCURRENTLY) is named where Flotilla says why the statements before a failure stay applied. Each test's target
 * is a schema of the class's own database: CREATE INDEX CONCURRENTLY waits for the older transactions of its database,
 * others' too; the class's tests run one after another and end the transactions they open.
 */
class OutsideTransactionPostgresIT extends TargetFixture implements TargetRunnerFixture {
    @RegisterExtension
    static final OwnPostgresDatabase DATABASE = new OwnPostgresDatabase();

    private static final String MOODS = "CREATE TYPE mood AS ENUM ('sad');\nCREATE TABLE feelings (id INT PRIMARY KEY, m mood);\n";

    @Override
    protected TargetSpec createTarget(Path temp) {
        return DATABASE.schema("flt_pg_" + TestDatabases.uniqueName().substring(4));
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @BeforeEach
    void writeMoods() {
        files.write("V1__moods.sql", MOODS);
    }

    @Test
    void a_migration_adding_an_enum_value_is_rolled_back_whole_when_a_later_statement_fails() throws Exception {
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__happy.sql", "ALTER TYPE mood ADD VALUE 'happy';\nCREATE TABLE extra (id INT);\n"
                + "INSERT INTO no_such_table VALUES (1);\n");

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).isFalse();
        MigrationRun failed = report.migrations().get(report.migrations().size() - 1);
        assertThat(failed.transactional()).isTrue();
        assertThat(failed.error()).contains("V2__happy.sql", "statement 3 of 3", "42P01", "the transaction was rolled back");
        assertThat(report.notices()).noneSatisfy(n -> assertThat(n).contains("outside a transaction"));
        assertThat(moods()).isEqualTo("sad");
        assertThat(tables()).doesNotContain("extra");
        assertThat(history()).extracting(AppliedMigration::version, AppliedMigration::success)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", true));
    }

    @Test
    void a_migration_that_adds_an_enum_value_and_uses_it_is_told_to_be_split_and_keeps_nothing() throws Exception {
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__happy.sql", "ALTER TYPE mood ADD VALUE 'happy';\nINSERT INTO feelings VALUES (1, 'happy');\n");

        RunReport report = flotilla().migrate();

        assertThat(report.ok()).isFalse();
        assertThat(report.migrations().get(report.migrations().size() - 1).error()).contains("statement 2 of 2", "55P04",
                "split the migration, adding the value in one migration and using it in the next",
                "the transaction was rolled back");
        assertThat(moods()).isEqualTo("sad");
        assertThat(history()).extracting(AppliedMigration::version).containsExactly("1");

        files.write("V2__happy.sql", "ALTER TYPE mood ADD VALUE 'happy';\n")
                .write("V3__feel_happy.sql", "INSERT INTO feelings VALUES (1, 'happy');\n");
        RunReport split = flotilla().migrate();
        assertThat(split.ok()).as(split.problems().toString()).isTrue();
        assertThat(moods()).isEqualTo("sad,happy");
    }

    @Test
    void a_dry_run_of_a_migration_adding_an_enum_value_runs_in_a_rolled_back_transaction() throws Exception {
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__happy.sql", "ALTER TYPE mood ADD VALUE 'happy';\nCREATE TABLE extra (id INT);\n");

        DryRunReport report = flotilla().dryRun();

        assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
        assertThat(report.mode()).isEqualTo("transaction");
        assertThat(moods()).isEqualTo("sad");
        assertThat(tables()).doesNotContain("extra");
    }

    @Test
    void a_dry_run_of_an_added_enum_value_that_a_later_migration_uses_runs_on_a_clone_where_each_commits() throws Exception {
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V2__happy.sql", "ALTER TYPE mood ADD VALUE 'happy';\n")
                .write("V3__feel_happy.sql", "INSERT INTO feelings VALUES (1, 'happy');\n");

        DryRunReport report = flotilla().dryRun();
        DryRunReport inOneTransaction = flotilla().dryRun(new DryRunOptions(DryRunMode.TRANSACTION, 0, null,
                dev.flotilla.lint.LintOptions.DEFAULTS));

        assertThat(report.ok()).as(report.run().problems().toString()).isTrue();
        assertThat(report.mode()).isEqualTo("clone");
        assertThat(inOneTransaction.run().problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("V2__happy.sql line 1 (ALTER TYPE mood ADD VALUE 'happy')", "--mode clone"));
        assertThat(moods()).isEqualTo("sad");
    }

    @Test
    void a_script_outside_a_transaction_that_fails_names_the_statement_that_kept_it_out_of_one() throws Exception {
        files.write("V2__index.sql", "CREATE INDEX CONCURRENTLY idx_feelings_m ON feelings (m);\n"
                + "INSERT INTO no_such_table VALUES (1);\n");

        RunReport report = flotilla().migrate();

        assertThat(report.notices()).anySatisfy(n -> assertThat(n).contains("V2__index.sql runs outside a transaction: its"
                + " statement at line 1 (CREATE INDEX CONCURRENTLY idx_feelings_m ON feelings (m)) cannot run inside one"));
        assertThat(report.migrations().get(report.migrations().size() - 1).error()).contains("Statement 1 was applied (each"
                + " statement committed by itself: the script ran outside a transaction, as its statement at line 1 (CREATE"
                + " INDEX CONCURRENTLY idx_feelings_m ON feelings (m)) cannot run inside one)").doesNotContain("this database");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> flotilla().repair(RepairRequest.REMOVE_FAILED))
                .hasMessageContaining("statement 1 of it stays applied (each statement committed by itself: the script ran"
                        + " outside a transaction, as its statement at line 1 (CREATE INDEX CONCURRENTLY idx_feelings_m ON"
                        + " feelings (m)) cannot run inside one)");
    }

    private String moods() throws SQLException {
        try (Connection connection = TestDatabases.connect(target)) {
            return Jdbc.queryString(connection, "SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e"
                    + " JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'mood' AND t.typnamespace = to_regnamespace(?)",
                    target.schema());
        }
    }
}
