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
 * The merge guard on a PostgreSQL shared schema finds the table a down file names as the database does: quoted with a
 * space or a dot, qualified with the target's schema (or another's), or in mixed case beside a table whose name differs
 * only in case.
 */
class TenantMergePostgresIT {
    @TempDir
    Path temp;
    final String schema = TestDatabases.uniqueName();
    final TargetSpec target = TestDatabases.postgres(schema);

    final TargetSpec other = TestDatabases.postgres(schema + "_other");

    @AfterEach
    void drop() {
        TestDatabases.drop(java.util.List.of(target, other));
    }

    /** V1 creates {@code table} with two tenants' rows, V2's down file is {@code down}; the guard's finding of V2's rollback. */
    private TenantMerge afterTwoTenants(String table, String down) {
        MigrationFolder folder = new MigrationFolder(temp)
                .write("V1__orders.sql", "CREATE TABLE " + table + " (item text, tenant_id text NOT NULL);\n"
                        + "INSERT INTO " + table + " VALUES ('bolt', 'acme'), ('nut', 'globex');\n")
                .write("V2__note.sql", "CREATE TABLE note (id int);\n")
                .write("U2__note.sql", "DROP TABLE note;\n" + down);
        Flotilla flotilla = Flotilla.load(TargetOptions.of(target, folder.path()));
        assertThat(flotilla.migrate().ok()).isTrue();
        return flotilla.tenantMerge(RollbackRequest.steps(1), "tenant_id");
    }

