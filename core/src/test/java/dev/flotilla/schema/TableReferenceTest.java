package dev.flotilla.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableReferenceTest {
    @Test
    void an_ordinary_name_is_written_as_it_always_was_and_a_dotted_one_is_quoted_so_the_two_readings_differ() {
        assertThat(TableReference.of("t_a", "t_a", "a.b", '"')).as("the target's own table").isEqualTo("a.b");
        assertThat(TableReference.of("t_a", "shared", "companies", '"')).isEqualTo("shared.companies");
        assertThat(TableReference.of("t_a", "shared", "a.b", '"')).isEqualTo("shared.\"a.b\"");
        assertThat(TableReference.of("t_a", "shared.a", "b", '"')).isEqualTo("\"shared.a\".b");
        assertThat(TableReference.of("t_a", "odd`db", "b", '`')).isEqualTo("`odd``db`.b");
    }

    @Test
    void a_reference_to_another_schema_is_read_back_into_its_schema_and_table() {
        assertThat(TableReference.otherSchemas("shared.companies", '"')).containsExactly("shared", "companies");
        assertThat(TableReference.otherSchemas("shared.\"a.b\"", '"')).containsExactly("shared", "a.b");
        assertThat(TableReference.otherSchemas("\"shared.a\".b", '"')).containsExactly("shared.a", "b");
        assertThat(TableReference.otherSchemas("\"x\"\".y\".\"a.b\"", '"')).containsExactly("x\".y", "a.b");
        assertThat(TableReference.otherSchemas("`odd``db`.b", '`')).containsExactly("odd`db", "b");
        assertThat(TableReference.otherSchemas("companies", '"')).as("the target's own").isNull();
    }
}
