package dev.flotilla.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.schema.SchemaSnapshot.Column;
import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.schema.SchemaSnapshot.RowSecurity;
import dev.flotilla.schema.SchemaSnapshot.Table;
import java.util.List;
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

    @Test
    void fingerprint_format_4_reads_a_reference_to_another_schemas_dotted_table_as_snapshots_wrote_it_then() {
        SchemaSnapshot snapshot = withKeysTo("a.b", "other.\"a.b\"", "shared.companies");
        // As the readers wrote the references before quoting them: what format-4 fingerprints stored then were of.
        SchemaSnapshot writtenThen = withKeysTo("a.b", "other.a.b", "shared.companies");
        String key = "  foreign key (c1) references %s (id) on delete NO ACTION on update NO ACTION";

        assertThat(snapshot.canonicalLines(4)).contains(key.formatted("other.a.b"));
        assertThat(snapshot.fingerprint(4)).isEqualTo(writtenThen.fingerprint(4));
        assertThat(snapshot.canonicalLines()).contains(key.formatted("other.\"a.b\""));
        assertThat(snapshot.fingerprint()).isNotEqualTo(snapshot.fingerprint(4));
    }

    @Test
    void a_key_to_another_schemas_table_that_would_read_as_a_table_of_the_targets_own_quotes_both_names() {
        List<String> own = List.of("A.B");

        assertThat(TableReference.of("t_a", "a", "b", '"', own)).isEqualTo("\"a\".\"b\"");
        assertThat(TableReference.of("t_a", "a", "b", '`', own)).isEqualTo("`a`.`b`");
        assertThat(TableReference.of("t_a", "a", "c", '"', own)).as("no table of its own by that name").isEqualTo("a.c");
        assertThat(TableReference.of("t_a", "t_a", "a.b", '"', own)).as("the target's own table").isEqualTo("a.b");
        assertThat(TableReference.otherSchemas("\"a\".\"b\"", '"')).containsExactly("a", "b");
    }

    @Test
    void fingerprint_format_5_reads_another_schemas_table_named_as_a_table_of_the_targets_own_as_snapshots_wrote_it_then() {
        SchemaSnapshot snapshot = withKeysTo("a.b", "\"a\".\"b\"");
        // As the readers wrote the key to the table b of the schema a before: as one to the target's own "a.b".
        SchemaSnapshot writtenThen = withKeysTo("a.b", "a.b");
        String key = "  foreign key (c1) references %s (id) on delete NO ACTION on update NO ACTION";

        assertThat(snapshot.canonicalLines(5)).contains(key.formatted("a.b"));
        assertThat(snapshot.fingerprint(5)).isEqualTo(writtenThen.fingerprint(5));
        assertThat(snapshot.canonicalLines()).contains(key.formatted("\"a\".\"b\""));
        assertThat(snapshot.fingerprint()).isNotEqualTo(writtenThen.fingerprint());
    }

    /** A PostgreSQL table "a.b", and a table t with a foreign key (column ci) to each of {@code references}. */
    private static SchemaSnapshot withKeysTo(String... references) {
        List<ForeignKey> keys = java.util.stream.IntStream.range(0, references.length).mapToObj(i -> new ForeignKey(null,
                List.of("c" + i), references[i], List.of("id"), "NO ACTION", "NO ACTION")).toList();
        return new SchemaSnapshot("postgresql", List.of(table("a.b", List.of()), table("t", keys)), List.of());
    }

    private static Table table(String name, List<ForeignKey> keys) {
        return new Table(name, List.of(new Column("id", "integer", false, null)), List.of("id"), List.of(), List.of(), keys,
                List.of(), List.of(), RowSecurity.OFF, List.of());
    }
}
