package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pairs tried on MariaDB 10.11 and PostgreSQL 15 (refused, or not) when the check was written. */
class KeyTypesTest {
    @Test
    void mariadb_refuses_integers_of_another_size_or_sign_and_an_integer_for_a_string_or_a_uuid() {
        assertThat(KeyTypes.refused("mariadb", "bigint unsigned", "char(36)")).as("seed 001's branches.id").isTrue();
        assertThat(KeyTypes.refused("mariadb", "bigint", "bigint(20) unsigned")).isTrue();
        assertThat(KeyTypes.refused("mariadb", "int unsigned", "bigint(20) unsigned")).isTrue();
        assertThat(KeyTypes.refused("mariadb", "int zerofill", "int(11)")).isTrue();
        assertThat(KeyTypes.refused("mariadb", "decimal(10,2)", "int(11)")).isTrue();
        assertThat(KeyTypes.refused("mariadb", "char(36)", "uuid")).isTrue();
        assertThat(KeyTypes.refused("mariadb", "varbinary(36)", "char(36)")).isTrue();
        assertThat(KeyTypes.refused("mariadb", "bool", "int(11)")).isTrue();
        assertThat(KeyTypes.refused("mariadb", "text", "varchar(10)")).as("a text key to a varchar column").isTrue();
        assertThat(KeyTypes.refused("mariadb", "mediumtext", "text")).isFalse();
    }

    @Test
    void mariadb_takes_strings_of_any_length_decimals_of_any_precision_and_display_widths() {
        assertThat(KeyTypes.refused("mariadb", "char(32)", "char(36)")).isFalse();
        assertThat(KeyTypes.refused("mariadb", "varchar(36)", "char(36)")).isFalse();
        assertThat(KeyTypes.refused("mariadb", "INTEGER", "int(11)")).isFalse();
        assertThat(KeyTypes.refused("mariadb", "serial", "bigint(20) unsigned")).isFalse();
        assertThat(KeyTypes.refused("mariadb", "decimal(12,2)", "decimal(10,2)")).isFalse();
        assertThat(KeyTypes.refused("mariadb", "char(36) character set latin1", "char(36)"))
                .as("refused, but for a character set this check does not read: not said").isFalse();
        assertThat(KeyTypes.refused("mariadb", "datetime", "int(11)")).as("a type not told").isFalse();
        assertThat(KeyTypes.refused("mariadb", null, "int(11)")).isFalse();
    }

    @Test
    void postgresql_refuses_an_integer_for_a_string_a_uuid_or_a_boolean_only() {
        assertThat(KeyTypes.refused("postgresql", "text", "integer")).isTrue();
        assertThat(KeyTypes.refused("postgresql", "char(36)", "uuid")).isTrue();
        assertThat(KeyTypes.refused("postgresql", "boolean", "integer")).isTrue();
        assertThat(KeyTypes.refused("postgresql", "bigint", "integer")).isFalse();
        assertThat(KeyTypes.refused("postgresql", "varchar(10)", "character(36)")).isFalse();
        assertThat(KeyTypes.refused("postgresql", "text", "character varying(36)")).isFalse();
        assertThat(KeyTypes.refused("postgresql", "integer", "numeric(10,2)")).as("an integer casts to numeric").isFalse();
        assertThat(KeyTypes.refused("postgresql", "integer[]", "text")).isFalse();
        assertThat(KeyTypes.refused("sqlite", "text", "integer")).isFalse();
    }

    @Test
    void postgresql_refuses_a_number_key_to_a_narrower_number_and_a_date_for_a_number_or_a_string() {
        assertThat(KeyTypes.refused("postgresql", "numeric", "bigint")).isTrue();
        assertThat(KeyTypes.refused("postgresql", "numeric(10,0)", "integer")).isTrue();
        assertThat(KeyTypes.refused("postgresql", "double precision", "bigint")).isTrue();
        assertThat(KeyTypes.refused("postgresql", "real", "integer")).isTrue();
        assertThat(KeyTypes.refused("postgresql", "float8", "numeric")).isTrue();
        assertThat(KeyTypes.refused("postgresql", "numeric", "text")).isTrue();
        assertThat(KeyTypes.refused("postgresql", "date", "integer")).isTrue();
        assertThat(KeyTypes.refused("postgresql", "text", "date")).isTrue();
        assertThat(KeyTypes.refused("postgresql", "integer", "timestamp(3) without time zone")).isTrue();
        assertThat(KeyTypes.refused("postgresql", "numeric", "uuid")).isTrue();
        assertThat(KeyTypes.refused("postgresql", "boolean", "numeric")).isTrue();
    }

    @Test
    void postgresql_takes_a_number_key_to_a_wider_number_and_dates_with_timestamps() {
        assertThat(KeyTypes.refused("postgresql", "bigint", "numeric")).isFalse();
        assertThat(KeyTypes.refused("postgresql", "smallint", "numeric(10,2)")).isFalse();
        assertThat(KeyTypes.refused("postgresql", "integer", "double precision")).isFalse();
        assertThat(KeyTypes.refused("postgresql", "integer", "real")).isFalse();
        assertThat(KeyTypes.refused("postgresql", "numeric", "double precision")).isFalse();
        assertThat(KeyTypes.refused("postgresql", "numeric(5,0)", "numeric(10,2)")).isFalse();
        assertThat(KeyTypes.refused("postgresql", "double precision", "real")).isFalse();
        assertThat(KeyTypes.refused("postgresql", "date", "timestamp without time zone")).isFalse();
        assertThat(KeyTypes.refused("postgresql", "timestamp", "date")).isFalse();
        assertThat(KeyTypes.refused("postgresql", "timestamptz", "timestamp without time zone")).isFalse();
        assertThat(KeyTypes.refused("postgresql", "interval", "integer")).as("not told").isFalse();
    }
}
