package dev.flotilla.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.schema.SchemaSnapshot.Column;
import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.schema.SchemaSnapshot.RowSecurity;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.sql.Dialect;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferencedTableTest {
    private static final ConfiguredNames KEEP = ConfiguredNames.QUOTED_KEEP_CASE;
    /** A table "a.b" of the target's own, and a table t with a foreign key (column ci) to each of {@code references}. */
    private static SchemaSnapshot withKeysTo(String dialect, String... references) {
        List<ForeignKey> keys = new ArrayList<>();
        for (int i = 0; i < references.length; i++) {
            keys.add(new ForeignKey(null, List.of("c" + i), references[i], List.of("id"), "NO ACTION", "NO ACTION"));
        }
        return new SchemaSnapshot(dialect, List.of(table("a.b", List.of()), table("t", keys)), List.of());
    }

    private static Table table(String name, List<ForeignKey> keys) {
        return new Table(name, List.of(new Column("id", "integer", false, null)), List.of("id"), List.of(), List.of(), keys,
                List.of(), List.of(), RowSecurity.OFF, List.of());
    }

    /** The tables the keys of t reference, in the order of {@link #withKeysTo}. */
    private static List<ReferencedTable> referenced(SchemaSnapshot snapshot) {
        Table t = snapshot.table("t").orElseThrow();
        return t.foreignKeys().stream().sorted(java.util.Comparator.comparing(fk -> fk.columns().get(0)))
                .map(fk -> ReferencedTable.of(snapshot, fk)).toList();
    }

    @Test
    void a_reference_is_one_of_the_snapshots_tables_by_its_whole_name_else_the_other_schemas_table_it_writes() {
        List<ReferencedTable> postgres = referenced(withKeysTo("postgresql", "a.b", "other.\"a.b\"", "\"other.a\".b",
                "companies", "\"a\".\"b\""));
        List<ReferencedTable> mariadb = referenced(withKeysTo("mariadb", "other.`a.b`", "shared.companies"));

        assertThat(postgres).containsExactly(new ReferencedTable(null, "a.b", '"'), new ReferencedTable("other", "a.b", '"'),
                new ReferencedTable("other.a", "b", '"'), new ReferencedTable(null, "companies", '"'),
                new ReferencedTable("a", "b", '"', true));
        assertThat(mariadb).containsExactly(new ReferencedTable("other", "a.b", '`'),
                new ReferencedTable("shared", "companies", '`'));
        assertThat(referenced(withKeysTo("sqlite", "x.y"))).as("SQLite: a missing table of its own")
                .containsExactly(new ReferencedTable(null, "x.y", '"'));
        assertThat(postgres.get(0).sql(Dialect.forUrl("jdbc:postgresql://h/db"))).isEqualTo("\"a.b\"");
        assertThat(postgres.get(1).sql(Dialect.forUrl("jdbc:postgresql://h/db"))).isEqualTo("\"other\".\"a.b\"");
    }

    @Test
    void a_configured_name_finds_the_table_written_as_the_snapshot_writes_it_quoted_or_plainly() {
        List<ReferencedTable> tables = referenced(withKeysTo("postgresql", "a.b", "other.\"a.b\"", "\"other.a\".b",
                "\"a\".\"b\""));
        ReferencedTable own = tables.get(0);
        ReferencedTable dottedTable = tables.get(1);
        ReferencedTable dottedSchema = tables.get(2);
        ReferencedTable namedAsOwn = tables.get(3);

        assertThat(own.isNamedBy("A.B", KEEP)).isTrue();
        assertThat(own.isNamedBy("other.a.b", KEEP)).isFalse();
        assertThat(dottedTable.isNamedBy("other.\"a.b\"", KEEP)).isTrue();
        assertThat(dottedTable.isNamedBy("\"other\".\"a.b\"", KEEP)).isTrue();
        assertThat(dottedTable.isNamedBy("other.a.b", KEEP)).as("as snapshots wrote it before format 5").isTrue();
        assertThat(dottedTable.isNamedBy("a.b", KEEP)).isFalse();
        assertThat(dottedTable.isNamedBy("\"other.a\".b", KEEP)).isFalse();
        assertThat(dottedSchema.isNamedBy("\"other.a\".\"b\"", KEEP)).isTrue();
        assertThat(dottedSchema.isNamedBy("other.\"a.b\"", KEEP)).isFalse();
        assertThat(dottedTable.isNamedBy("`other`.`a.b`", KEEP)).as("either quote, whatever the dialect's").isTrue();
        assertThat(own.isNamedBy("\"a.b\"", KEEP)).isTrue();
        assertThat(own.isNamedBy("`a.b`", KEEP)).isTrue();
        assertThat(namedAsOwn.isNamedBy("a.b", KEEP)).as("the target's own a.b").isFalse();
        assertThat(namedAsOwn.isNamedBy("\"a\".\"b\"", KEEP)).isTrue();
        assertThat(namedAsOwn.isNamedBy("a.`b`", KEEP)).isTrue();
    }

    @Test
    void a_configured_name_quoted_keeps_its_case_where_the_target_keeps_a_quoted_names_case_and_not_where_it_does_not() {
        List<ReferencedTable> tables = referenced(withKeysTo("postgresql", "orders", "other.orders"));
        ReferencedTable own = tables.get(0);
        ReferencedTable other = tables.get(1);
        ConfiguredNames sqlite = new ConfiguredNames(false);

        assertThat(own.isNamedBy("\"Orders\"", KEEP)).as("PostgreSQL: \"Orders\" is not orders").isFalse();
        assertThat(own.isNamedBy("Orders", KEEP)).as("plain: whatever the case").isTrue();
        assertThat(own.isNamedBy("\"Orders\"", sqlite)).as("SQLite: a quoted name ignores case").isTrue();
        assertThat(other.isNamedBy("other.\"Orders\"", KEEP)).isFalse();
        assertThat(other.isNamedBy("\"Other\".orders", KEEP)).isFalse();
        assertThat(other.isNamedBy("Other.`orders`", KEEP)).isTrue();
        assertThat(other.isNamedBy("\"Other\".\"Orders\"", sqlite)).isTrue();
        assertThat(ReferencedTable.namesOwn("`Settings`", "settings", KEEP)).isFalse();
        assertThat(ReferencedTable.namesOwn("`Settings`", "settings", sqlite)).isTrue();
        assertThat(ReferencedTable.namesOwn("SETTINGS", "settings", KEEP)).isTrue();
    }
}
