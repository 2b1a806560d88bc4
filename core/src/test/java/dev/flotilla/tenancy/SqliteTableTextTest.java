package dev.flotilla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqliteTableTextTest {
    private static final String CUSTOMERS = """
            CREATE TABLE "customers" (
                id INTEGER PRIMARY KEY AUTOINCREMENT, -- the key, (with a parenthesis) in a comment
                store_id INTEGER NOT NULL CONSTRAINT fk_store REFERENCES stores(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                email TEXT UNIQUE ON CONFLICT ABORT COLLATE NOCASE,
                note TEXT DEFAULT 'a, b (c)' CHECK (note <> 'unique'),
                [weird name] TEXT,
                CONSTRAINT one_email UNIQUE (store_id, "email"),
                FOREIGN KEY (store_id) REFERENCES stores
            ) STRICT""";

    @Test
    void cuts_a_create_table_into_columns_constraints_and_what_follows() {
        SqliteTableText text = SqliteTableText.parse(CUSTOMERS);

        assertThat(text.columns()).hasSize(5);
        assertThat(text.columns().get(3)).isEqualTo("note TEXT DEFAULT 'a, b (c)' CHECK (note <> 'unique')");
        assertThat(text.constraints()).containsExactly("CONSTRAINT one_email UNIQUE (store_id, \"email\")",
                "FOREIGN KEY (store_id) REFERENCES stores");
        assertThat(text.tail()).isEqualTo(" STRICT");
        assertThat(SqliteTableText.columnName(text.columns().get(4))).isEqualTo("weird name");
    }

    @Test
    void tells_an_autoincrement_column_from_the_word_in_a_default_or_a_comment() {
        assertThat(SqliteTableText.parse("CREATE TABLE t (id INTEGER PRIMARY KEY autoincrement, x TEXT)").autoincrement()).isTrue();
        assertThat(SqliteTableText.parse("CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT DEFAULT 'AUTOINCREMENT' -- AUTOINCREMENT\n)")
                .autoincrement()).isFalse();
    }

    @Test
    void writes_the_same_table_again_under_another_name() {
        SqliteTableText text = SqliteTableText.parse(CUSTOMERS);

        String again = text.create("flotilla_new_customers");

        assertThat(again).startsWith("CREATE TABLE flotilla_new_customers (\n    id INTEGER PRIMARY KEY AUTOINCREMENT")
                .endsWith("REFERENCES stores\n) STRICT");
        assertThat(SqliteTableText.parse(again)).isEqualTo(text);
    }

    @Test
    void takes_a_column_level_unique_out_with_its_conflict_clause_and_keeps_the_rest() {
        assertThat(SqliteTableText.withoutUnique("email TEXT UNIQUE ON CONFLICT ABORT COLLATE NOCASE"))
                .isEqualTo("email TEXT COLLATE NOCASE");
        assertThat(SqliteTableText.withoutUnique("code TEXT NOT NULL CONSTRAINT one_code UNIQUE")).isEqualTo("code TEXT NOT NULL");
    }

    @Test
    void takes_a_column_level_reference_out_up_to_the_next_column_constraint() {
        String definition = "store_id INTEGER CONSTRAINT fk_store REFERENCES stores(id) ON DELETE SET NULL NOT NULL DEFAULT 1";

        assertThat(SqliteTableText.referencesClause(definition)).isEqualTo("REFERENCES stores(id) ON DELETE SET NULL");
        assertThat(SqliteTableText.withoutReferences(definition)).isEqualTo("store_id INTEGER NOT NULL DEFAULT 1");
        assertThat(SqliteTableText.referencedTable(definition)).isEqualTo("stores");
    }

    @Test
    void widens_a_foreign_key_on_both_sides_naming_the_primary_key_when_the_parent_columns_are_left_out() {
        assertThat(SqliteTableText.widenForeignKey("FOREIGN KEY (store_id) REFERENCES stores (id) ON DELETE CASCADE",
                "tenant_id", List.of("id"))).isEqualTo("FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, id) ON DELETE CASCADE");
        assertThat(SqliteTableText.widenForeignKey("FOREIGN KEY (store_id) REFERENCES stores", "tenant_id", List.of("id")))
                .isEqualTo("FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, id)");
        assertThat(SqliteTableText.prependToGroup("CONSTRAINT one_email UNIQUE (store_id, \"email\")", "unique", "tenant_id"))
                .isEqualTo("CONSTRAINT one_email UNIQUE (tenant_id, store_id, \"email\")");
    }

    @Test
    void reads_the_columns_a_table_constraint_names() {
        assertThat(SqliteTableText.constrainedColumns("CONSTRAINT one_email UNIQUE (store_id, \"Email\" COLLATE NOCASE)", "unique"))
                .containsExactly("store_id", "email");
        assertThat(SqliteTableText.constrainedColumns("CHECK (a > 0)", "unique")).isEmpty();
    }

    @Test
    void names_in_any_of_sqlites_quotes_may_hold_parentheses_commas_spaces_quotes_and_brackets() {
        SqliteTableText text = SqliteTableText.parse("""
                CREATE TABLE [odd (table)] (
                    [a)] TEXT,
                    [it's] TEXT DEFAULT 'x',
                    [b,c] INTEGER REFERENCES [p)] ([id)]) ON DELETE CASCADE,
                    "x, ""y"" [z]" TEXT,
                    `q (r` TEXT,
                    CONSTRAINT [u,1] UNIQUE ([a)], "x, ""y"" [z]")
                )""");

        assertThat(text.columns()).extracting(SqliteTableText::columnName)
                .containsExactly("a)", "it's", "b,c", "x, \"y\" [z]", "q (r");
        assertThat(text.constraints()).containsExactly("CONSTRAINT [u,1] UNIQUE ([a)], \"x, \"\"y\"\" [z]\")");
        assertThat(SqliteTableText.constrainedColumns(text.constraints().get(0), "unique")).containsExactly("a)", "x, \"y\" [z]");
        assertThat(SqliteTableText.referencedTable(text.columns().get(2))).isEqualTo("p)");
        assertThat(SqliteTableText.referencesClause(text.columns().get(2))).isEqualTo("REFERENCES [p)] ([id)]) ON DELETE CASCADE");
        assertThat(SqliteTableText.withoutReferences(text.columns().get(2))).isEqualTo("[b,c] INTEGER");
        assertThat(SqliteTableText.widenForeignKey("FOREIGN KEY ([b,c]) REFERENCES [p)]", "tenant_id", List.of("[id)]")))
                .isEqualTo("FOREIGN KEY (tenant_id, [b,c]) REFERENCES [p)] (tenant_id, [id)])");
        assertThat(text.tail()).isEmpty();
    }

    @Test
    void comments_in_the_table_text_neither_cut_it_nor_swallow_what_is_written_after_them() {
        SqliteTableText text = SqliteTableText.parse("""
                CREATE TABLE t ( -- the table's columns (all of them
                    a INTEGER /* ) , */ PRIMARY KEY,
                    b TEXT -- b's note, with a comma (and a parenthesis
                )""");

        assertThat(text.columns()).extracting(SqliteTableText::columnName).containsExactly("a", "b");
        SqliteTableText widened = new SqliteTableText(List.of(text.columns().get(0), text.columns().get(1), "tenant_id TEXT"),
                List.of("UNIQUE (tenant_id, a)"), text.tail());

        SqliteTableText again = SqliteTableText.parse(widened.create("t2"));

        assertThat(again.columns()).extracting(SqliteTableText::columnName).containsExactly("a", "b", "tenant_id");
        assertThat(again.constraints()).containsExactly("UNIQUE (tenant_id, a)");
    }

    @Test
    void the_name_a_unique_index_statement_creates_is_read_whole_however_it_is_quoted() {
        assertThat(SqliteTableText.uniqueIndexName("CREATE UNIQUE INDEX \"products name (unique)\" ON products (name)"))
                .isEqualTo("products name (unique)");
        assertThat(SqliteTableText.uniqueIndexName("create unique index if not exists main.[a.b] on t (x)")).isEqualTo("a.b");
        assertThat(SqliteTableText.uniqueIndexName("CREATE UNIQUE INDEX `it``s` ON t (x)")).isEqualTo("it`s");
        assertThat(SqliteTableText.uniqueIndexName("CREATE /* unique */ INDEX u ON t (x)")).isNull();
    }
}
