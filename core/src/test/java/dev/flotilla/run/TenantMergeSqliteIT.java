package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge guard on a SQLite shared schema, whose file is the target: a table qualified with {@code main} is its own, one
 * qualified with {@code temp} or an attached database's name is not; a table renamed before it loses the column is found
 * under the name it has now.
 */
class TenantMergeSqliteIT {
    @TempDir
    Path temp;

    /** V1 creates orders with two tenants' rows, V2's down file is {@code down}; the guard's finding of V2's rollback. */
    private TenantMerge afterTwoTenants(String down) {
        MigrationFolder folder = new MigrationFolder(temp.resolve("migrations"))
                .write("V1__orders.sql", "CREATE TABLE orders (item TEXT, tenant_id TEXT NOT NULL);\n"
                        + "INSERT INTO orders VALUES ('bolt', 'acme'), ('nut', 'globex');\n")
                .write("V2__note.sql", "CREATE TABLE note (id INTEGER);\n")
                .write("U2__note.sql", "DROP TABLE note;\n" + down);
        Flotilla flotilla = Flotilla.load(TargetOptions.of(TestDatabases.sqlite(temp), folder.path()));
        assertThat(flotilla.migrate().ok()).isTrue();
        return flotilla.tenantMerge(RollbackRequest.steps(1), "tenant_id");
    }

    @Test
    void a_table_qualified_with_main_is_the_targets_own() {
        TenantMerge merge = afterTwoTenants("ALTER TABLE MAIN.orders DROP COLUMN tenant_id;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).isEqualTo(Map.of("orders", 2L));
    }

    @Test
    void a_table_qualified_with_temp_is_not_the_targets_namesake() {
        assertThat(afterTwoTenants("ALTER TABLE temp.orders DROP COLUMN tenant_id;\n")).isNull();
    }

    @Test
    void a_table_qualified_with_an_attached_databases_name_is_not_the_targets_namesake() {
        assertThat(afterTwoTenants("ALTER TABLE archive.orders DROP COLUMN tenant_id;\n")).isNull();
    }

    @Test
    void a_table_renamed_then_losing_the_column_under_its_new_name_in_the_same_file_is_found() {
        TenantMerge merge = afterTwoTenants("ALTER TABLE orders RENAME TO old_orders;\n"
                + "ALTER TABLE old_orders DROP COLUMN tenant_id;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).isEqualTo(Map.of("orders", 2L));
    }

    @Test
    void a_tenant_column_renamed_then_dropped_under_its_new_name_is_found() {
        TenantMerge merge = afterTwoTenants("ALTER TABLE orders RENAME COLUMN tenant_id TO owner;\n"
                + "ALTER TABLE orders DROP COLUMN owner;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).isEqualTo(Map.of("orders", 2L));
    }

    @Test
    void a_table_copied_without_the_column_in_place_of_the_old_one_is_found() {
        TenantMerge merge = afterTwoTenants("CREATE TABLE orders_new AS SELECT item FROM orders;\nDROP TABLE orders;\n"
                + "ALTER TABLE orders_new RENAME TO orders;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).isEqualTo(Map.of("orders", 2L));
    }
}
