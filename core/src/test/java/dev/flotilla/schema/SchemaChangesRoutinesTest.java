package dev.flotilla.schema;

import static dev.flotilla.schema.StatementsRan.MARIADB;
import static dev.flotilla.schema.StatementsRan.POSTGRES;
import static dev.flotilla.schema.StatementsRan.ran;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Functions and procedures: two kinds of routine, and on PostgreSQL each overload by its input types. */
class SchemaChangesRoutinesTest {
    @Test
    void on_mariadb_a_function_and_a_procedure_of_one_name_are_two() {
        SchemaChanges function = ran(MARIADB, "CREATE FUNCTION f() RETURNS INT RETURN 1",
                "CREATE PROCEDURE f() BEGIN SELECT 1; END", "DROP PROCEDURE f");

        assertThat(function.lines()).containsExactly("Routines created: function f");
        assertThat(function.summary()).containsExactly(Map.entry("routinesCreated", List.of("function f")));
        assertThat(ran(MARIADB, "CREATE PROCEDURE p() BEGIN SELECT 1; END", "DROP FUNCTION IF EXISTS p").lines())
                .containsExactly("Routines created: procedure p", "Dropped: function p");
    }

    @Test
    void on_postgresql_overloads_are_told_apart_by_their_input_types() {
        assertThat(ran(POSTGRES, "CREATE FUNCTION f(a int) RETURNS int AS 'SELECT a' LANGUAGE sql",
                "CREATE FUNCTION f(t text) RETURNS int AS 'SELECT 1' LANGUAGE sql", "DROP FUNCTION f(text)").lines())
                .containsExactly("Routines created: function f(integer)");
        assertThat(ran(POSTGRES, "CREATE FUNCTION f(a int4, OUT b text) AS 'SELECT 1' LANGUAGE sql",
                "ALTER FUNCTION f RENAME TO g").lines()).as("a rename naming it without its types")
                .containsExactly("Routines created: function g(integer)");
        assertThat(ran(POSTGRES, "CREATE FUNCTION f(int, varchar) RETURNS int AS 'SELECT 1' LANGUAGE sql",
                "DROP ROUTINE f(integer, character varying)").isEmpty()).isTrue();
        assertThat(ran(POSTGRES, "DROP FUNCTION f", "CREATE FUNCTION f(a int) RETURNS int AS 'SELECT a' LANGUAGE sql")
                .lines()).containsExactly("Recreated: function f(integer)");
        assertThat(ran(POSTGRES, "CREATE PROCEDURE p(a int) AS 'SELECT 1' LANGUAGE sql", "DROP FUNCTION p(int)").lines())
                .as("DROP FUNCTION names functions only").containsExactly("Routines created: procedure p(integer)",
                        "Dropped: function p(integer)");
    }

    @Test
    void routines_read_back_from_a_tasks_log_keep_their_kind_and_a_log_before_this_reads_as_routines() {
        SchemaChanges made = ran(POSTGRES, "CREATE FUNCTION f(a int, b text) RETURNS int AS 'SELECT a' LANGUAGE sql",
                "CREATE PROCEDURE f(a int) AS 'SELECT 1' LANGUAGE sql", "DROP PROCEDURE gone(int)");
        StringBuilder log = made.appendTo(new StringBuilder("V1__a.sql: applied in 1 ms\n"));

        assertThat(log.toString()).contains("  routines created: function f(integer,text), procedure f(integer)\n",
                "  dropped: procedure gone(integer)\n");
        assertThat(SchemaChanges.inLog(log.toString())).isEqualTo(made);
        ran(POSTGRES, "DROP FUNCTION f(int, text)").appendTo(log.append("V2__b.sql: applied in 1 ms\n"));
        assertThat(SchemaChanges.inLog(log.toString()).lines()).containsExactly("Routines created: procedure f(integer)",
                "Dropped: procedure gone(integer)");
        assertThat(SchemaChanges.inLog("V1__a.sql: applied in 1 ms\n  routines created: touch\n  dropped: routine old\n")
                .lines()).containsExactly("Routines created: routine touch", "Dropped: routine old");
    }

    @Test
    void a_procedure_dropped_by_all_its_parameters_out_ones_among_them_is_the_one_created() {
        assertThat(ran(POSTGRES, "CREATE PROCEDURE p(a int, OUT b int) LANGUAGE sql AS 'SELECT 1'",
                "DROP PROCEDURE p(int, int)").isEmpty()).as("PostgreSQL 14+ takes OUT ones in a procedure's DROP").isTrue();
        assertThat(ran(POSTGRES, "CREATE PROCEDURE p(OUT b text, a int) LANGUAGE sql AS 'SELECT 1'",
                "CALL p(NULL, 1)", "DROP PROCEDURE p(text, integer)").isEmpty()).isTrue();
        assertThat(ran(POSTGRES, "CREATE PROCEDURE p(a int, OUT b int) LANGUAGE sql AS 'SELECT 1'",
                "CREATE PROCEDURE p(a int, c int) LANGUAGE sql AS 'SELECT 1'", "DROP PROCEDURE p(int, int)").lines())
                .as("the inputs' match first, as the server takes it").containsExactly("Routines created: procedure p(integer)");
        assertThat(ran(POSTGRES, "CREATE FUNCTION f(a int, OUT b int) LANGUAGE sql AS 'SELECT 1'",
                "DROP PROCEDURE f(int, int)").lines()).as("a function's DROP takes its inputs only")
                .containsExactly("Routines created: function f(integer)", "Dropped: procedure f(integer,integer)");
    }
}
