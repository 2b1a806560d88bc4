package dev.flotilla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.migration.NewMigrationFiles;
import dev.flotilla.run.DryRunMode;
import dev.flotilla.run.DryRunOptions;
import dev.flotilla.run.DryRunReport;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.CheckContext;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.CheckStatus;
import dev.flotilla.verify.RowCounts;
import dev.flotilla.verify.TenantScope;
import dev.flotilla.verify.Verifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, the checks: after the migration rls-enabled passes and the isolation proof holds, for the probe role
 * and for a configured application role, in autocommit or inside the caller's transaction, leaving nothing
 * behind; dropping one table's policy, or no longer forcing row security for an owner, fails them naming the table.
 */
class RowLevelSecurityProofPostgresIT extends SharedPosSchema {
    private static final Pattern PROBE_ROLE = Pattern.compile("flotilla_probe_[0-9a-f]{12}");

    @Test
    void after_the_migration_both_checks_pass_with_a_probe_role_and_leave_nothing_behind() throws Exception {
        applyRls();
        SchemaSnapshot before = snapshot();
        RowCounts rows = counts();

        List<CheckResult> results;
        try (TargetSession session = TargetSession.open(target, false)) {
            results = verify(session, rls(null));
            assertThat(session.connection().getAutoCommit()).as("autocommit restored").isTrue();
            assertThat(Jdbc.queryString(session.connection(), "SELECT current_user")).isEqualTo(TestDatabases.POSTGRES_USER);
            assertThat(Jdbc.queryString(session.connection(), "SELECT current_setting('app.tenant_id', true)")).isNullOrEmpty();
        }

        assertPassed(results);
        String isolation = results.get(1).message();
        assertThat(isolation).contains("with app.tenant_id = '" + TENANT + "'", "in 31 tenant table(s)",
                "visibility not exercised on 28 table(s)");
        Matcher probe = PROBE_ROLE.matcher(isolation);
        assertThat(probe.find()).as(isolation).isTrue();
        try (Connection connection = TestDatabases.connect(target)) {
            assertThat(Jdbc.queryString(connection, "SELECT count(*) FROM pg_roles WHERE rolname = ?", probe.group()))
                    .isEqualTo("0");
        }
        assertThat(snapshot().fingerprint()).isEqualTo(before.fingerprint());
        assertThat(counts().byTable()).isEqualTo(rows.byTable());
    }

    @Test
    void a_dry_run_of_the_migration_proves_isolation_before_anything_is_kept() throws Exception {
        Flotilla flotilla = write(generate(request()));

        DryRunReport report = flotilla.dryRun(new DryRunOptions(DryRunMode.TRANSACTION, 0, null, LintOptions.DEFAULTS,
                rls(null)));

        assertThat(report.checks()).as(report.checks().toString()).extracting(CheckResult::id, CheckResult::status)
                .containsExactly(tuple("rls-enabled", CheckStatus.PASSED), tuple("rls-isolation", CheckStatus.PASSED));
        assertThat(snapshot().fingerprint()).isEqualTo(adopted.fingerprint());
        try (Connection connection = TestDatabases.connect(target)) {
            assertThat(Jdbc.queryString(connection, "SELECT count(*) FROM pg_roles WHERE rolname = ?", bypassRole))
                    .as("created in the dry run's transaction, rolled back with it").isEqualTo("0");
        }
    }

    @Test
    void a_dry_run_finding_a_new_table_without_row_security_says_to_add_it_to_the_pending_migration() throws Exception {
        applyRls();
        NewMigrationFiles.write(migrations, "loyalty", "CREATE TABLE loyalty_points (id INTEGER PRIMARY KEY,"
                + " tenant_id TEXT NOT NULL);\n", "DROP TABLE loyalty_points;\n", null);

        DryRunReport report = Flotilla.load(TargetOptions.of(target, migrations)).dryRun(new DryRunOptions(
                DryRunMode.TRANSACTION, 0, null, LintOptions.DEFAULTS, rls(null)));

        assertThat(report.checks().get(0).problems()).containsExactly("loyalty_points: row security is not enabled, no"
                + " policy's USING reads tenant_id; a table a pending migration creates: add ENABLE and FORCE ROW LEVEL"
                + " SECURITY and its tenant_isolation policy to that migration (flotilla tenancy rls reads the live schema,"
                + " where the table is not yet); a table that exists already: write the fix with flotilla tenancy rls");
    }

