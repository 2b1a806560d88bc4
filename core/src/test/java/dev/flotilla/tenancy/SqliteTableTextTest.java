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
}
