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

/** The merge guard on H2, which keeps bare names in upper case: the column is counted as the catalog spells it. */
class TenantMergeH2IT {
    @TempDir
    Path temp;

    /** V1 creates orders with two tenants' rows, V2's down file is {@code down}; the guard's finding of V2's rollback. */
    private TenantMerge afterTwoTenants(String down) {
        MigrationFolder folder = new MigrationFolder(temp)
                .write("V1__orders.sql", "CREATE TABLE orders (item VARCHAR(20), tenant_id VARCHAR(20) NOT NULL);\n"
                        + "INSERT INTO orders VALUES ('bolt', 'acme'), ('nut', 'globex');\n")
                .write("V2__note.sql", "CREATE TABLE note (id INT);\n")
                .write("U2__note.sql", down);
        Flotilla flotilla = Flotilla.load(TargetOptions.of(TestDatabases.h2(TestDatabases.uniqueName()), folder.path()));
        assertThat(flotilla.migrate().ok()).isTrue();
        return flotilla.tenantMerge(RollbackRequest.steps(1), "tenant_id");
    }

    @Test
    void a_bare_tenant_column_kept_in_upper_case_is_counted_and_a_mixed_case_drop_is_found() {
        MigrationFolder folder = new MigrationFolder(temp)
                .write("V1__orders.sql", "CREATE TABLE orders (item VARCHAR(20), tenant_id VARCHAR(20) NOT NULL);\n"
                        + "INSERT INTO orders VALUES ('bolt', 'acme'), ('nut', 'globex');\n")
                .write("U1__orders.sql", "DROP TABLE orders;\n")
                .write("V2__note.sql", "CREATE TABLE note (id INT);\n")
                .write("U2__note.sql", "DROP TABLE note;\nALTER TABLE Orders DROP COLUMN Tenant_Id;\n");
        Flotilla flotilla = Flotilla.load(TargetOptions.of(TestDatabases.h2(TestDatabases.uniqueName()), folder.path()));
        assertThat(flotilla.migrate().ok()).isTrue();

        TenantMerge merge = flotilla.tenantMerge(RollbackRequest.steps(1), "tenant_id");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).isEqualTo(Map.of("ORDERS", 2L));
        assertThat(merge.tenants()).isEqualTo(2);
    }

    @Test
    void a_table_renamed_then_losing_the_column_under_its_new_name_in_the_same_file_is_found() {
        TenantMerge merge = afterTwoTenants("ALTER TABLE orders RENAME TO old_orders;\n"
                + "ALTER TABLE old_orders DROP COLUMN tenant_id;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).isEqualTo(Map.of("ORDERS", 2L));
    }

    @Test
    void a_tenant_column_renamed_then_dropped_under_its_new_name_is_found() {
        TenantMerge merge = afterTwoTenants("ALTER TABLE orders ALTER COLUMN tenant_id RENAME TO owner;\n"
                + "ALTER TABLE orders DROP COLUMN owner;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).isEqualTo(Map.of("ORDERS", 2L));
    }

    @Test
    void a_table_copied_without_the_column_in_place_of_the_old_one_is_found() {
        TenantMerge merge = afterTwoTenants("CREATE TABLE orders_new AS SELECT item FROM orders;\nDROP TABLE orders;\n"
                + "ALTER TABLE orders_new RENAME TO orders;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).isEqualTo(Map.of("ORDERS", 2L));
    }
}