    @Test
    void scoped_to_one_tenant_the_proof_acts_as_that_tenant() throws Exception {
        applyRls();

        List<CheckResult> results;
        try (TargetSession session = TargetSession.open(target, false)) {
            results = Verifier.run(new CheckContext(session.connection(), session.dialect(), session.schema(),
                    session.spec().historyTable(), SnapshotReader.of(session), rls(null), new TenantScope("tenant_id", OTHER),
                    null, null, List.of(), null, null));
        }

        assertPassed(results);
        assertThat(results.get(1).message()).contains("with app.tenant_id = '" + OTHER + "'").doesNotContain("not exercised");
    }

    @Test
    void a_configured_application_role_passes_and_inside_a_transaction_the_proof_rolls_back_to_a_savepoint() throws Exception {
        applyRls();
        String app = appRole();

        try (TargetSession session = TargetSession.open(target, false)) {
            Connection connection = session.connection();
            connection.setAutoCommit(false);
            Jdbc.execute(connection, "INSERT INTO promotions (id, name, tenant_id) VALUES (100, 'dry run', '" + OTHER + "')");

            List<CheckResult> results = verify(session, rls(app));

            assertPassed(results);
            assertThat(results.get(1).message()).startsWith("as " + app + " with app.tenant_id = '" + TENANT + "'");
            assertThat(Jdbc.queryString(connection, "SELECT current_user")).isEqualTo(TestDatabases.POSTGRES_USER);
            assertThat(Jdbc.queryString(connection, "SELECT count(*) FROM promotions WHERE id = 100"))
                    .as("the caller's transaction goes on with its own writes").isEqualTo("1");
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    @Test
    void dropping_the_isolation_policy_of_customers_fails_both_checks_naming_customers() throws Exception {
        applyRls();
        sql("DROP POLICY tenant_isolation ON customers");

        List<CheckResult> probed = verify(null);
        List<CheckResult> asApp = verify(appRole());

        for (List<CheckResult> results : List.of(probed, asApp)) {
            assertThat(results).as(results.toString()).allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.FAILED));
            assertThat(results.get(0).problems()).singleElement().satisfies(p -> assertThat(p)
                    .startsWith("customers: no policy's USING reads tenant_id").contains("flotilla tenancy rls"));
            assertThat(results.get(1).problems()).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("customers: "));
            assertThat(results.get(1).problems()).anyMatch(p -> p.contains("only 0 of the 5 row(s) of tenant '" + TENANT + "' visible"));
        }
    }

    @Test
    void a_probe_row_of_another_tenant_stopped_by_not_null_got_past_row_security_and_one_stopped_by_a_trigger_is_not_known()
            throws Exception {
        applyRls();
        String schema = "\"" + target.schema() + "\"";
        sql("ALTER TABLE customers DISABLE ROW LEVEL SECURITY", "CREATE FUNCTION " + schema + ".closed() RETURNS trigger AS"
                + " $$ BEGIN RAISE EXCEPTION 'closed for inserts'; END $$ LANGUAGE plpgsql", "CREATE TRIGGER closed BEFORE"
                + " INSERT ON suppliers FOR EACH ROW EXECUTE FUNCTION " + schema + ".closed()");

        List<CheckResult> results = verify(null);

        assertThat(results.get(1).problems()).as(results.get(1).toString()).contains("customers: a row of tenant '" + OTHER
                + "' inserted as tenant '" + TENANT + "' got past row-level security: row security is not enabled on"
                + " customers. PostgreSQL checks a table's policies before its constraints, and this row, which sets only"
                + " tenant_id, was stopped only by column id: NOT NULL without a default [SQLSTATE 23502]; write the fix"
                + " with flotilla tenancy rls");
        assertThat(results.get(1).problems()).as("a BEFORE trigger runs before the policies")
                .anyMatch(p -> p.startsWith("suppliers: could not tell whether row-level security refuses a row of tenant '"
                        + OTHER + "' inserted as tenant '" + TENANT + "': the insert failed before PostgreSQL checked the"
                        + " policies (in a column default or a BEFORE INSERT trigger) [SQLSTATE P0001]: ")
                        && p.contains("closed for inserts") && p.endsWith("or prove this table by hand"));
        assertThat(results.get(1).problems().toString()).doesNotContain("something else");
    }

    @Test
    void an_owner_is_bound_while_row_security_is_forced_and_sees_other_tenants_once_it_is_not() throws Exception {
        applyRls();
        String app = appRole();
        sql("ALTER TABLE customers OWNER TO " + app);
        assertPassed(verify(app));

        sql("ALTER TABLE customers NO FORCE ROW LEVEL SECURITY");
        List<CheckResult> results = verify(app);

        assertThat(results.get(0).problems()).containsExactly("customers: row security is not forced (its owner bypasses the"
                + " policies); write the fix with flotilla tenancy rls");
        assertThat(results.get(1).status()).isEqualTo(CheckStatus.FAILED);
        assertThat(results.get(1).problems()).contains("customers: 2 row(s) of other tenants visible to " + app + " as tenant '"
                + TENANT + "'", "customers: UPDATE as tenant '" + TENANT + "' reached 2 row(s) of other tenants",
                "customers: DELETE as tenant '" + TENANT + "' reached 2 row(s) of other tenants");
        assertThat(results.get(1).problems()).anyMatch(p -> p.startsWith("customers: a row of tenant '" + OTHER + "' inserted"
                + " as tenant '" + TENANT + "' got past row-level security: row security is not forced, and " + app + " owns"
                + " customers, so its policies do not bind it.") && p.contains("[SQLSTATE 23502]") && !p.contains("Failing row"));
    }

    @Test
    void a_view_over_tenant_tables_is_made_security_invoker_and_one_that_is_not_fails_both_checks_naming_it() throws Exception {
        sql("CREATE VIEW customer_stores AS SELECT c.id, c.name, s.code FROM customers c JOIN stores s ON s.id = c.store_id");
        GeneratedMigration migration = applyRls();
        String app = appRole();

        assertThat(migration.up()).contains("ALTER VIEW customer_stores SET (security_invoker = true);");
        assertThat(migration.down()).contains("ALTER VIEW customer_stores RESET (security_invoker);");
        assertThat(migration.notes()).anyMatch(n -> n.startsWith("customer_stores: a view over tenant tables, made security_invoker"));
        assertPassed(verify(app));
        assertThat(rowsAs(app, "customer_stores")).as("only the tenant's own customers").isEqualTo("5");

        sql("ALTER VIEW customer_stores RESET (security_invoker)");
        assertThat(rowsAs(app, "customer_stores")).as("every tenant's customers, through the superuser's view").isEqualTo("7");
        for (List<CheckResult> results : List.of(verify(app), verify(null))) {
            assertThat(results).as(results.toString()).allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.FAILED));
            assertThat(results.get(0).problems()).singleElement().satisfies(p -> assertThat(p)
                    .startsWith("customer_stores: a view over tenant tables that is not security_invoker"));
            assertThat(results.get(1).problems()).singleElement().satisfies(p -> assertThat(p)
                    .startsWith("customer_stores: a view over tenant tables that is not security_invoker")
                    .contains("sees 7 row(s) through it as tenant '" + TENANT + "'"));
        }
    }

    private String rowsAs(String role, String relation) throws Exception {
        try (TargetSession session = TargetSession.open(target, false)) {
            Connection connection = session.connection();
            connection.setAutoCommit(false);
            try {
                Jdbc.execute(connection, "SET LOCAL ROLE " + role);
                Jdbc.execute(connection, "SELECT set_config('app.tenant_id', '" + TENANT + "', true)");
                return Jdbc.queryString(connection, "SELECT count(*) FROM " + relation);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    @Test
    void an_application_role_that_bypasses_row_security_or_does_not_exist_fails_the_proof_saying_why() throws Exception {
        applyRls();
        String missing = "flt_nobody_" + TestDatabases.uniqueName().substring(4);

        CheckResult superuser = verify(TestDatabases.POSTGRES_USER).get(1);
        CheckResult nobody = verify(missing).get(1);

        assertThat(superuser.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(superuser.problems()).containsExactly(TestDatabases.POSTGRES_USER + " is a superuser: row-level security"
                + " never applies to it. The application must connect as a role that is neither.");
        assertThat(nobody.problems()).singleElement().satisfies(p -> assertThat(p).contains(missing, "does not exist"));
    }

    @Test
    void an_update_policy_whose_with_check_does_not_read_the_tenant_fails_both_checks_naming_it() throws Exception {
        applyRls();
        String setting = "NULLIF(current_setting('app.tenant_id', true), '')";
        sql("DROP POLICY tenant_isolation ON promotions",
                "CREATE POLICY promotions_read ON promotions FOR SELECT USING (tenant_id = " + setting + ")",
                "CREATE POLICY promotions_insert ON promotions FOR INSERT WITH CHECK (tenant_id = " + setting + ")",
                "CREATE POLICY promotions_update ON promotions FOR UPDATE USING (tenant_id = " + setting + ") WITH CHECK (true)",
                "CREATE POLICY promotions_delete ON promotions FOR DELETE USING (tenant_id = " + setting + ")");
        String app = appRole();
        String leak = "promotions: policy promotions_update (FOR UPDATE) lets a tenant move its rows into another tenant's"
                + " data: its WITH CHECK (true) does not read tenant_id; give it WITH CHECK (tenant_id = <the tenant setting>)";

        for (List<CheckResult> results : List.of(verify(null), verify(app))) {
            assertThat(results).as(results.toString()).allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.FAILED));
            assertThat(results.get(0).problems()).containsExactly(leak);
            assertThat(results.get(1).problems()).containsExactly(leak);
        }
        try (TargetSession session = TargetSession.open(target, false)) {
            Connection connection = session.connection();
            connection.setAutoCommit(false);
            Jdbc.execute(connection, "SET LOCAL ROLE " + app);
            Jdbc.execute(connection, "SELECT set_config('app.tenant_id', '" + TENANT + "', true)");
            assertThat(Jdbc.update(connection, "UPDATE promotions SET tenant_id = '" + OTHER + "'"))
                    .as("the leak is real: the UPDATE reads no column, so no SELECT policy checks the new rows").isEqualTo(5);
            connection.rollback();
            connection.setAutoCommit(true);
        }

        sql("ALTER POLICY promotions_update ON promotions WITH CHECK (tenant_id IS NOT NULL)");
        for (List<CheckResult> results : List.of(verify(null), verify(app))) {
            assertThat(results.get(0).problems()).as("naming the column is not pinning it to the tenant")
                    .singleElement().asString().contains("policy promotions_update (FOR UPDATE)", "(tenant_id IS NOT NULL)");
        }

        sql("ALTER POLICY promotions_update ON promotions WITH CHECK (tenant_id = " + setting + ")");
        assertPassed(verify(app));
    }

    @Test
    void a_policy_that_lets_an_unset_or_empty_tenant_through_fails_the_proof_with_the_rows_it_shows() throws Exception {
        applyRls();
        String setting = "current_setting('app.tenant_id', true)";
        sql("DROP POLICY tenant_isolation ON customers", "CREATE POLICY tenant_isolation ON customers USING (tenant_id = "
                        + setting + " OR " + setting + " IS NULL)",
                "DROP POLICY tenant_isolation ON suppliers", "CREATE POLICY tenant_isolation ON suppliers USING (tenant_id = "
                        + setting + " OR " + setting + " = '')");
        String app = appRole();

        CheckResult isolation = verify(app).get(1);

        assertThat(isolation.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(isolation.problems()).containsExactlyInAnyOrder(
                "customers: 7 row(s) visible to " + app + " with the tenant setting unset: a connection that has not"
                        + " set its tenant must see none",
                "suppliers: " + counts().byTable().get("suppliers") + " row(s) visible to " + app + " with the tenant setting"
                        + " empty (''): a connection that has not set its tenant must see none");
        applyRlsAgainOn("customers", "suppliers");
        CheckResult fixed = verify(app).get(1);
        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(CheckStatus.PASSED);
        assertThat(fixed.message()).contains("and no row at all with it unset or empty");
    }

    private void applyRlsAgainOn(String... tables) throws SQLException {
        for (String table : tables) {
            sql("DROP POLICY tenant_isolation ON " + table, "CREATE POLICY tenant_isolation ON " + table + " USING (tenant_id ="
                    + " NULLIF(current_setting('app.tenant_id', true), '')) WITH CHECK (tenant_id = NULLIF(current_setting("
                    + "'app.tenant_id', true), ''))");
        }
    }
}
