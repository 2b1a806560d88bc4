package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollback guard on a PostgreSQL shared schema says what keeps tenants apart that a down file takes away: a view
 * recreated without its filter on the tenant column or without security_invoker, row-level security switched off or
 * no longer forced, the last tenant policy dropped; and not a view or policy put back with its filter. It says it
 * without refusing: nothing is merged. A guess of where a copy puts the tenant column is said even when nothing is
 * refused.
 */
class LostTenantFiltersPostgresIT {
    private static final String SETTING = "current_setting('app.tenant_id', true)";

    @TempDir
    Path temp;
    final String schema = TestDatabases.uniqueName();
    final TargetSpec target = TestDatabases.postgres(schema);

    @AfterEach
    void drop() {
        TestDatabases.drop(target);
    }

    /** V1: orders with two tenants' rows; V2 is {@code up}, its down file {@code down}: the guard's read of V2's rollback. */
    private TenantGuardRead afterTwoTenants(String up, String down) {
        MigrationFolder folder = new MigrationFolder(temp)
                .write("V1__orders.sql", "CREATE TABLE orders (item text, tenant_id text NOT NULL);\n"
                        + "INSERT INTO orders VALUES ('bolt', 'acme'), ('nut', 'globex');\n")
                .write("V2__isolation.sql", up)
                .write("U2__isolation.sql", down);
        Flotilla flotilla = Flotilla.load(TargetOptions.of(target, folder.path()));
        assertThat(flotilla.migrate().ok()).isTrue();
        return flotilla.rollbackGuard(RollbackRequest.steps(1), "tenant_id");
    }

    private static final String RLS = "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\nALTER TABLE orders FORCE ROW LEVEL SECURITY;\n"
            + "CREATE POLICY tenant_isolation ON orders USING (tenant_id = " + SETTING + ");\n";

    @Test
    void a_view_recreated_without_its_tenant_filter_is_named_with_the_filter_it_loses_and_what_to_do() {
        TenantGuardRead read = afterTwoTenants("CREATE VIEW mine AS SELECT item, tenant_id FROM orders WHERE tenant_id = "
                + SETTING + ";\n", "CREATE OR REPLACE VIEW mine AS SELECT item, tenant_id FROM orders;\n");

        assertThat(read.merge()).isNull();
        assertThat(read.notices()).singleElement().asString().contains("U2__isolation.sql recreates the view mine without its"
                + " filter on the tenant column tenant_id (WHERE orders.tenant_id = current_setting('app.tenant_id'::text, true)):", "every tenant's rows",
                "Keep the filter in the down file's view, or revoke the application's SELECT on mine");
    }

    @Test
    void a_function_recreated_without_its_tenant_filter_is_named_and_one_that_keeps_it_is_not() {
        String up = "CREATE FUNCTION my_orders() RETURNS SETOF orders LANGUAGE sql AS $$ SELECT * FROM orders WHERE tenant_id = "
                + SETTING + " $$;\nCREATE FUNCTION my_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM orders"
                + " WHERE tenant_id = current_setting(''app.tenant_id'', true)';\n";
        TenantGuardRead read = afterTwoTenants(up, "CREATE OR REPLACE FUNCTION my_orders() RETURNS SETOF orders LANGUAGE sql"
                + " AS $body$ SELECT * FROM orders $body$;\nCREATE OR REPLACE FUNCTION my_count() RETURNS bigint LANGUAGE sql AS"
                + " $$ SELECT count(*) FROM orders WHERE tenant_id = " + SETTING + " AND item <> '' $$;\n");

        assertThat(read.notices()).singleElement().asString().contains("U2__isolation.sql recreates the function my_orders"
                + " without its filter on the tenant column tenant_id (WHERE tenant_id = current_setting(",
                "revoke the application's EXECUTE on my_orders");
    }

