package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTextTest {
    @Test
    void the_tables_a_drop_table_names_are_read_as_written_with_their_schema() {
        SqlText text = new SqliteDialect().text(); // both "names" and `names`
        String sql = text.normalize("-- gone\nDROP TABLE IF EXISTS app.notes, \"Tags\",\n  `log` CASCADE;");

        assertThat(text.droppedTables(sql)).containsExactly("app.notes", "\"Tags\"", "`log`");
        assertThat(text.droppedTables(sql)).extracting(text::name).containsExactly("notes", "tags", "log");
        assertThat(text.droppedTables(sql)).extracting(text::qualifier).containsExactly("app", null, null);
        assertThat(text.qualifier("\"My Schema\".\"t\"")).isEqualTo("My Schema");
        assertThat(text.droppedTables("DROP VIEW notes_view")).isEmpty();
        assertThat(text.droppedTables("DROP TABLE notes RESTRICT")).containsExactly("notes");
    }

    @Test
    void a_dot_inside_a_quoted_name_belongs_to_the_name_in_each_dialects_quotes() {
        SqlText postgres = new PostgresDialect().text();
        assertThat(postgres.name("app.\"my.table\"")).isEqualTo("my.table");
        assertThat(postgres.qualifier("app.\"my.table\"")).isEqualTo("app");
        assertThat(postgres.name("\"my.schema\".\"My.Table\"")).isEqualTo("my.table");
        assertThat(postgres.qualifier("\"my.schema\".t")).isEqualTo("my.schema");
        assertThat(postgres.name("\"say \"\"hi\"\".now\"")).isEqualTo("say \"hi\".now");
        assertThat(postgres.qualifier("\"a\"\"b\".t")).isEqualTo("a\"b");

        SqlText mariadb = new MariaDbDialect().text();
        assertThat(mariadb.name("app.`my.table`")).isEqualTo("my.table");
        assertThat(mariadb.qualifier("`my.db`.`t`")).isEqualTo("my.db");
        assertThat(mariadb.name("`a``b.c`")).isEqualTo("a`b.c");

        SqlText sqlite = new SqliteDialect().text();
        assertThat(sqlite.name("main.[my.table]")).isEqualTo("my.table");
        assertThat(sqlite.qualifier("[my.db].t")).isEqualTo("my.db");
        assertThat(sqlite.name("\"x.y\"")).isEqualTo("x.y");
        assertThat(sqlite.qualifier("\"x.y\"")).isNull();
    }

    @Test
    void a_column_list_reads_quoted_names_with_spaces_whole_and_expressions_as_written() {
        SqlText sqlite = new SqliteDialect().text();

        assertThat(sqlite.columns("\"Owner Id\" DESC, [b c] COLLATE NOCASE, `d, e`, lower(email)"))
                .containsExactly("owner id", "b c", "d, e", "lower(email)");
        assertThat(new MariaDbDialect().text().columns("\"Tenant_Id\" DESC, `Owner Id`")).as("\"..\" under ANSI_QUOTES")
                .containsExactly("tenant_id", "owner id");
    }

    @Test
    void a_rebuild_names_the_drop_that_is_part_of_it_and_not_a_later_drop_of_the_new_table() {
        SqlText sqlite = new SqliteDialect().text();
        java.util.List<String> script = java.util.stream.Stream.of(
                "CREATE TABLE new_orders (id INTEGER PRIMARY KEY, note TEXT)",
                "INSERT INTO new_orders (id, note) SELECT id, note FROM orders",
                "DROP TABLE orders",
                "ALTER TABLE new_orders RENAME TO orders",
                "DROP TABLE orders").map(sqlite::normalize).toList();

        assertThat(sqlite.rebuilds(script)).containsExactly(new SqlText.Rebuild("orders", 2));
        assertThat(sqlite.rebuilds(script.subList(0, 3))).as("not renamed yet").isEmpty();
        assertThat(sqlite.rebuilds(java.util.List.of("INSERT INTO b SELECT * FROM a", "DROP TABLE a",
                "ALTER TABLE IF EXISTS ONLY b RENAME TO a"))).as("PostgreSQL's ONLY").containsExactly(new SqlText.Rebuild("a", 1));
    }
}
