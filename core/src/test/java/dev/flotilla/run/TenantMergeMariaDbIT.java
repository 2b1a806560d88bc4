package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge guard on a MariaDB database named by its URL (no schema of the target's own): a table the down file
 * qualifies with that database, in backquotes with a space, is the target's.
 */
class TenantMergeMariaDbIT {
    @TempDir
    Path temp;
    final String database = TestDatabases.uniqueName();

    @AfterEach
    void drop() {
        TestDatabases.drop(TestDatabases.mariadb(database));
    }

    @Test
    void a_backquoted_table_qualified_with_the_database_of_the_url_is_found() throws Exception {
        TestDatabases.execute(TestDatabases.mariadb(null), "CREATE DATABASE " + database);
        TargetSpec target = new TargetSpec(TestDatabases.mariadbUrl(database), TestDatabases.MARIADB_USER, null, null, null);
        MigrationFolder folder = new MigrationFolder(temp)
                .write("V1__orders.sql", "CREATE TABLE `order items` (item VARCHAR(20), tenant_id VARCHAR(20) NOT NULL);\n"
                        + "INSERT INTO `order items` VALUES ('bolt', 'acme'), ('nut', 'globex');\n")
                .write("V2__note.sql", "CREATE TABLE note (id INT);\n")
                .write("U2__note.sql", "DROP TABLE note;\nALTER TABLE `" + database + "`.`order items` DROP COLUMN `tenant_id`;\n");
        Flotilla flotilla = Flotilla.load(TargetOptions.of(target, folder.path()));
        assertThat(flotilla.migrate().ok()).isTrue();

        TenantMerge merge = flotilla.tenantMerge(RollbackRequest.steps(1), "tenant_id");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).isEqualTo(Map.of("order items", 2L));
    }

    @Test
    void a_table_renamed_with_rename_table_then_losing_the_column_under_its_new_name_is_found() throws Exception {
        TestDatabases.execute(TestDatabases.mariadb(null), "CREATE DATABASE " + database);
        TargetSpec target = new TargetSpec(TestDatabases.mariadbUrl(database), TestDatabases.MARIADB_USER, null, null, null);
        MigrationFolder folder = new MigrationFolder(temp)
                .write("V1__orders.sql", "CREATE TABLE orders (item VARCHAR(20), tenant_id VARCHAR(20) NOT NULL);\n"
                        + "INSERT INTO orders VALUES ('bolt', 'acme'), ('nut', 'globex');\n")
                .write("V2__note.sql", "CREATE TABLE note (id INT);\n")
                .write("U2__note.sql", "DROP TABLE note;\nRENAME TABLE orders TO old_orders;\n"
                        + "ALTER TABLE old_orders DROP COLUMN tenant_id;\n");
        Flotilla flotilla = Flotilla.load(TargetOptions.of(target, folder.path()));
        assertThat(flotilla.migrate().ok()).isTrue();

        TenantMerge merge = flotilla.tenantMerge(RollbackRequest.steps(1), "tenant_id");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).isEqualTo(Map.of("orders", 2L));
    }

    /** V1 creates orders with two tenants' rows, V2's down file is {@code down}; the guard's finding of V2's rollback. */
    private TenantMerge afterTwoTenants(String down) throws Exception {
        TestDatabases.execute(TestDatabases.mariadb(null), "CREATE DATABASE " + database);
        TargetSpec target = new TargetSpec(TestDatabases.mariadbUrl(database), TestDatabases.MARIADB_USER, null, null, null);
        MigrationFolder folder = new MigrationFolder(temp)
                .write("V1__orders.sql", "CREATE TABLE orders (item VARCHAR(20), tenant_id VARCHAR(20) NOT NULL);\n"
                        + "INSERT INTO orders VALUES ('bolt', 'acme'), ('nut', 'globex');\n")
                .write("V2__note.sql", "CREATE TABLE note (id INT);\n")
                .write("U2__note.sql", "DROP TABLE note;\n" + down);
        Flotilla flotilla = Flotilla.load(TargetOptions.of(target, folder.path()));
        assertThat(flotilla.migrate().ok()).isTrue();
        return flotilla.tenantMerge(RollbackRequest.steps(1), "tenant_id");
    }

    @Test
    void a_tenant_column_renamed_with_change_then_dropped_under_its_new_name_is_found() throws Exception {
        TenantMerge merge = afterTwoTenants("ALTER TABLE orders CHANGE COLUMN tenant_id owner VARCHAR(20) NOT NULL;\n"
                + "ALTER TABLE orders DROP COLUMN owner;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).isEqualTo(Map.of("orders", 2L));
    }

    @Test
    void a_table_rebuilt_through_create_or_replace_keeps_its_rows_and_loses_the_column_after() throws Exception {
        TenantMerge merge = afterTwoTenants("CREATE OR REPLACE TABLE orders_new (item VARCHAR(20), tenant_id VARCHAR(20));\n"
                + "INSERT INTO orders_new SELECT item, tenant_id FROM orders;\nDROP TABLE orders;\n"
                + "RENAME TABLE orders_new TO orders;\nALTER TABLE orders DROP COLUMN tenant_id;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).isEqualTo(Map.of("orders", 2L));
    }

    @Test
    void a_table_created_or_replaced_is_a_new_one_whose_column_holds_no_tenants_rows() throws Exception {
        assertThat(afterTwoTenants("CREATE OR REPLACE TABLE orders (item VARCHAR(20), tenant_id VARCHAR(20));\n"
                + "ALTER TABLE orders DROP COLUMN tenant_id;\n")).isNull();
    }

    @Test
    void table_names_differ_in_case_as_the_servers_lower_case_table_names_says() throws Exception {
        boolean caseSensitive;
        try (var connection = TestDatabases.connect(TestDatabases.mariadb(null));
             var row = connection.createStatement().executeQuery("SELECT @@lower_case_table_names")) {
            caseSensitive = row.next() && row.getInt(1) == 0;
        }

        TenantMerge merge = afterTwoTenants("RENAME TABLE Orders TO gone;\nALTER TABLE orders DROP COLUMN tenant_id;\n");

        // Where case counts, Orders is another table (the down file's rename of it would fail) and orders loses the column.
        if (caseSensitive) {
            assertThat(merge).isNotNull();
            assertThat(merge.tables()).isEqualTo(Map.of("orders", 2L));
        } else {
            assertThat(merge).isNull();
        }
    }

    @Test
    void a_table_copied_without_the_column_in_place_of_the_old_one_is_found() throws Exception {
        TenantMerge merge = afterTwoTenants("CREATE TABLE orders_new SELECT item FROM orders;\nDROP TABLE orders;\n"
                + "RENAME TABLE orders_new TO orders;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).isEqualTo(Map.of("orders", 2L));
    }
}