    @Test
    void a_quoted_view_name_keeps_its_case_so_two_views_named_alike_are_followed_apart() {
        TenantGuardRead read = afterTwoTenants("CREATE VIEW \"Mine\" AS SELECT item, tenant_id FROM orders WHERE tenant_id = "
                + SETTING + ";\nCREATE VIEW mine AS SELECT item FROM orders;\n", "CREATE OR REPLACE VIEW \"Mine\" AS SELECT"
                + " item, tenant_id FROM orders;\nCREATE OR REPLACE VIEW Mine AS SELECT item FROM orders WHERE tenant_id = "
                + SETTING + ";\n");

        assertThat(read.notices()).singleElement().asString().contains("recreates the view Mine without its filter");
    }

    @Test
    void overloads_of_a_function_are_followed_by_their_signature() {
        String up = "CREATE FUNCTION mine(p text) RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders WHERE"
                + " tenant_id = p $$;\nCREATE FUNCTION mine(n integer) RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) + n"
                + " FROM orders WHERE tenant_id = " + SETTING + " $$;\n";
        TenantGuardRead read = afterTwoTenants(up, "CREATE OR REPLACE FUNCTION mine(n int) RETURNS bigint LANGUAGE sql AS $$"
                + " SELECT count(*) + n FROM orders $$;\nCREATE OR REPLACE FUNCTION mine(p text) RETURNS bigint LANGUAGE sql"
                + " AS $$ SELECT count(*) FROM orders WHERE tenant_id = p $$;\n");

        assertThat(read.notices()).singleElement().asString().contains("recreates the function mine(n integer) without its"
                + " filter", "revoke the application's EXECUTE on mine(n integer)");
    }

    @Test
    void an_overload_of_other_types_recreated_is_not_the_filtered_one_though_it_has_as_many_parameters() {
        String up = "CREATE FUNCTION mine(n integer) RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) + n FROM orders WHERE"
                + " tenant_id = " + SETTING + " $$;\nCREATE FUNCTION mine(p text) RETURNS bigint LANGUAGE sql AS $$ SELECT"
                + " count(*) FROM orders $$;\n";
        TenantGuardRead read = afterTwoTenants(up, "CREATE OR REPLACE FUNCTION mine(p text) RETURNS bigint LANGUAGE sql AS $$"
                + " SELECT count(*) + 1 FROM orders $$;\n");

        assertThat(read.notices()).isEmpty();
    }

    @Test
    void a_function_whose_parameter_takes_a_columns_type_is_matched_by_its_count_of_parameters() {
        TenantGuardRead read = afterTwoTenants("CREATE FUNCTION mine(p text) RETURNS bigint LANGUAGE sql AS $$ SELECT count(*)"
                + " FROM orders WHERE tenant_id = p $$;\n", "CREATE OR REPLACE FUNCTION mine(p orders.item%TYPE) RETURNS"
                + " bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders $$;\n");

        assertThat(read.notices()).singleElement().asString().contains("recreates the function mine without its filter");
    }

    @Test
    void each_function_one_drop_function_names_is_dropped() {
        String filtered = " RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders WHERE tenant_id = " + SETTING + " $$;\n";
        String unfiltered = " RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders $$;\n";
        TenantGuardRead read = afterTwoTenants("CREATE FUNCTION mine_a()" + filtered + "CREATE FUNCTION mine_b(double"
                + " double precision)" + filtered + "CREATE FUNCTION mine_c()" + filtered, "CREATE OR REPLACE FUNCTION mine_a()"
                + unfiltered + "CREATE OR REPLACE FUNCTION mine_b(x double precision)" + unfiltered + "CREATE OR REPLACE FUNCTION"
                + " mine_c()" + unfiltered + "DROP FUNCTION IF EXISTS mine_a, " + schema + ".mine_b(float8) CASCADE;\n");

        assertThat(read.notices()).singleElement().asString().contains("recreates the function mine_c without its filter");
    }

