package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.DdlObject;
import dev.flotilla.sql.DdlReading;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.ForeignKeyReading;
import dev.flotilla.sql.TableRead;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablesAskedTest {
    private static final Dialect MARIADB = Dialect.forUrl("jdbc:mariadb://localhost/t");

    private static TableRead asked(String... statements) {
        return TablesAsked.of(steps(statements), "tenant");
    }

    private static List<ForeignKeyPreflight.Step> steps(String... statements) {
        List<ForeignKeyPreflight.Step> steps = new ArrayList<>();
        for (String sql : statements) {
            List<DdlObject> unqualified = DdlReading.of(MARIADB).of(sql).stream().map(o -> o.inSchema(null)).toList();
            steps.add(new ForeignKeyPreflight.Step(null, steps.size() + 1, ForeignKeyReading.of(MARIADB).of(sql),
                    unqualified)); // the objects as the check reads them, qualifiers taken off
        }
        return steps;
    }

    @Test
    void keys_are_read_of_parents_there_and_engines_of_children_there_not_of_tables_the_files_create_first() {
        TableRead read = asked(
                "CREATE TABLE packages (id CHAR(36) PRIMARY KEY, company_id CHAR(36) REFERENCES companies (id))",
                "CREATE TABLE items (id CHAR(36), package_id CHAR(36) REFERENCES packages (id),"
                        + " service_id CHAR(36) REFERENCES services (id))",
                "ALTER TABLE appointments ADD COLUMN package_id CHAR(36)",
                "ALTER TABLE staff ADD FOREIGN KEY (branch_id) REFERENCES branches (id)");

        assertThat(read.tables()).containsExactlyInAnyOrder("packages", "companies", "items", "services", "appointments",
                "staff", "branches");
        assertThat(read.indexed()).containsExactlyInAnyOrder("companies", "services", "branches");
        assertThat(read.described()).as("appointments is neither a parent nor a child").containsExactly("staff");
        assertThat(read.charsets()).isEmpty();
    }

    @Test
    void a_parent_given_a_column_is_described_and_a_table_created_if_not_there_is_read_whole() {
        TableRead read = asked(
                "ALTER TABLE codes ADD COLUMN tag VARCHAR(5)",
                "CREATE TABLE IF NOT EXISTS log (tag VARCHAR(5), FOREIGN KEY (tag) REFERENCES codes (tag))");

        assertThat(read.indexed()).containsExactly("codes");
        assertThat(read.described()).containsExactlyInAnyOrder("codes", "log");
    }

    @Test
    void a_table_named_before_its_create_table_is_read_and_a_rename_reads_everything() {
        assertThat(asked("ALTER TABLE log ADD FOREIGN KEY (a) REFERENCES codes (a)",
                "CREATE TABLE codes (a INT PRIMARY KEY)").indexed()).containsExactly("codes");
        TableRead renamed = asked("RENAME TABLE old_codes TO codes",
                "CREATE TABLE log (a INT REFERENCES codes (a))");
        assertThat(renamed.indexed()).containsExactlyInAnyOrder("log", "codes");
        assertThat(renamed.described()).containsExactlyInAnyOrder("log", "codes");
    }

    @Test
    void character_sets_named_without_a_collation_are_asked_utf8_as_both_sets_it_may_name() {
        TableRead read = asked(
                "CREATE TABLE a (x VARCHAR(5) CHARACTER SET latin1, y VARCHAR(5) CHARACTER SET ascii COLLATE ascii_bin,"
                        + " z VARCHAR(5) REFERENCES b (z)) DEFAULT CHARSET = utf8",
                "ALTER TABLE b ADD COLUMN w VARCHAR(5) CHARSET koi8r");

        assertThat(read.charsets()).containsExactlyInAnyOrder("latin1", "utf8mb3", "utf8mb4", "koi8r");
    }

    @Test
    void a_table_created_first_in_another_schema_leaves_the_targets_table_of_that_name_read_whole() {
        List<ForeignKeyPreflight.Step> steps = steps(
                "CREATE TABLE shared.companies (id INT PRIMARY KEY)",
                "CREATE TABLE tenant.branches (id INT PRIMARY KEY)",
                "CREATE TABLE orders (id INT, company_id INT REFERENCES companies (id),"
                        + " branch_id INT REFERENCES branches (id), code_id INT REFERENCES archive.codes (id))");

        assertThat(TablesAsked.of(steps, "tenant").indexed()).as("the target's branches is the one created first")
                .containsExactlyInAnyOrder("companies", "codes");
        assertThat(TablesAsked.otherSchemas(steps, "tenant")).containsExactly("shared", "archive");
    }
}
