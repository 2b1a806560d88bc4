package dev.flotilla.schema;

import static dev.flotilla.schema.StatementsRan.MARIADB;
import static dev.flotilla.schema.StatementsRan.POSTGRES;
import static dev.flotilla.schema.StatementsRan.ran;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Objects of one name that are not one object: a key and a constraint, a constraint on two tables, a table's triggers. */
class SchemaChangesSameNameTest {
    @Test
    void on_mariadb_dropping_a_key_keeps_the_check_or_foreign_key_of_its_name_and_dropping_those_keeps_the_key() {
        assertThat(ran(MARIADB, "ALTER TABLE orders ADD KEY x (qty), ADD CONSTRAINT x CHECK (qty > 0)",
                "ALTER TABLE orders DROP KEY x").lines()).containsExactly("Constraints added: x");
        assertThat(ran(MARIADB, "ALTER TABLE orders ADD KEY x (qty)", "ALTER TABLE orders DROP KEY x", "DROP TABLE scratch")
                .lines()).as("one made and dropped, then a table dropped").containsExactly("Dropped: table scratch");
        assertThat(ran(MARIADB, "ALTER TABLE orders ADD CONSTRAINT x CHECK (qty > 0)", "CREATE INDEX x ON orders (qty)",
                "DROP INDEX x ON orders").lines()).containsExactly("Constraints added: x");
        assertThat(ran(MARIADB, "ALTER TABLE orders ADD INDEX x (qty)", "ALTER TABLE orders ADD CONSTRAINT x CHECK (qty > 0)",
                "ALTER TABLE orders DROP CONSTRAINT x").lines()).containsExactly("Indexes added: x");
        assertThat(ran(MARIADB, "ALTER TABLE orders ADD KEY fk_c (company_id)", "ALTER TABLE orders ADD CONSTRAINT fk_c"
                + " FOREIGN KEY (company_id) REFERENCES companies (id)", "ALTER TABLE orders DROP FOREIGN KEY fk_c").lines())
                .containsExactly("Indexes added: fk_c");
        assertThat(ran(MARIADB, "ALTER TABLE orders ADD UNIQUE KEY uq (code)", "ALTER TABLE orders DROP KEY uq").isEmpty())
                .as("a unique key is both").isTrue();
        assertThat(ran(MARIADB, "ALTER TABLE orders ADD CONSTRAINT uq UNIQUE (code)", "ALTER TABLE orders DROP CONSTRAINT uq")
                .isEmpty()).isTrue();
    }

    @Test
    void a_trigger_goes_with_its_table_dropped_and_follows_its_rename() {
        assertThat(ran(POSTGRES, "CREATE TRIGGER touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()",
                "CREATE TRIGGER touch BEFORE UPDATE ON kept FOR EACH ROW EXECUTE FUNCTION touch()", "DROP TABLE orders")
                .lines()).containsExactly("Triggers added: touch", "Dropped: table orders");
        assertThat(ran(MARIADB, "CREATE TRIGGER trg BEFORE INSERT ON orders FOR EACH ROW SET NEW.qty = 1",
                "RENAME TABLE orders TO sales", "DROP TABLE sales").lines()).containsExactly("Dropped: table orders");
        assertThat(ran(POSTGRES, "CREATE TRIGGER touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()",
                "DROP TRIGGER touch ON orders").isEmpty()).isTrue();
        StringBuilder log = ran(POSTGRES, "CREATE TRIGGER touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION"
                + " touch()").appendTo(new StringBuilder("V1__a.sql: applied in 1 ms\n"));
        assertThat(log.toString()).contains("  triggers added: touch on orders\n");
        ran(POSTGRES, "DROP TABLE orders").appendTo(log.append("V2__b.sql: applied in 1 ms\n"));
        assertThat(SchemaChanges.inLog(log.toString()).lines()).as("across migrations").containsExactly("Dropped: table orders");
    }

    @Test
    void a_table_made_if_not_exists_then_renamed_reads_renamed() {
        assertThat(ran(POSTGRES, "CREATE TABLE IF NOT EXISTS a (id int)", "ALTER TABLE a RENAME TO b").lines())
                .containsExactly("Renamed: table a to b");
        assertThat(ran(POSTGRES, "CREATE TABLE IF NOT EXISTS a (id int)", "ALTER TABLE a RENAME TO b").summary())
                .containsExactly(java.util.Map.entry("renamed", List.of("table a to b")));
    }

    @Test
    void constraints_of_one_name_on_two_tables_are_each_said_with_its_table() {
        SchemaChanges two = ran(POSTGRES, "ALTER TABLE orders ADD CONSTRAINT positive CHECK (qty > 0)",
                "ALTER TABLE refunds ADD CONSTRAINT positive CHECK (qty > 0)", "ALTER TABLE refunds ADD CONSTRAINT only_one"
                        + " CHECK (qty > 0)");

        assertThat(two.lines()).containsExactly("Constraints added: positive on orders, positive on refunds, only_one");
        assertThat(two.summary()).containsExactly(java.util.Map.entry("constraintsAdded",
                List.of("positive on orders", "positive on refunds", "only_one")));
        assertThat(SchemaChanges.grouped(List.of(two, ran(POSTGRES, "ALTER TABLE orders ADD CONSTRAINT positive CHECK"
                + " (qty > 0)")))).containsExactly("Constraints added: positive on orders on 2 tenant(s);"
                + " positive on refunds, only_one on 1 tenant(s)");
        assertThat(ran(POSTGRES, "ALTER TABLE orders ADD CONSTRAINT positive CHECK (qty > 0)",
                "ALTER TABLE refunds ADD CONSTRAINT positive CHECK (qty > 0)", "ALTER TABLE refunds DROP CONSTRAINT positive")
                .lines()).containsExactly("Constraints added: positive");
        assertThat(SchemaChanges.inLog(two.appendTo(new StringBuilder("V1__a.sql: applied in 1 ms\n")).toString()).lines())
                .isEqualTo(two.lines());
    }
}