    @Test
    void a_procedure_with_an_out_parameter_is_dropped_by_its_input_types_or_all_its_types() {
        String filtered = " LANGUAGE sql AS $$ SELECT count(*) FROM orders WHERE tenant_id = " + SETTING + " $$;\n";
        String unfiltered = " LANGUAGE sql AS $$ SELECT count(*) FROM orders $$;\n";
        TenantGuardRead read = afterTwoTenants("CREATE PROCEDURE mine(t text, OUT n bigint)" + filtered
                + "CREATE PROCEDURE theirs(t text, OUT n bigint)" + filtered, "CREATE OR REPLACE PROCEDURE mine(t text, OUT n"
                + " bigint)" + unfiltered + "CREATE OR REPLACE PROCEDURE theirs(t text, OUT n bigint)" + unfiltered
                + "DROP PROCEDURE mine(text);\nDROP PROCEDURE theirs(text, int8);\n");

        assertThat(read.notices()).isEmpty();
    }

    @Test
    void a_routine_dropped_with_drop_routine_is_gone_and_one_renamed_is_followed_by_its_new_name() {
        String filtered = " RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders WHERE tenant_id = " + SETTING + " $$;\n";
        String unfiltered = " RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders $$;\n";
        TenantGuardRead read = afterTwoTenants("CREATE FUNCTION mine_a(p pg_catalog.\"varchar\")" + filtered
                + "CREATE FUNCTION mine_b()" + filtered, "CREATE OR REPLACE FUNCTION mine_a(p varchar)" + unfiltered
                + "DROP ROUTINE mine_a(\"varchar\");\nALTER FUNCTION mine_b() RENAME TO mine_old;\nCREATE FUNCTION mine_b()"
                + unfiltered + "CREATE OR REPLACE FUNCTION mine_old()" + unfiltered);

        assertThat(read.notices()).singleElement().asString().contains("recreates the function mine_old without its filter");
    }

    @Test
    void drop_function_names_no_procedure_and_drop_procedure_no_function() {
        String filtered = " LANGUAGE sql AS $$ SELECT count(*) FROM orders WHERE tenant_id = " + SETTING + " $$;\n";
        String unfiltered = " LANGUAGE sql AS $$ SELECT count(*) FROM orders $$;\n";
        TenantGuardRead read = afterTwoTenants("CREATE FUNCTION mine_f(n int) RETURNS bigint" + filtered
                + "CREATE PROCEDURE mine_p(t text)" + filtered + "CREATE FUNCTION mine_p(n int) RETURNS bigint" + unfiltered,
                "CREATE OR REPLACE FUNCTION mine_f(n int) RETURNS bigint" + unfiltered + "CREATE OR REPLACE PROCEDURE"
                        + " mine_p(t text)" + unfiltered + "DROP PROCEDURE IF EXISTS mine_f;\nDROP FUNCTION mine_p;\n");

        assertThat(read.notices()).hasSize(2).anySatisfy(n -> assertThat(n).contains("recreates the function mine_f without"))
                .anySatisfy(n -> assertThat(n).contains("recreates the procedure mine_p without"));
    }

    @Test
    void a_view_put_back_with_its_filter_or_dropped_is_no_finding() {
        TenantGuardRead kept = afterTwoTenants("CREATE VIEW mine AS SELECT item, tenant_id FROM orders WHERE tenant_id = "
                + SETTING + ";\nCREATE VIEW theirs AS SELECT o.item FROM orders o WHERE o.tenant_id = " + SETTING + ";\n",
                "DROP VIEW mine;\nCREATE VIEW mine AS SELECT item, tenant_id FROM orders WHERE tenant_id = " + SETTING
                        + " AND item IS NOT NULL;\nDROP VIEW theirs;\n");

        assertThat(kept.notices()).isEmpty();
    }

    @Test
    void a_view_recreated_or_reset_without_security_invoker_is_named() {
        String view = RLS + "CREATE VIEW items WITH (security_invoker = true) AS SELECT item FROM orders;\n";
        TenantGuardRead recreated = afterTwoTenants(view, "CREATE OR REPLACE VIEW items AS SELECT item FROM orders;\n");
        drop();
        TenantGuardRead reset = afterTwoTenants(view, "ALTER VIEW " + schema + ".items RESET (security_invoker);\n");

        assertThat(recreated.notices()).singleElement().asString().contains("leaves the view items without"
                + " security_invoker", "with its owner's rights", "flotilla tenancy rls");
        assertThat(reset.notices()).singleElement().asString().contains("leaves the view items without security_invoker");
    }

