package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.run.TenantColumnDrops.TableName;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlText;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantColumnDropsTest {
    private static final SqlText POSTGRES = Dialect.forUrl("jdbc:postgresql://db/app").text();
    private static final SqlText MARIADB = Dialect.forUrl("jdbc:mariadb://db/app").text();
    private static final SqlText H2 = Dialect.forUrl("jdbc:h2:mem:app").text();
    private static final SqlText SQLITE = Dialect.forUrl("jdbc:sqlite:app.db").text();

    private static Set<TableName> drops(SqlText text, String... statements) {
        List<String> normalized = Arrays.stream(statements).map(text::normalize).toList();
        return TenantColumnDrops.in(text, normalized, "tenant_id", new RenamedTables());
    }

    /** The tables scripts run one after the other take the column from, each named as it was before the first ran. */
    private static List<TableName> dropsAcross(SqlText text, List<List<String>> scripts) {
        RenamedTables renamed = new RenamedTables();
        List<TableName> tables = new java.util.ArrayList<>();
        for (List<String> script : scripts) {
            tables.addAll(TenantColumnDrops.in(text, script.stream().map(text::normalize).toList(), "tenant_id", renamed));
        }
        return tables;
    }

    private static TableName bare(String table) {
        return new TableName(null, false, table, false);
    }

    @Test
    void a_quoted_name_with_spaces_or_dots_is_read_whole() {
        
        assertThat(drops(POSTGRES, "ALTER TABLE \"order items\" DROP COLUMN tenant_id")).containsExactly(
                new TableName(null, false, "order items", true));
        assertThat(drops(POSTGRES, "ALTER TABLE \"a.b\" DROP tenant_id")).containsExactly(new TableName(null, false, "a.b", true));
        assertThat(drops(POSTGRES, "ALTER TABLE \"Order \"\"Items\"\"\" DROP COLUMN IF EXISTS \"tenant_id\" CASCADE"))
                .containsExactly(new TableName(null, false, "Order \"Items\"", true));
    }

    @Test
    void a_schema_qualified_name_keeps_its_schema_and_how_each_part_was_written() {
        
        assertThat(drops(POSTGRES, "ALTER TABLE IF EXISTS ONLY app.\"order items\" DROP COLUMN tenant_id")).containsExactly(
                new TableName("app", false, "order items", true));
        assertThat(drops(POSTGRES, "ALTER TABLE \"My Schema\".\"a.b\" DROP COLUMN tenant_id")).containsExactly(
                new TableName("My Schema", true, "a.b", true));
        assertThat(drops(MARIADB, "ALTER TABLE `shop`.`Order Items` DROP COLUMN `tenant_id`"))
                .containsExactly(new TableName("shop", true, "Order Items", true));
    }

    @Test
    void mixed_case_names_are_kept_as_written_and_the_column_is_matched_in_any_case() {
        assertThat(drops(H2, "ALTER TABLE Orders DROP COLUMN TENANT_ID")).containsExactly(bare("Orders"));
        assertThat(drops(H2, "alter table orders drop column (note, Tenant_Id)")).containsExactly(bare("orders"));
    }

    @Test
    void only_an_action_that_drops_the_column_counts_not_a_constraint_an_index_a_literal_or_another_column() {
        
        assertThat(drops(POSTGRES,
                "ALTER TABLE orders DROP CONSTRAINT tenant_id",
                "ALTER TABLE orders DROP COLUMN tenant_id_old",
                "ALTER TABLE orders ADD COLUMN note text DEFAULT 'DROP tenant_id'",
                "ALTER TABLE orders RENAME COLUMN tenant_id TO owner",
                "-- ALTER TABLE orders DROP tenant_id\nSELECT 1",
                "ALTER TABLE \"DROP tenant_id\" ADD COLUMN x int")).isEmpty();
        assertThat(new java.util.ArrayList<>(drops(POSTGRES, "ALTER TABLE orders ADD COLUMN x int, DROP COLUMN tenant_id",
                "ALTER TABLE lines DROP COLUMN note, DROP tenant_id"))).containsExactly(bare("orders"), bare("lines"));
        assertThat(drops(MARIADB, "ALTER TABLE orders DROP INDEX tenant_id, DROP KEY tenant_id")).isEmpty();
    }

    @Test
    void a_sqlite_rebuild_that_copies_the_column_nowhere_takes_it_from_the_old_table_whatever_its_quoting() {
        
        assertThat(drops(SQLITE,
                "CREATE TABLE \"order items_new\" (item TEXT, quantity INTEGER)",
                "INSERT INTO \"order items_new\" (item, quantity) SELECT item, quantity FROM [order items]",
                "DROP TABLE \"order items\"",
                "ALTER TABLE \"order items_new\" RENAME TO \"order items\"")).containsExactly(
                new TableName(null, false, "order items", true));
    }

    @Test
    void a_sqlite_rebuild_that_copies_the_column_takes_nothing() {
        
        assertThat(drops(SQLITE,
                "CREATE TABLE orders_new (item TEXT, tenant_id TEXT NOT NULL)",
                "INSERT INTO orders_new SELECT item, coalesce(\"Tenant_Id\", 'acme') FROM orders",
                "DROP TABLE orders",
                "ALTER TABLE orders_new RENAME TO orders")).isEmpty();
        assertThat(drops(SQLITE,
                "CREATE TABLE orders_new (item TEXT, tenant_id TEXT NOT NULL)",
                "INSERT INTO orders_new SELECT * FROM orders",
                "DROP TABLE orders",
                "ALTER TABLE orders_new RENAME TO orders")).isEmpty();
        assertThat(drops(SQLITE,
                "CREATE TABLE orders_new (item TEXT, note TEXT DEFAULT 'tenant_id')",
                "INSERT INTO orders_new SELECT * FROM orders",
                "DROP TABLE orders",
                "ALTER TABLE orders_new RENAME TO orders")).containsExactly(bare("orders"));
    }

    @Test
    void a_table_renamed_then_losing_the_column_under_its_new_name_is_named_as_it_was_before() {
        assertThat(drops(POSTGRES, "ALTER TABLE orders RENAME TO old_orders", "ALTER TABLE old_orders DROP COLUMN tenant_id"))
                .containsExactly(bare("orders"));
        assertThat(drops(H2, "ALTER TABLE IF EXISTS app.Orders RENAME TO Archive", "ALTER TABLE Archive DROP COLUMN TENANT_ID"))
                .containsExactly(new TableName("app", false, "Orders", false));
        assertThat(drops(SQLITE, "ALTER TABLE \"order items\" RENAME TO items", "ALTER TABLE items DROP COLUMN tenant_id"))
                .containsExactly(new TableName(null, false, "order items", true));
        assertThat(drops(MARIADB, "RENAME TABLE notes TO n2, orders TO old_orders", "ALTER TABLE old_orders DROP tenant_id"))
                .containsExactly(bare("orders"));
        assertThat(drops(MARIADB, "ALTER TABLE orders RENAME AS o2", "ALTER TABLE o2 RENAME o3", "ALTER TABLE o3 DROP tenant_id"))
                .containsExactly(bare("orders"));
    }

    @Test
    void a_rename_in_an_earlier_down_file_is_followed_into_the_later_ones_in_the_order_they_run() {
        assertThat(dropsAcross(POSTGRES, List.of(List.of("ALTER TABLE orders RENAME TO old_orders"),
                List.of("DROP TABLE note", "ALTER TABLE old_orders DROP COLUMN tenant_id")))).containsExactly(bare("orders"));
    }

    @Test
    void a_column_rename_or_a_table_created_dropped_or_renamed_away_is_no_loss_of_a_table_there_before() {
        assertThat(drops(POSTGRES, "ALTER TABLE orders RENAME tenant_id TO owner", "ALTER TABLE orders RENAME COLUMN a TO b",
                "ALTER TABLE orders RENAME CONSTRAINT c TO d")).isEmpty();
        assertThat(drops(POSTGRES, "ALTER TABLE orders RENAME tenant_id TO owner", "ALTER TABLE orders DROP COLUMN tenant_id"))
                .containsExactly(bare("orders"));
        assertThat(drops(POSTGRES, "CREATE TABLE scratch (tenant_id int)", "ALTER TABLE scratch DROP COLUMN tenant_id")).isEmpty();
        assertThat(drops(POSTGRES, "DROP TABLE orders", "CREATE TABLE orders (tenant_id int)",
                "ALTER TABLE orders DROP COLUMN tenant_id")).isEmpty();
        assertThat(drops(POSTGRES, "ALTER TABLE orders RENAME TO gone", "ALTER TABLE orders DROP COLUMN tenant_id")).isEmpty();
    }

    @Test
    void a_sqlite_rebuild_that_keeps_the_column_then_a_later_drop_of_it_is_the_old_tables_loss() {
        assertThat(dropsAcross(SQLITE, List.of(List.of(
                "CREATE TABLE orders_new (item TEXT, tenant_id TEXT NOT NULL)",
                "INSERT INTO orders_new SELECT item, tenant_id FROM orders",
                "DROP TABLE orders",
                "ALTER TABLE orders_new RENAME TO orders"), List.of("ALTER TABLE orders DROP COLUMN tenant_id"))))
                .containsExactly(bare("orders"));
    }
}