    @Test
    void a_quoted_table_qualified_with_the_targets_schema_is_found() {
        TenantMerge merge = afterTwoTenants("\"order items\"", "ALTER TABLE \"" + schema + "\".\"order items\" DROP COLUMN tenant_id;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).containsExactly(java.util.Map.entry("order items", 2L));
    }

    @Test
    void a_table_whose_name_has_a_dot_qualified_with_the_bare_schema_is_found() {
        TenantMerge merge = afterTwoTenants("\"a.b\"", "ALTER TABLE " + schema + ".\"a.b\" DROP tenant_id;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).containsExactly(java.util.Map.entry("a.b", 2L));
    }

    @Test
    void a_quoted_mixed_case_name_is_that_table_not_the_one_its_name_folds_to() throws Exception {
        TestDatabases.execute(TestDatabases.postgres(null), "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".orders (item text, tenant_id text)",
                "INSERT INTO " + schema + ".orders VALUES ('bolt', 'acme')");
        TenantMerge merge = afterTwoTenants("\"Orders\"", "ALTER TABLE \"Orders\" DROP COLUMN tenant_id;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).containsExactly(java.util.Map.entry("Orders", 2L));
    }

    @Test
    void the_bare_name_is_the_table_it_folds_to_not_its_mixed_case_namesake() throws Exception {
        TestDatabases.execute(TestDatabases.postgres(null), "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".\"Orders\" (item text, tenant_id text)",
                "INSERT INTO " + schema + ".\"Orders\" VALUES ('bolt', 'acme')");

        assertThat(afterTwoTenants("orders", "ALTER TABLE ORDERS DROP COLUMN tenant_id;\n").tables())
                .containsExactly(java.util.Map.entry("orders", 2L));
    }

    @Test
    void a_table_of_another_schema_is_looked_for_there_and_named_with_it() throws Exception {
        TestDatabases.execute(TestDatabases.postgres(null), "CREATE SCHEMA " + schema + "_other",
                "CREATE TABLE " + schema + "_other.orders (item text, tenant_id text)",
                "INSERT INTO " + schema + "_other.orders VALUES ('bolt', 'acme'), ('nut', 'globex'), ('pin', 'initech')");

        TenantMerge merge = afterTwoTenants("orders", "ALTER TABLE " + schema + "_other.orders DROP COLUMN tenant_id;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).containsExactly(java.util.Map.entry(schema + "_other.orders", 3L));
    }

    @Test
    void a_table_an_earlier_down_file_renamed_is_found_when_a_later_one_drops_the_column_from_its_new_name() {
        MigrationFolder folder = new MigrationFolder(temp)
                .write("V1__orders.sql", "CREATE TABLE orders (item text, tenant_id text NOT NULL);\n"
                        + "INSERT INTO orders VALUES ('bolt', 'acme'), ('nut', 'globex');\n")
                .write("V2__note.sql", "CREATE TABLE note (id int);\n")
                .write("U2__note.sql", "DROP TABLE note;\nALTER TABLE old_orders DROP COLUMN tenant_id;\n")
                .write("V3__rename.sql", "SELECT 1;\n")
                .write("U3__rename.sql", "ALTER TABLE orders RENAME TO old_orders;\n");
        Flotilla flotilla = Flotilla.load(TargetOptions.of(target, folder.path()));
        assertThat(flotilla.migrate().ok()).isTrue();

        TenantMerge merge = flotilla.tenantMerge(RollbackRequest.steps(2), "tenant_id");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).containsExactly(java.util.Map.entry("orders", 2L));
    }

    @Test
    void a_tenant_column_renamed_then_dropped_under_its_new_name_is_found() {
        TenantMerge merge = afterTwoTenants("orders", "ALTER TABLE orders RENAME COLUMN tenant_id TO owner;\n"
                + "ALTER TABLE orders DROP COLUMN owner;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).containsExactly(java.util.Map.entry("orders", 2L));
    }

    @Test
    void a_quoted_mixed_case_table_renamed_away_leaves_the_bare_namesake_that_loses_the_column() throws Exception {
        TestDatabases.execute(TestDatabases.postgres(null), "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".\"Orders\" (item text, tenant_id text)",
                "INSERT INTO " + schema + ".\"Orders\" VALUES ('bolt', 'acme')");

        TenantMerge merge = afterTwoTenants("orders", "ALTER TABLE \"Orders\" RENAME TO gone;\n"
                + "ALTER TABLE orders DROP COLUMN tenant_id;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).containsExactly(java.util.Map.entry("orders", 2L));
    }

    @Test
    void another_schemas_table_renamed_away_leaves_the_targets_namesake_that_loses_the_column() throws Exception {
        TestDatabases.execute(TestDatabases.postgres(null), "CREATE SCHEMA " + schema + "_other",
                "CREATE TABLE " + schema + "_other.orders (item text, tenant_id text)");

        TenantMerge merge = afterTwoTenants("orders", "ALTER TABLE " + schema + "_other.orders RENAME TO archive;\n"
                + "ALTER TABLE orders DROP COLUMN tenant_id;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).containsExactly(java.util.Map.entry("orders", 2L));
    }

    @Test
    void a_table_copied_without_the_column_in_place_of_the_old_one_is_found() {
        TenantMerge merge = afterTwoTenants("orders", "CREATE TABLE orders_new AS SELECT item FROM orders;\n"
                + "DROP TABLE orders;\nALTER TABLE orders_new RENAME TO orders;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).containsExactly(java.util.Map.entry("orders", 2L));
    }

    @Test
    void where_an_insert_naming_no_columns_puts_the_column_is_read_from_the_catalog() throws Exception {
        TestDatabases.execute(TestDatabases.postgres(null), "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".archive (item text, owner text)");

        TenantMerge merge = afterTwoTenants("orders", "INSERT INTO archive SELECT item, tenant_id FROM orders;\n"
                + "DROP TABLE orders;\nALTER TABLE archive DROP COLUMN owner;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).containsExactly(java.util.Map.entry("orders", 2L));
        assertThat(merge.doubts()).isEmpty();
        assertThat(merge.refusal().getMessage()).doesNotContain("Uncertain");
    }

    @Test
    void where_the_guard_cannot_know_where_the_column_lands_its_refusal_says_so() {
        TenantMerge merge = afterTwoTenants("orders", "CREATE TABLE o2 (item text);\nALTER TABLE o2 ADD COLUMN owner text;\n"
                + "INSERT INTO o2 SELECT item, tenant_id FROM orders;\nDROP TABLE orders;\n"
                + "ALTER TABLE o2 DROP COLUMN tenant_id;\n");

        assertThat(merge).isNotNull();
        assertThat(merge.tables()).containsExactly(java.util.Map.entry("orders", 2L));
        assertThat(merge.refusal().getMessage()).contains("Uncertain, as the guard could not tell where the down files copy"
                + " the column: orders: where tenant_id lands in o2 is a guess: INSERT INTO o2 names no columns",
                "INSERT INTO t (a, tenant_id) SELECT");
    }
}
