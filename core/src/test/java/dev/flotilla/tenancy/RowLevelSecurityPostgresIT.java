package dev.flotilla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.ErrorCode;
import dev.flotilla.Flotilla;
import dev.flotilla.FlotillaException;
import dev.flotilla.run.RollbackRequest;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.sql.SqlStatement;
import dev.flotilla.target.TargetSession;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.CheckResult;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, the migration: {@code flotilla tenancy rls} covers every tenant table of the adopted schema, its role
 * block stays one statement, it applies, and its down file gives back the schema as it was (a table set up by
 * hand before included); without the tenant column it says to adopt it first.
 */
class RowLevelSecurityPostgresIT extends SharedPosSchema {
    @Test
    void the_migration_covers_every_tenant_table_and_its_role_block_stays_one_statement() throws Exception {
        GeneratedMigration migration = generate(request());

        assertThat(migration.description()).isEqualTo("row_level_security");
        assertThat(migration.tables()).hasSize(PosSchema.tableCount() - 1).doesNotContain(PosSchema.SHARED_TABLE);
        assertThat(migration.notes()).anyMatch(n -> n.startsWith(PosSchema.SHARED_TABLE + ": no tenant_id column"));
        assertThat(migration.up()).startsWith("-- Written by `flotilla tenancy rls` from the schema of")
                .contains("Review it before applying it", "GRANT " + bypassRole + " TO", "cluster-wide",
                        "CREATE POLICY tenant_isolation ON customers USING (tenant_id = NULLIF(current_setting('app.tenant_id',"
                                + " true), '')) WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), ''))",
                        "CREATE POLICY tenant_admin_bypass ON customers TO " + bypassRole + " USING (true) WITH CHECK (true)");
        assertThat(migration.down()).contains("The role " + bypassRole + " stays", "DISABLE ROW LEVEL SECURITY")
                .doesNotContain("DROP ROLE " + bypassRole + ";");
        List<SqlStatement> statements = Dialect.forUrl(target.url()).split(migration.up());
        assertThat(statements.get(0).sql()).startsWith("DO $$").endsWith("$$").contains("CREATE ROLE " + bypassRole
                + " NOLOGIN;", "END IF;", "EXCEPTION WHEN duplicate_object");
        assertThat(statements).hasSize(1 + 6 * (PosSchema.tableCount() - 1) + 1);
        assertThat(statements.getLast().sql()).as("its view over tenant tables").isEqualTo("ALTER VIEW sales_by_store SET"
                + " (security_invoker = true)");
    }

    @Test
    void the_down_file_gives_back_the_adopted_schema() throws Exception {
        Flotilla flotilla = write(generate(request()));
        assertApplied(flotilla.migrate());
        assertThat(snapshot().fingerprint()).isNotEqualTo(adopted.fingerprint());

        assertApplied(flotilla.rollback(RollbackRequest.steps(1)));

        assertThat(snapshot().fingerprint()).as(String.join("\n", snapshot().canonicalLines())).isEqualTo(adopted.fingerprint());
        try (Connection connection = TestDatabases.connect(target)) {
            assertThat(Jdbc.queryString(connection, "SELECT count(*) FROM pg_roles WHERE rolname = ?", bypassRole))
                    .as("the bypass role stays: other schemas may use it").isEqualTo("1");
        }
    }

    @Test
    void a_table_set_up_before_is_restored_by_the_down_file_and_a_second_run_has_nothing_to_do() throws Exception {
        sql("ALTER TABLE stores ENABLE ROW LEVEL SECURITY", "CREATE POLICY tenant_isolation ON stores USING (id > 0)");
        SchemaSnapshot before = snapshot();
        GeneratedMigration migration = generate(request());
        Flotilla flotilla = write(migration);

        assertThat(migration.notes()).contains("stores: row security was enabled already; the down file leaves it so",
                "stores: its policy tenant_isolation is replaced; the down file creates it again as it was");
        assertApplied(flotilla.migrate());
        GeneratedMigration again = generate(request());
        assertThat(again.isNothingToDo()).as("an idempotent no-op, not an error").isTrue();
        assertThat(again.upToDate()).startsWith("every table with tenant_id has row-level security enabled, forced");
        assertThat(again.up()).isEmpty();
        assertApplied(flotilla.rollback(RollbackRequest.steps(1)));
        assertThat(snapshot().fingerprint()).as(String.join("\n", snapshot().canonicalLines())).isEqualTo(before.fingerprint());
    }

    @Test
    void without_the_tenant_column_it_says_to_adopt_it_first() {
        assertThatThrownBy(() -> generate(request().withColumn("company_id"))).isInstanceOf(FlotillaException.class)
                .hasMessageContaining("has the tenant column company_id").hasMessageContaining("flotilla tenancy adopt")
                .satisfies(e -> assertThat(((FlotillaException) e).code()).isEqualTo(ErrorCode.BAD_USAGE));
    }

    @Test
    void a_bigint_tenant_column_is_compared_as_bigint_and_an_unset_setting_sees_no_rows() throws Exception {
        TestDatabases.drop(target);
        migrations = temp.resolve("ledger-migrations");
        sql("CREATE TABLE ledgers (id INTEGER PRIMARY KEY, tenant_id BIGINT NOT NULL)",
                "INSERT INTO ledgers VALUES (1, 7), (2, 7), (3, 8)");
        GeneratedMigration migration = generate(request());
        assertThat(migration.up()).contains("(tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::bigint)");
        assertApplied(write(migration).migrate());
        String app = appRole();

        List<CheckResult> results = verify(app);

        assertPassed(results);
        assertThat(results.get(1).message()).contains("with app.tenant_id = '7'");
        try (TargetSession session = TargetSession.open(target, false)) {
            Connection connection = session.connection();
            connection.setAutoCommit(false);
            Jdbc.execute(connection, "SET LOCAL ROLE " + app);
            Jdbc.execute(connection, "SELECT set_config('app.tenant_id', '8', false)");
            assertThat(Jdbc.queryStrings(connection, "SELECT id FROM ledgers")).containsExactly("3");
            Jdbc.execute(connection, "RESET app.tenant_id");
            assertThat(Jdbc.queryString(connection, "SELECT count(*) FROM ledgers")).as("reset to '', not an error").isEqualTo("0");
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }
}
