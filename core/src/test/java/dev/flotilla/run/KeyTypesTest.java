package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pairs tried on MariaDB 10.11 and PostgreSQL 15 (refused, or not) when the check was written. A row: the database,
 * the key column's type (empty: not known), the parent column's, whether the database refuses the key, and why, where
 * the row needs saying.
 */
class KeyTypesTest {
    private static final String ROW = "{0}: {1} -> {2} refused {3}";

    @ParameterizedTest(name = ROW)
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            mariadb | bigint unsigned | char(36)            | true  | seed 001's branches.id
            mariadb | bigint          | bigint(20) unsigned | true  |
            mariadb | int unsigned    | bigint(20) unsigned | true  |
            mariadb | int zerofill    | int(11)             | true  |
            mariadb | decimal(10,2)   | int(11)             | true  |
            mariadb | char(36)        | uuid                | true  |
            mariadb | varbinary(36)   | char(36)            | true  |
            mariadb | bool            | int(11)             | true  |
            mariadb | text            | varchar(10)         | true  | a text key to a varchar column
            mariadb | mediumtext      | text                | false |
            """)
    void mariadb_refuses_integers_of_another_size_or_sign_and_an_integer_for_a_string_or_a_uuid(String database, String key,
            String parent, boolean refused, String why) {
        assertPair(database, key, parent, refused, why);
    }

    @ParameterizedTest(name = ROW)
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            mariadb | char(32)                        | char(36)            | false |
            mariadb | varchar(36)                     | char(36)            | false |
            mariadb | INTEGER                         | int(11)             | false |
            mariadb | serial                          | bigint(20) unsigned | false |
            mariadb | decimal(12,2)                   | decimal(10,2)       | false |
            mariadb | char(36) character set latin1   | char(36)            | false | refused, but for a character set this check does not read: not said
            mariadb | datetime                        | int(11)             | false | a type not told
            mariadb |                                 | int(11)             | false |
            """)
    void mariadb_takes_strings_of_any_length_decimals_of_any_precision_and_display_widths(String database, String key,
            String parent, boolean refused, String why) {
        assertPair(database, key, parent, refused, why);
    }

    @ParameterizedTest(name = ROW)
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            postgresql | text        | integer               | true  |
            postgresql | char(36)    | uuid                  | true  |
            postgresql | boolean     | integer               | true  |
            postgresql | bigint      | integer               | false |
            postgresql | varchar(10) | character(36)         | false |
            postgresql | text        | character varying(36) | false |
            postgresql | integer     | numeric(10,2)         | false | an integer casts to numeric
            postgresql | integer[]   | text                  | false |
            sqlite     | text        | integer               | false |
            """)
    void postgresql_refuses_an_integer_for_a_string_a_uuid_or_a_boolean_only(String database, String key, String parent,
            boolean refused, String why) {
        assertPair(database, key, parent, refused, why);
    }

    @ParameterizedTest(name = ROW)
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            postgresql | numeric          | bigint                         | true |
            postgresql | numeric(10,0)    | integer                        | true |
            postgresql | double precision | bigint                         | true |
            postgresql | real             | integer                        | true |
            postgresql | float8           | numeric                        | true |
            postgresql | numeric          | text                           | true |
            postgresql | date             | integer                        | true |
            postgresql | text             | date                           | true |
            postgresql | integer          | timestamp(3) without time zone | true |
            postgresql | numeric          | uuid                           | true |
            postgresql | boolean          | numeric                        | true |
            """)
    void postgresql_refuses_a_number_key_to_a_narrower_number_and_a_date_for_a_number_or_a_string(String database, String key,
            String parent, boolean refused, String why) {
        assertPair(database, key, parent, refused, why);
    }

    @ParameterizedTest(name = ROW)
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            postgresql | bigint           | numeric                     | false |
            postgresql | smallint         | numeric(10,2)               | false |
            postgresql | integer          | double precision            | false |
            postgresql | integer          | real                        | false |
            postgresql | numeric          | double precision            | false |
            postgresql | numeric(5,0)     | numeric(10,2)               | false |
            postgresql | double precision | real                        | false |
            postgresql | date             | timestamp without time zone | false |
            postgresql | timestamp        | date                        | false |
            postgresql | timestamptz      | timestamp without time zone | false |
            postgresql | interval         | integer                     | false | not told
            """)
    void postgresql_takes_a_number_key_to_a_wider_number_and_dates_with_timestamps(String database, String key, String parent,
            boolean refused, String why) {
        assertPair(database, key, parent, refused, why);
    }

    private static void assertPair(String database, String key, String parent, boolean refused, String why) {
        assertThat(KeyTypes.refused(database, key, parent)).as(why == null ? key + " -> " + parent : why).isEqualTo(refused);
    }
}