    @Test
    void row_level_security_switched_off_is_named_with_the_policy_that_no_longer_filters() {
        TenantGuardRead read = afterTwoTenants(RLS, "DROP POLICY tenant_isolation ON orders;\n"
                + "ALTER TABLE orders NO FORCE ROW LEVEL SECURITY;\nALTER TABLE orders DISABLE ROW LEVEL SECURITY;\n");

        assertThat(read.merge()).isNull();
        assertThat(read.notices()).singleElement().asString().contains("U2__isolation.sql switches row-level security off on"
                + " orders: its policy tenant_isolation (USING ", "tenant_id", "every tenant's rows are visible",
                "flotilla tenancy rls");
    }

    @Test
    void the_last_tenant_policy_dropped_or_row_security_no_longer_forced_is_named_and_a_policy_put_back_is_not() {
        List<String> dropped = afterTwoTenants(RLS, "DROP POLICY IF EXISTS tenant_isolation ON " + schema + ".orders;\n").notices();
        drop();
        List<String> unforced = afterTwoTenants(RLS, "ALTER TABLE ONLY orders NO FORCE ROW LEVEL SECURITY;\n").notices();
        drop();
        List<String> putBack = afterTwoTenants(RLS, "DROP POLICY tenant_isolation ON orders;\nCREATE POLICY tenant_isolation"
                + " ON orders USING (tenant_id = " + SETTING + ") WITH CHECK (tenant_id = " + SETTING + ");\n").notices();

        assertThat(dropped).singleElement().asString().contains("leaves orders with no policy reading the tenant column"
                + " tenant_id (tenant_isolation (USING ");
        assertThat(unforced).singleElement().asString().contains("no longer forces row-level security on orders");
        assertThat(putBack).isEmpty();
    }

    @Test
    void a_table_view_or_function_set_into_another_schema_has_left_it_and_what_is_made_under_its_name_is_another() {
        String up = RLS + "CREATE VIEW mine AS SELECT item, tenant_id FROM orders WHERE tenant_id = " + SETTING + ";\n"
                + "CREATE FUNCTION my_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders WHERE tenant_id = "
                + SETTING + " $$;\n";
        TenantGuardRead read = afterTwoTenants(up, "ALTER TABLE orders SET SCHEMA archive;\nCREATE TABLE orders (item text);\n"
                + "ALTER TABLE orders DISABLE ROW LEVEL SECURITY;\nALTER VIEW mine SET SCHEMA archive;\n"
                + "ALTER FUNCTION my_count() SET SCHEMA archive;\n");
        drop();
        TenantGuardRead other = afterTwoTenants(up, "ALTER EXTENSION orders SET SCHEMA archive;\n"
                + "ALTER TABLE orders DISABLE ROW LEVEL SECURITY;\n");

        assertThat(read.merge()).isNull();
        assertThat(read.notices()).isEmpty();
        assertThat(other.notices()).as("an extension's name is no table's").singleElement().asString()
                .contains("switches row-level security off on orders");
    }

    @Test
    void where_a_copy_puts_the_tenant_column_is_said_to_be_a_guess_when_nothing_is_refused() {
        TenantGuardRead read = afterTwoTenants("CREATE TABLE note (id int);\n", "DROP TABLE note;\n"
                + "CREATE TABLE o2 (item text);\nALTER TABLE o2 ADD COLUMN owner text;\n"
                + "INSERT INTO o2 SELECT item, tenant_id FROM orders;\nDROP TABLE orders;\n");

        assertThat(read.merge()).isNull();
        assertThat(read.notices()).singleElement().asString().contains("Uncertain, as the guard could not tell where the"
                + " down files copy the tenant column tenant_id: orders: where tenant_id lands in o2 is a guess",
                "does not refuse the rollback", "INSERT INTO t (a, tenant_id) SELECT");
    }
}
