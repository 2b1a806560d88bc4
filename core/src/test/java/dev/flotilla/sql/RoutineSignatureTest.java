package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A routine's parameters read as types alone, alike from the catalog's signature (PostgreSQL's
 * pg_get_function_identity_arguments, as a server printed them) and from a statement's parameter list.
 */
class RoutineSignatureTest {
    private final SqlText text = Dialect.forUrl("jdbc:postgresql:app").text();

    private List<String> written(String parameters) {
        return RoutineSignature.of(text, parameters).types();
    }

    @Test
    void a_parameter_named_like_the_first_word_of_a_type_of_several_words_is_a_name() {
        assertThat(written("double integer")).containsExactly("integer");
        assertThat(written("double double precision")).containsExactly("double precision");
        assertThat(written("\"timestamp\" timestamp with time zone, \"character\" character varying"))
                .containsExactly("timestamp with time zone", "character varying");
        assertThat(written("double precision, timestamp(3) with time zone, character varying (20), national char(2)"))
                .containsExactly("double precision", "timestamp with time zone", "character varying", "character");
    }

    @Test
    void a_statement_written_with_aliases_modifiers_and_arrays_reads_as_the_catalog_prints_it() {
        String catalog = "\"timestamp\" timestamp with time zone, double double precision, \"time\" time without time zone,"
                + " i interval, c character, v character varying[], a integer[], fl real, fl2 double precision, n numeric,"
                + " b bit varying, t timestamp without time zone, bc character, x \"char\", \"My Param\" text, w integer[]";
        String statement = "\"timestamp\" timestamptz, double float8, \"time\" time(2), i interval day to second,"
                + " c char(2), v varchar(3) [], a int [], fl float(10), fl2 float, n numeric(10, 2), b varbit,"
                + " t timestamp(3), bc bpchar, x \"char\", \"My Param\" text DEFAULT 'a b', w int4 ARRAY";

        assertThat(written(statement)).isEqualTo(written(catalog));
        assertThat(written(catalog)).startsWith("timestamp with time zone", "double precision", "time without time zone",
                "interval", "character", "character varying[]", "integer[]", "real", "double precision", "numeric");
    }

    @Test
    void modes_and_out_parameters_are_left_out_of_the_identity_and_kept_in_every_parameters_types() {
        assertThat(written("IN a int, INOUT b text, OUT r integer, VARIADIC v int[]"))
                .containsExactly("integer", "text", "integer[]");
        assertThat(RoutineSignature.of(text, "INOUT a integer, OUT b text").allTypes()).containsExactly("integer", "text");
    }

    @Test
    void a_procedure_is_named_by_its_input_types_or_every_parameters_types_a_function_by_its_input_types_alone() {
        // As PostgreSQL 14+ reads DROP and ALTER: p(a int, OUT b int) is p(int) and p(int, int); f(a int, OUT b int) f(int).
        RoutineSignature catalog = RoutineSignature.ofSignature(text, "p(IN a integer, OUT b integer)");

        assertThat(catalog.namedBy(RoutineSignature.of(text, "int"), true)).isTrue();
        assertThat(catalog.namedBy(RoutineSignature.of(text, "int, int4"), true)).isTrue();
        assertThat(catalog.namedBy(RoutineSignature.of(text, "a int, OUT b integer"), true)).isTrue();
        assertThat(catalog.namedBy(RoutineSignature.of(text, "int, text"), true)).isFalse();
        assertThat(catalog.namedBy(RoutineSignature.of(text, "int, int"), false)).isFalse();
        assertThat(catalog.namedBy(RoutineSignature.of(text, "a int, OUT b text"), false)).isTrue();
    }

    @Test
    void quoted_and_qualified_type_names_read_as_the_catalog_prints_them() {
        // As PostgreSQL 15 printed h(...): a quoted name keeps its quotes where its case or a keyword needs them.
        String catalog = "a \"char\", b character varying, c integer, d timestamp without time zone, e my_type, f \"My_Type\","
                + " g character, i boolean[], j \"select\", k \"Odd \"\"Name\"\"\"";
        String statement = "a \"char\", b pg_catalog.\"varchar\"(10), c pg_catalog.\"int4\", d \"timestamp\","
                + " e \"public\".\"my_type\", f app.\"My_Type\", g pg_catalog.bpchar, i \"bool\"[], j \"select\","
                + " k \"Odd \"\"Name\"\"\"";

        assertThat(written(statement)).isEqualTo(written(catalog));
        assertThat(written("x \"char\"")).isNotEqualTo(written("x char"));
        assertThat(written("x \"My_Type\"")).isNotEqualTo(written("x My_Type"));
    }

    @Test
    void a_type_taken_from_a_column_cannot_be_compared_by_its_spelling() {
        assertThat(RoutineSignature.of(text, "p orders.item%TYPE").comparable()).isFalse();
        assertThat(RoutineSignature.of(text, "p text, n integer").comparable()).isTrue();
    }
}
