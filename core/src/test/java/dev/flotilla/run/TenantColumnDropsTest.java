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
        return drops(text, identity(text), statements);
    }

    private static Set<TableName> drops(SqlText text, TableIdentity identity, String... statements) {
        List<String> normalized = Arrays.stream(statements).map(text::normalize).toList();
        return TenantColumnDrops.in(text, normalized, new RenamedTables(identity, "tenant_id"));
    }

    /**
     * Each dialect's rules, the target's own schema app as its catalog has it (H2: APP; none on SQLite), MariaDB's table
     * names case-sensitive.
     */
    private static TableIdentity identity(SqlText text) {
        return text == POSTGRES ? new TableIdentity("postgresql", "app", true) : text == MARIADB
                ? new TableIdentity("mariadb", "app", true) : text == H2 ? new TableIdentity("h2", "APP", true)
                : new TableIdentity("sqlite", null, false);
    }

    /** The tables scripts run one after the other take the column from, each named as it was before the first ran. */
    private static List<TableName> dropsAcross(SqlText text, List<List<String>> scripts) {
        RenamedTables renamed = new RenamedTables(identity(text), "tenant_id");
        List<TableName> tables = new java.util.ArrayList<>();
        for (List<String> script : scripts) {
            tables.addAll(TenantColumnDrops.in(text, script.stream().map(text::normalize).toList(), renamed));
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
        // The tenant column is owner now: a tenant_id dropped after the rename is not it (there is none; the drop fails).
        assertThat(drops(POSTGRES, "ALTER TABLE orders RENAME tenant_id TO owner", "ALTER TABLE orders DROP COLUMN tenant_id"))
                .isEmpty();
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

    @Test
    void a_tenant_column_renamed_then_dropped_under_its_new_name_is_the_tables_loss() {
        assertThat(drops(POSTGRES, "ALTER TABLE orders RENAME COLUMN tenant_id TO owner", "ALTER TABLE orders DROP COLUMN owner"))
                .containsExactly(bare("orders"));
        assertThat(dropsAcross(POSTGRES, List.of(List.of("ALTER TABLE orders RENAME tenant_id TO owner"),
                List.of("ALTER TABLE orders RENAME TO o2", "ALTER TABLE o2 DROP owner")))).containsExactly(bare("orders"));
        assertThat(drops(MARIADB, "ALTER TABLE orders CHANGE COLUMN tenant_id owner VARCHAR(20) NOT NULL",
                "ALTER TABLE orders DROP owner")).containsExactly(bare("orders"));
        assertThat(drops(MARIADB, "ALTER TABLE orders CHANGE IF EXISTS `tenant_id` `owner` INT, RENAME COLUMN owner TO holder",
                "ALTER TABLE orders DROP COLUMN holder")).containsExactly(bare("orders"));
        assertThat(drops(H2, "ALTER TABLE orders ALTER COLUMN TENANT_ID RENAME TO owner", "ALTER TABLE orders DROP COLUMN owner"))
                .containsExactly(bare("orders"));
        assertThat(drops(SQLITE, "ALTER TABLE orders RENAME COLUMN tenant_id TO owner", "ALTER TABLE orders DROP COLUMN owner"))
                .containsExactly(bare("orders"));
        assertThat(drops(SQLITE, "ALTER TABLE orders RENAME tenant_id TO owner",
                "CREATE TABLE orders_new (item TEXT)",
                "INSERT INTO orders_new (item) SELECT item FROM orders",
                "DROP TABLE orders",
                "ALTER TABLE orders_new RENAME TO orders")).containsExactly(bare("orders"));
        assertThat(drops(SQLITE, "ALTER TABLE orders RENAME tenant_id TO owner",
                "CREATE TABLE orders_new (item TEXT, owner TEXT)",
                "INSERT INTO orders_new (item, owner) SELECT item, owner FROM orders",
                "DROP TABLE orders",
                "ALTER TABLE orders_new RENAME TO orders")).isEmpty();
    }

    @Test
    void another_column_renamed_or_the_tenant_column_renamed_back_is_followed_too() {
        assertThat(drops(POSTGRES, "ALTER TABLE orders RENAME note TO owner", "ALTER TABLE orders DROP COLUMN owner")).isEmpty();
        assertThat(drops(POSTGRES, "ALTER TABLE orders RENAME tenant_id TO owner", "ALTER TABLE orders RENAME owner TO tenant_id",
                "ALTER TABLE orders DROP tenant_id")).containsExactly(bare("orders"));
        assertThat(drops(POSTGRES, "ALTER TABLE orders RENAME tenant_id TO owner", "ALTER TABLE lines DROP owner")).isEmpty();
    }

    @Test
    void postgresql_tells_a_quoted_name_from_the_bare_one_it_does_not_fold_to() {
        // "Orders" renamed away leaves orders, another table, as it was; orders renamed to "Old" is not old.
        assertThat(drops(POSTGRES, "ALTER TABLE \"Orders\" RENAME TO gone", "ALTER TABLE orders DROP tenant_id"))
                .containsExactly(bare("orders"));
        assertThat(drops(POSTGRES, "ALTER TABLE orders RENAME TO \"Old\"", "ALTER TABLE old DROP tenant_id"))
                .containsExactly(bare("old"));
        assertThat(drops(POSTGRES, "ALTER TABLE orders RENAME TO \"Old\"", "ALTER TABLE \"Old\" DROP tenant_id"))
                .containsExactly(bare("orders"));
        assertThat(drops(POSTGRES, "ALTER TABLE Orders RENAME TO OLD", "ALTER TABLE \"old\" DROP tenant_id"))
                .containsExactly(bare("Orders"));
    }

    @Test
    void a_rename_keeps_the_table_in_its_schema_and_names_of_two_schemas_are_two_tables() {
        assertThat(drops(POSTGRES, "ALTER TABLE a.orders RENAME TO x", "ALTER TABLE b.x DROP tenant_id"))
                .containsExactly(new TableName("b", false, "x", false));
        assertThat(drops(POSTGRES, "ALTER TABLE a.orders RENAME TO x", "ALTER TABLE a.x DROP tenant_id"))
                .containsExactly(new TableName("a", false, "orders", false));
        assertThat(drops(POSTGRES, "ALTER TABLE a.orders RENAME TO x", "ALTER TABLE orders DROP tenant_id"))
                .containsExactly(bare("orders"));
        assertThat(drops(POSTGRES, "ALTER TABLE app.orders RENAME TO x", "ALTER TABLE x DROP tenant_id"))
                .containsExactly(new TableName("app", false, "orders", false));
        // MariaDB moves a table renamed to an unqualified name into the current database, the target's.
        assertThat(drops(MARIADB, "ALTER TABLE shop.orders RENAME TO o2", "ALTER TABLE o2 DROP tenant_id"))
                .containsExactly(new TableName("shop", false, "orders", false));
        assertThat(drops(MARIADB, "RENAME TABLE shop.orders TO archive.orders", "ALTER TABLE orders DROP tenant_id",
                "ALTER TABLE archive.orders DROP tenant_id")).containsExactly(bare("orders"),
                new TableName("shop", false, "orders", false));
        // PostgreSQL's SET SCHEMA moves it, its rows with it: followed into the other schema as MariaDB's rename is.
        assertThat(drops(POSTGRES, "ALTER TABLE IF EXISTS ONLY orders SET SCHEMA archive", "ALTER TABLE orders DROP tenant_id",
                "ALTER TABLE archive.orders DROP tenant_id")).containsExactly(bare("orders"));
        assertThat(drops(POSTGRES, "ALTER TABLE a.orders SET SCHEMA \"Archive\"", "ALTER TABLE \"Archive\".orders DROP"
                + " tenant_id")).containsExactly(new TableName("a", false, "orders", false));
    }

    @Test
    void the_table_rules_are_the_dialects_that_read_the_servers_names_two_readings_where_it_could_not() {
        assertThat(TableIdentity.of(dev.flotilla.sql.Dialect.forUrl("jdbc:mariadb://h/app"), "app"))
                .containsExactly(new TableIdentity("mariadb", "app", true), new TableIdentity("mariadb", "app", false));
        assertThat(TableIdentity.of(dev.flotilla.sql.Dialect.forUrl("jdbc:postgresql://h/db"), "app"))
                .containsExactly(new TableIdentity("postgresql", "app", true));
        assertThat(TableIdentity.of(dev.flotilla.sql.Dialect.forUrl("jdbc:sqlite:x.db"), null))
                .containsExactly(new TableIdentity("sqlite", null, true));
    }

    @Test
    void mariadb_table_names_differ_in_case_as_lower_case_table_names_says() {
        TableIdentity sensitive = new TableIdentity("mariadb", "app", true);
        TableIdentity insensitive = new TableIdentity("mariadb", "app", false);
        assertThat(drops(MARIADB, sensitive, "RENAME TABLE Orders TO x", "ALTER TABLE orders DROP tenant_id"))
                .containsExactly(bare("orders"));
        assertThat(drops(MARIADB, insensitive, "RENAME TABLE Orders TO x", "ALTER TABLE orders DROP tenant_id")).isEmpty();
        assertThat(drops(MARIADB, insensitive, "RENAME TABLE Orders TO x", "ALTER TABLE X DROP tenant_id"))
                .containsExactly(bare("Orders"));
        assertThat(drops(SQLITE, "ALTER TABLE Orders RENAME TO x", "ALTER TABLE X DROP tenant_id"))
                .containsExactly(bare("Orders"));
    }

    @Test
    void create_or_replace_is_a_new_table_and_if_not_exists_keeps_the_one_there() {
        assertThat(drops(MARIADB, "CREATE OR REPLACE TABLE orders (item TEXT, tenant_id TEXT)",
                "ALTER TABLE orders DROP tenant_id")).isEmpty();
        assertThat(drops(MARIADB, "CREATE OR REPLACE TABLE orders_new (item TEXT, tenant_id TEXT)",
                "INSERT INTO orders_new SELECT item, tenant_id FROM orders", "DROP TABLE orders",
                "RENAME TABLE orders_new TO orders", "ALTER TABLE orders DROP tenant_id")).containsExactly(bare("orders"));
        assertThat(drops(MARIADB, "CREATE TABLE IF NOT EXISTS orders (item TEXT, tenant_id TEXT)",
                "ALTER TABLE orders DROP tenant_id")).containsExactly(bare("orders"));
        assertThat(drops(MARIADB, "DROP TABLE orders", "CREATE TABLE IF NOT EXISTS orders (item TEXT, tenant_id TEXT)",
                "ALTER TABLE orders DROP tenant_id")).isEmpty();
        // Filled from orders, orders_new holds its rows, and its own when it was there already.
        assertThat(drops(POSTGRES, "CREATE TABLE IF NOT EXISTS orders_new (item TEXT, tenant_id TEXT)",
                "INSERT INTO orders_new SELECT item, tenant_id FROM orders", "DROP TABLE orders",
                "ALTER TABLE orders_new RENAME TO orders", "ALTER TABLE orders DROP tenant_id"))
                .containsExactly(bare("orders_new"), bare("orders"));
    }

    @Test
    void a_table_created_from_a_query_holds_the_rows_it_copied_with_their_tenant() {
        assertThat(drops(POSTGRES, "CREATE TABLE o2 AS SELECT * FROM orders", "DROP TABLE orders",
                "ALTER TABLE o2 DROP tenant_id")).containsExactly(bare("orders"));
        assertThat(drops(MARIADB, "CREATE OR REPLACE TABLE o2 SELECT item, tenant_id FROM orders",
                "ALTER TABLE o2 DROP tenant_id")).containsExactly(bare("orders"));
        assertThat(drops(MARIADB, "CREATE TABLE o2 LIKE orders", "ALTER TABLE o2 DROP tenant_id")).isEmpty();
    }

    @Test
    void a_bare_schema_name_is_the_targets_own_as_the_database_compares_schema_names() {
        TableIdentity postgres = new TableIdentity("postgresql", "App", true);
        assertThat(postgres.isOwn(new TableName("app", false, "orders", false))).isFalse();
        assertThat(postgres.isOwn(new TableName("App", false, "orders", false))).isFalse();
        assertThat(postgres.isOwn(new TableName("App", true, "orders", false))).isTrue();
        assertThat(new TableIdentity("postgresql", "app", true).isOwn(new TableName("APP", false, "orders", false))).isTrue();
        assertThat(new TableIdentity("h2", "APP", true).isOwn(new TableName("app", false, "orders", false))).isTrue();
        assertThat(new TableIdentity("h2", "app", true).isOwn(new TableName("app", false, "orders", false))).isFalse();
        assertThat(new TableIdentity("mariadb", "App", true).isOwn(new TableName("app", false, "orders", false))).isFalse();
        assertThat(new TableIdentity("mariadb", "App", false).isOwn(new TableName("app", false, "orders", false))).isTrue();
        // Renamed in a schema PostgreSQL reads as another (app, not "App"), orders stays there: x is not the target's.
        assertThat(drops(POSTGRES, postgres, "ALTER TABLE App.orders RENAME TO x", "ALTER TABLE x DROP tenant_id"))
                .containsExactly(bare("x"));
        assertThat(drops(POSTGRES, postgres, "ALTER TABLE \"App\".orders RENAME TO x", "ALTER TABLE x DROP tenant_id"))
                .containsExactly(new TableName("App", true, "orders", false));
    }

    @Test
    void a_table_copied_without_the_column_then_dropped_leaves_its_rows_mixed_on_every_dialect() {
        assertThat(drops(POSTGRES, "CREATE TABLE orders_new AS SELECT item FROM orders", "DROP TABLE orders",
                "ALTER TABLE orders_new RENAME TO orders")).containsExactly(bare("orders"));
        assertThat(drops(MARIADB, "CREATE TABLE orders_new SELECT item FROM orders", "DROP TABLE orders",
                "RENAME TABLE orders_new TO orders")).containsExactly(bare("orders"));
        assertThat(drops(H2, "CREATE TABLE orders_new AS SELECT item FROM orders", "DROP TABLE orders")).containsExactly(
                bare("orders"));
        assertThat(drops(SQLITE, "CREATE TABLE orders_new AS SELECT item FROM orders", "DROP TABLE orders",
                "ALTER TABLE orders_new RENAME TO orders")).containsExactly(bare("orders"));
        // Copied on, then the copy losing its old table: still no tenant column anywhere.
        assertThat(drops(POSTGRES, "CREATE TABLE a AS SELECT item FROM orders", "CREATE TABLE b AS TABLE a", "DROP TABLE a",
                "DROP TABLE orders")).containsExactly(bare("orders"));
        // Into a table that was there: the rows it gets have no tenant.
        assertThat(drops(POSTGRES, "INSERT INTO archive (item) SELECT item FROM orders", "DROP TABLE orders"))
                .containsExactly(bare("orders"));
    }

    @Test
    void a_copy_without_the_column_is_no_loss_while_the_rows_are_kept_with_it_or_the_copy_is_dropped_first() {
        assertThat(drops(POSTGRES, "CREATE TABLE report AS SELECT item FROM orders")).isEmpty();
        assertThat(drops(POSTGRES, "CREATE TABLE report AS SELECT item FROM orders", "DROP TABLE report", "DROP TABLE orders"))
                .isEmpty();
        assertThat(drops(POSTGRES, "CREATE TABLE report AS SELECT item FROM orders",
                "CREATE TABLE kept AS SELECT item, tenant_id FROM orders", "DROP TABLE orders")).isEmpty();
        assertThat(drops(POSTGRES, "CREATE TABLE report AS SELECT item FROM orders", "ALTER TABLE orders RENAME TO o2"))
                .isEmpty();
    }

    /** The guard's reading of {@code statements} on {@code text}'s dialect, the catalog's tables' columns {@code catalog}. */
    private static RenamedTables reading(SqlText text, java.util.Map<String, List<String>> catalog, List<TableName> found,
                                         String... statements) {
        RenamedTables renamed = new RenamedTables(identity(text), "tenant_id", name -> catalog.get(name.table()));
        found.addAll(TenantColumnDrops.in(text, Arrays.stream(statements).map(text::normalize).toList(), renamed));
        return renamed;
    }

    @Test
    void where_an_insert_without_columns_puts_the_column_is_read_from_the_table_the_scripts_created_or_the_catalog() {
        List<TableName> found = new java.util.ArrayList<>();
        reading(POSTGRES, java.util.Map.of(), found, "CREATE TABLE orders_new (tenant_id text, item text, PRIMARY KEY (item))",
                "INSERT INTO orders_new SELECT item, tenant_id FROM orders", "DROP TABLE orders",
                "ALTER TABLE orders_new RENAME TO orders", "ALTER TABLE orders DROP COLUMN item");
        assertThat(found).as("the tenant landed in item").containsExactly(bare("orders"));
        found.clear();
        reading(POSTGRES, java.util.Map.of(), found, "CREATE TABLE orders_new (tenant_id text, item text)",
                "INSERT INTO orders_new SELECT item, tenant_id FROM orders", "DROP TABLE orders",
                "ALTER TABLE orders_new DROP COLUMN tenant_id");
        assertThat(found).as("tenant_id holds items").isEmpty();
        RenamedTables renamed = reading(MARIADB, java.util.Map.of("archive", List.of("item", "owner"),
                "orders", List.of("item", "tenant_id", "qty")), found, "INSERT INTO archive SELECT item, tenant_id FROM orders",
                "CREATE TABLE o2 (a TEXT, b TEXT, c TEXT)", "INSERT INTO o2 SELECT * FROM orders", "DROP TABLE orders",
                "ALTER TABLE archive DROP COLUMN owner", "ALTER TABLE o2 DROP COLUMN b");
        assertThat(found).containsExactly(bare("archive"), bare("orders"));
        assertThat(renamed.doubt(bare("orders"))).isNull();
    }

    @Test
    void a_create_naming_its_columns_puts_the_column_where_its_dialect_does() {
        List<TableName> found = new java.util.ArrayList<>();
        reading(POSTGRES, java.util.Map.of(), found, "CREATE TABLE x (a, b) AS SELECT item, tenant_id FROM orders",
                "DROP TABLE orders", "ALTER TABLE x DROP COLUMN b");
        assertThat(found).containsExactly(bare("orders"));
        found.clear();
        reading(H2, java.util.Map.of("orders", List.of("ITEM", "TENANT_ID")), found,
                "CREATE TABLE x (a, b) AS SELECT * FROM orders", "DROP TABLE orders", "ALTER TABLE x DROP COLUMN b");
        assertThat(found).containsExactly(bare("orders"));
        found.clear();
        // MariaDB's list defines columns; the query's keep their names.
        reading(MARIADB, java.util.Map.of(), found, "CREATE TABLE x (a INT, b INT) SELECT item, tenant_id FROM orders",
                "DROP TABLE orders", "ALTER TABLE x DROP COLUMN b");
        assertThat(found).isEmpty();
    }

    @Test
    void where_the_guard_cannot_know_where_the_column_lands_its_finding_says_so() {
        List<TableName> found = new java.util.ArrayList<>();
        RenamedTables renamed = reading(POSTGRES, java.util.Map.of(), found, "CREATE TABLE o2 (item text)",
                "ALTER TABLE o2 ADD COLUMN owner text", "INSERT INTO o2 SELECT item, tenant_id FROM orders",
                "DROP TABLE orders", "ALTER TABLE o2 DROP COLUMN tenant_id");
        assertThat(found).containsExactly(bare("orders"));
        assertThat(renamed.doubt(bare("orders"))).contains("where tenant_id lands in o2 is a guess",
                "INSERT INTO o2 names no columns");
        found.clear();
        renamed = reading(SQLITE, java.util.Map.of(), found,
                "CREATE TABLE o2 AS SELECT item, coalesce(tenant_id, 'x') FROM orders", "DROP TABLE orders", "ALTER TABLE o2 DROP COLUMN tenant_id");
        assertThat(found).containsExactly(bare("orders"));
        assertThat(renamed.doubt(bare("orders"))).contains("an expression the query does not name");
    }
}
