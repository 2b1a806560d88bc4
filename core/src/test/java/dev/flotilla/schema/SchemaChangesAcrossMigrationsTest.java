package dev.flotilla.schema;

import static dev.flotilla.schema.StatementsRan.MARIADB;
import static dev.flotilla.schema.StatementsRan.POSTGRES;
import static dev.flotilla.schema.StatementsRan.ran;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a task's migrations, each written in its log and read back after the one before, come to. */
class SchemaChangesAcrossMigrationsTest {
    /** Each migration's changes written in a task's log as it ends, the log read back. */
    private static SchemaChanges logged(SchemaChanges... migrations) {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < migrations.length; i++) {
            migrations[i].appendTo(log.append("V").append(i + 1).append("__m.sql: applied in 1 ms\n"));
        }
        return SchemaChanges.inLog(log.toString());
    }

    @Test
    void a_key_dropped_in_a_later_migration_keeps_the_check_of_its_name_made_with_it() {
        SchemaChanges made = ran(MARIADB, "ALTER TABLE orders ADD KEY x (qty), ADD CONSTRAINT x CHECK (qty > 0)");

        assertThat(logged(made, ran(MARIADB, "ALTER TABLE orders DROP KEY x")).lines())
                .containsExactly("Constraints added: x");
        assertThat(logged(made, ran(MARIADB, "ALTER TABLE orders DROP CONSTRAINT x")).lines())
                .containsExactly("Indexes added: x");
        assertThat(logged(ran(MARIADB, "ALTER TABLE orders ADD UNIQUE KEY uq (code)"),
                ran(MARIADB, "ALTER TABLE orders DROP KEY uq")).isEmpty()).as("a unique key is both, still").isTrue();
        assertThat(logged(ran(POSTGRES, "ALTER TABLE orders ADD CONSTRAINT uq UNIQUE (code)"),
                ran(POSTGRES, "ALTER TABLE orders DROP CONSTRAINT uq")).isEmpty()).isTrue();
    }

    @Test
    void a_view_moved_to_another_schema_by_alter_table_is_said_a_view() {
        assertThat(ran(POSTGRES, "CREATE VIEW v AS SELECT 1", "ALTER TABLE v SET SCHEMA archive").isEmpty())
                .as("made and moved away: neither").isTrue();
        assertThat(logged(ran(POSTGRES, "CREATE VIEW v AS SELECT 1"), ran(POSTGRES, "ALTER TABLE v SET SCHEMA archive"))
                .isEmpty()).isTrue();
        assertThat(logged(ran(POSTGRES, "CREATE OR REPLACE VIEW v AS SELECT 1"),
                ran(POSTGRES, "ALTER TABLE v SET SCHEMA archive")).lines()).containsExactly("Dropped: view v");
        assertThat(ran(POSTGRES, "ALTER TABLE t SET SCHEMA archive").lines()).containsExactly("Dropped: table t");
    }

    @Test
    void a_check_and_a_key_of_its_name_made_in_two_migrations_stay_apart() {
        SchemaChanges check = ran(MARIADB, "ALTER TABLE orders ADD CONSTRAINT x CHECK (qty > 0)");
        SchemaChanges key = ran(MARIADB, "ALTER TABLE orders ADD KEY x (qty)");

        assertThat(logged(check, key, ran(MARIADB, "ALTER TABLE orders DROP KEY x")).lines())
                .containsExactly("Constraints added: x");
        assertThat(logged(check, key, ran(MARIADB, "ALTER TABLE orders DROP CONSTRAINT x")).lines())
                .containsExactly("Indexes added: x");
        assertThat(check.then(key).then(ran(MARIADB, "ALTER TABLE orders DROP KEY x")).lines())
                .as("followed in one run").containsExactly("Constraints added: x");
        assertThat(logged(key, check, ran(MARIADB, "ALTER TABLE orders DROP CONSTRAINT x")).lines())
                .containsExactly("Indexes added: x");
    }
}
