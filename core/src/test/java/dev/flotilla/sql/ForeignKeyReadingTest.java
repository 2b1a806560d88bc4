package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.ForeignKeyReading.Column;
import dev.flotilla.sql.ForeignKeyReading.ForeignKey;
import dev.flotilla.sql.ForeignKeyReading.TableKey;
import dev.flotilla.sql.ForeignKeyReading.TableOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForeignKeyReadingTest {
    private static final ForeignKeyReading MARIADB = ForeignKeyReading.of(new MariaDbDialect());
    private static final ForeignKeyReading POSTGRES = ForeignKeyReading.of(new PostgresDialect());

    @Test
    void seed_001s_table_level_key_reads_with_the_types_of_the_columns_beside_it() {
        ForeignKeyReading.Reading reading = MARIADB.of("CREATE TABLE `bookings` (\n  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,\n"
                + "  branch_id bigint unsigned NOT NULL,\n  note VARCHAR(200) CHARACTER SET utf8mb4 DEFAULT NULL,\n"
                + "  PRIMARY KEY (id),\n  CONSTRAINT `fk_bookings_branch` FOREIGN KEY (`branch_id`) REFERENCES `branches` (`id`)"
                + " ON DELETE CASCADE\n) ENGINE=InnoDB");

        assertThat(reading.defined()).isEqualTo("bookings");
        assertThat(reading.columns()).containsExactly(new Column("bookings", "id", "bigint unsigned", null, null),
                new Column("bookings", "branch_id", "bigint unsigned", null, null),
                new Column("bookings", "note", "varchar(200)", "utf8mb4", null));
        assertThat(reading.foreignKeys()).containsExactly(new ForeignKey("bookings", List.of("branch_id"), null, "branches",
                List.of("id"), "fk_bookings_branch"));
        assertThat(reading.foreignKeys().get(0).said()).isEqualTo("bookings (branch_id) -> branches (id)");
    }

    @Test
    void a_column_level_reference_is_a_key_of_that_column_and_may_name_no_column_or_a_schema() {
        ForeignKeyReading.Reading reading = POSTGRES.of("CREATE TABLE IF NOT EXISTS app.\"Visits\" (id serial PRIMARY KEY,"
                + " customer_id integer NOT NULL REFERENCES customers, staff_id character varying(36) REFERENCES"
                + " other.staff (id) ON DELETE SET NULL, amount numeric(10, 2))");

        assertThat(reading.defined()).isEqualTo("visits");
        assertThat(reading.columns()).extracting(Column::type)
                .containsExactly("serial", "integer", "character varying(36)", "numeric(10,2)");
        assertThat(reading.foreignKeys()).containsExactly(
                new ForeignKey("visits", List.of("customer_id"), null, "customers", List.of(), null),
                new ForeignKey("visits", List.of("staff_id"), "other", "staff", List.of("id"), null));
    }

    @Test
    void alter_table_adds_columns_and_keys_named_or_not_and_says_which_tables_columns_it_changes() {
        ForeignKeyReading.Reading reading = MARIADB.of("ALTER TABLE appointments ADD COLUMN staff_id CHAR(36) NULL AFTER id,"
                + " ADD CONSTRAINT fk_staff FOREIGN KEY (staff_id) REFERENCES staff(id), ADD FOREIGN KEY idx_c (company_id)"
                + " REFERENCES companies (id), DROP INDEX old_idx");

        assertThat(reading.defined()).isNull();
        assertThat(reading.columns()).containsExactly(new Column("appointments", "staff_id", "char(36)", null, null));
        assertThat(reading.foreignKeys()).extracting(ForeignKey::said, ForeignKey::constraint).containsExactly(
                org.assertj.core.groups.Tuple.tuple("appointments (staff_id) -> staff (id)", "fk_staff"),
                org.assertj.core.groups.Tuple.tuple("appointments (company_id) -> companies (id)", "idx_c"));
        assertThat(reading.changed()).as("an index dropped changes no column").isEmpty();
        assertThat(MARIADB.of("ALTER TABLE staff MODIFY id BIGINT, ADD COLUMN x INT").changed()).containsExactly("staff");
        assertThat(POSTGRES.of("ALTER TABLE staff RENAME COLUMN id TO uid").changed()).containsExactly("staff");
    }

    @Test
    void a_table_whose_columns_come_from_elsewhere_is_not_defined_by_its_text() {
        assertThat(MARIADB.of("CREATE TABLE copy (LIKE original)").defined()).isNull();
        assertThat(MARIADB.of("CREATE TABLE copy (extra INT) SELECT * FROM original").defined()).isNull();
        assertThat(POSTGRES.of("CREATE TABLE child (extra INT) INHERITS (parent)").defined()).isNull();
        assertThat(POSTGRES.of("CREATE TEMPORARY TABLE t (a INT REFERENCES p (id))").foreignKeys()).isEmpty();
    }

    @Test
    void statements_that_add_no_key_and_write_no_column_read_as_nothing() {
        assertThat(MARIADB.of("INSERT INTO notes (note) VALUES ('REFERENCES branches (id)')").foreignKeys()).isEmpty();
        assertThat(POSTGRES.of("CREATE INDEX ON bookings (branch_id)").columns()).isEmpty();
        assertThat(POSTGRES.of("-- REFERENCES x (y)\nSELECT 1").foreignKeys()).isEmpty();
        assertThat(MARIADB.of("CREATE TABLE t (a INT, FOREIGN KEY (a, b) REFERENCES p (id))").foreignKeys())
                .as("refused by the server for its own shape, not its parent").isEmpty();
    }

    @Test
    void the_keys_and_indexes_a_statement_adds_are_read_and_those_it_cannot_read_make_its_keys_not_known() {
        ForeignKeyReading.Reading created = MARIADB.of("CREATE TABLE staff (id INT AUTO_INCREMENT KEY, email VARCHAR(80)"
                + " UNIQUE, code CHAR(4) NOT NULL COLLATE latin1_bin, branch_id INT, UNIQUE KEY uq (code, email),"
                + " INDEX USING BTREE (email(10)), FOREIGN KEY (branch_id) REFERENCES branches (id))"
                + " ENGINE = Aria DEFAULT CHARSET = latin1");

        assertThat(created.keys()).containsExactly(new TableKey("staff", List.of("id"), true, true),
                new TableKey("staff", List.of("email"), false, true), new TableKey("staff", List.of("code", "email"), false,
                        true), new TableKey("staff", List.of("email(10)"), false, false),
                new TableKey("staff", List.of("branch_id"), false, false));
        assertThat(created.columns().get(2)).isEqualTo(new Column("staff", "code", "char(4)", null, "latin1_bin"));
        assertThat(created.options()).isEqualTo(new TableOptions("aria", "latin1", null));
        assertThat(created.reshaped()).isEmpty();
        assertThat(POSTGRES.of("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ux ON ONLY app.staff USING btree (code,"
                + " email) INCLUDE (id)").keys()).containsExactly(new TableKey("staff", List.of("code", "email"), false, true));
        assertThat(POSTGRES.of("CREATE UNIQUE INDEX ON staff (code) WHERE code IS NOT NULL").keys())
                .as("a partial index is no foreign key's candidate").isEmpty();
        assertThat(POSTGRES.of("ALTER TABLE staff ADD CONSTRAINT pk PRIMARY KEY (id), ADD UNIQUE NULLS NOT DISTINCT (code)")
                .keys()).extracting(TableKey::columns, TableKey::primary)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(List.of("id"), true),
                        org.assertj.core.groups.Tuple.tuple(List.of("code"), false));
        assertThat(POSTGRES.of("ALTER TABLE staff ADD CONSTRAINT u UNIQUE USING INDEX ux").reshaped()).containsExactly("staff");
        assertThat(MARIADB.of("ALTER TABLE staff ENGINE = MyISAM").reshaped()).containsExactly("staff");
        assertThat(MARIADB.of("CREATE FULLTEXT INDEX ft ON staff (email)").reshaped()).containsExactly("staff");
        assertThat(MARIADB.of("ALTER TABLE staff DROP INDEX uq, ALGORITHM = INPLACE").reshaped())
                .as("a key dropped leaves more keys known than there are: nothing refused falsely").isEmpty();
    }

    @Test
    void schemas_read_as_the_catalog_names_them_a_quoted_one_keeping_its_case() {
        ForeignKeyReading h2 = ForeignKeyReading.of(new H2Dialect());
        ForeignKeyReading.Reading altered = POSTGRES.of("ALTER TABLE Other.visits ADD FOREIGN KEY (c) REFERENCES \"Own\".customers (id)");

        assertThat(altered.schema()).isEqualTo("other");
        assertThat(altered.foreignKeys()).extracting(ForeignKey::parentSchema).containsExactly("Own");
        assertThat(POSTGRES.of("CREATE TABLE t (c INT REFERENCES customers)").schema()).isNull();
        assertThat(POSTGRES.of("CREATE UNIQUE INDEX ON \"Other\".visits (c)").schema()).isEqualTo("Other");
        assertThat(POSTGRES.of("DROP TABLE IF EXISTS other.visits").schema()).isEqualTo("other");
        assertThat(POSTGRES.of("CREATE MATERIALIZED VIEW other.v AS SELECT 1").schema()).isEqualTo("other");
        assertThat(h2.of("CREATE TABLE s.t (c INT REFERENCES other.customers (id))").foreignKeys())
                .extracting(ForeignKey::parentSchema).containsExactly("OTHER");
    }
}
