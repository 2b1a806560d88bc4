package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollback guard on a MariaDB shared database says a view its down file recreates without the filter on the tenant
 * column (MariaDB has no row-level security: such views are what keeps tenants apart), read from the catalog's
 * backquoted, qualified definition; a view put back with its filter is no finding.
 */
class LostTenantFiltersMariaDbIT {
    private static final String FILTER = "WHERE tenant_id = SUBSTRING_INDEX(USER(), '@', 1)";

    @TempDir
    Path temp;
    final String database = TestDatabases.uniqueName();

    @AfterEach
    void drop() {
        TestDatabases.drop(TestDatabases.mariadb(database));
    }

    private TenantGuardRead afterTwoTenants(String down) throws Exception {
        return afterTwoTenants("CREATE VIEW mine AS SELECT item FROM orders " + FILTER + ";\n", down);
    }

    private TenantGuardRead afterTwoTenants(String up, String down) throws Exception {
        TestDatabases.execute(TestDatabases.mariadb(null), "CREATE DATABASE " + database);
        TargetSpec target = new TargetSpec(TestDatabases.mariadbUrl(database), TestDatabases.MARIADB_USER, null, null, null);
        MigrationFolder folder = new MigrationFolder(temp)
                .write("V1__orders.sql", "CREATE TABLE orders (item VARCHAR(20), tenant_id VARCHAR(20) NOT NULL);\n"
                        + "INSERT INTO orders VALUES ('bolt', 'acme'), ('nut', 'globex');\n")
                .write("V2__mine.sql", up)
                .write("U2__mine.sql", down);
        Flotilla flotilla = Flotilla.load(TargetOptions.of(target, folder.path()));
        assertThat(flotilla.migrate().ok()).isTrue();
        return flotilla.rollbackGuard(RollbackRequest.steps(1), "tenant_id");
    }

    @Test
    void a_view_recreated_without_its_tenant_filter_is_named_with_the_filter_it_loses() throws Exception {
        TenantGuardRead read = afterTwoTenants("CREATE OR REPLACE ALGORITHM = MERGE SQL SECURITY DEFINER VIEW `" + database
                + "`.`mine` AS SELECT item FROM orders;\n");

        assertThat(read.merge()).isNull();
        assertThat(read.notices()).singleElement().asString().contains("U2__mine.sql recreates the view mine without its"
                + " filter on the tenant column tenant_id (where ", "tenant_id", "substring_index(",
                "every tenant's rows", "revoke the application's SELECT on mine");
    }

    @Test
    void a_function_dropped_and_created_again_without_its_tenant_filter_is_named() throws Exception {
        String function = "CREATE FUNCTION my_count() RETURNS INT READS SQL DATA RETURN (SELECT COUNT(*) FROM orders ";
        TenantGuardRead read = afterTwoTenants(function + FILTER + ");\n", "DROP FUNCTION IF EXISTS my_count;\n" + function
                + ");\n");

        assertThat(read.notices()).singleElement().asString().contains("U2__mine.sql recreates the function my_count"
                + " without its filter on the tenant column tenant_id (", "revoke the application's EXECUTE on my_count");
    }

    @Test
    void view_names_differ_in_case_as_the_servers_lower_case_table_names_says() throws Exception {
        boolean caseSensitive;
        try (var connection = TestDatabases.connect(TestDatabases.mariadb(null));
             var row = connection.createStatement().executeQuery("SELECT @@lower_case_table_names")) {
            caseSensitive = row.next() && row.getInt(1) == 0;
        }

        TenantGuardRead read = afterTwoTenants("CREATE VIEW Mine AS SELECT item FROM orders " + FILTER + ";\n",
                "CREATE OR REPLACE VIEW Mine AS SELECT item FROM orders;\nCREATE VIEW mine AS SELECT item FROM orders "
                        + FILTER + ";\n");

        // Where case counts, mine is another view: Mine keeps no filter. Elsewhere the second statement puts it back.
        if (caseSensitive) {
            assertThat(read.notices()).singleElement().asString().contains("recreates the view Mine without its filter");
        } else {
            assertThat(read.notices()).isEmpty();
        }
    }

    @Test
    void a_function_is_one_by_its_name_whatever_its_case_and_parameters() throws Exception {
        String function = "CREATE FUNCTION My_Count(p INT) RETURNS INT READS SQL DATA RETURN (SELECT COUNT(*) + p FROM orders ";
        TenantGuardRead read = afterTwoTenants(function.replace("My_Count(p INT)", "my_count()").replace(" + p", "") + FILTER
                + ");\n", "DROP FUNCTION IF EXISTS MY_COUNT;\n" + function + ");\n");

        assertThat(read.notices()).singleElement().asString().contains("recreates the function my_count without its filter");
    }

    @Test
    void a_procedure_of_a_functions_name_is_another_routine_dropped_or_created_apart() throws Exception {
        String function = "CREATE FUNCTION my_count() RETURNS INT READS SQL DATA RETURN (SELECT COUNT(*) FROM orders ";
        String procedure = "CREATE PROCEDURE my_count() SELECT COUNT(*) FROM orders;\n";
        TenantGuardRead dropped = afterTwoTenants(function + FILTER + ");\n", "CREATE OR REPLACE " + function.substring(7)
                + ");\nDROP PROCEDURE IF EXISTS my_count;\n");
        TestDatabases.drop(TestDatabases.mariadb(database));
        TenantGuardRead created = afterTwoTenants(function + FILTER + ");\n", procedure);

        assertThat(dropped.notices()).singleElement().asString().contains("recreates the function my_count without its filter");
        assertThat(created.notices()).isEmpty();
    }

    @Test
    void a_view_put_back_with_its_filter_is_no_finding() throws Exception {
        TenantGuardRead read = afterTwoTenants("DROP VIEW mine;\nCREATE VIEW mine AS SELECT item FROM orders " + FILTER
                + " AND item <> '';\n");

        assertThat(read.notices()).isEmpty();
    }
}
