package dev.flotilla.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.schema.SchemaDiff.Action;
import dev.flotilla.schema.SchemaDiff.Kind;
import dev.flotilla.schema.SchemaSnapshot.Column;
import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.schema.SchemaSnapshot.Index;
import dev.flotilla.schema.SchemaSnapshot.RowSecurity;
import dev.flotilla.schema.SchemaSnapshot.Table;
import dev.flotilla.schema.SchemaSnapshot.Trigger;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDiffTest {
    private static Table serials(String statusType, String indexName, String onDelete, boolean rls) {
        return new Table("serials", List.of(new Column("id", "integer", false, null),
                new Column("status", statusType, false, "'available'")), List.of("id"),
                List.of(new Index(indexName, List.of("status"), false, null, null)), List.of(),
                List.of(new ForeignKey("serials_company_id_fkey", List.of("company_id"), "companies", List.of("id"), onDelete, "NO ACTION")),
                List.of(), List.of(), new RowSecurity(rls, false), List.of());
    }

    private static SchemaSnapshot snapshot(Table... tables) {
        return new SchemaSnapshot("postgresql", List.of(tables), List.of());
    }

    @Test
    void generated_names_are_neither_a_change_nor_part_of_the_fingerprint() {
        SchemaSnapshot a = snapshot(serials("varchar(20)", "serials_status_idx", "CASCADE", false));
        SchemaSnapshot b = snapshot(serials("varchar(20)", "serials_status_idx1", "CASCADE", false));

        assertThat(SchemaDiff.between(a, b).isEmpty()).isTrue();
        assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
    }

    @Test
    void a_type_change_a_rule_change_and_row_security_are_each_reported() {
        SchemaSnapshot before = snapshot(serials("varchar(20)", "idx", "CASCADE", false));
        SchemaSnapshot after = snapshot(serials("varchar(40)", "idx", "RESTRICT", true));

        SchemaDiff diff = SchemaDiff.between(before, after);

        assertThat(diff.summary().get("columnsChanged")).containsExactly("serials.status: type varchar(20) -> varchar(40)");
        assertThat(diff.names(Kind.CONSTRAINT, Action.ADDED)).containsExactly("serials_company_id_fkey");
        assertThat(diff.names(Kind.CONSTRAINT, Action.REMOVED)).containsExactly("serials_company_id_fkey");
        assertThat(diff.names(Kind.ROW_SECURITY, Action.CHANGED)).containsExactly("serials");
        assertThat(diff.summary().get("dropped")).containsExactly("constraint serials_company_id_fkey");
        assertThat(after.fingerprint()).isNotEqualTo(before.fingerprint());
    }

    @Test
    void a_created_table_is_one_change_whatever_it_holds() {
        SchemaDiff diff = SchemaDiff.between(snapshot(), snapshot(serials("varchar(20)", "idx", "CASCADE", false)));

        assertThat(diff.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Kind.TABLE);
            assertThat(c.action()).isEqualTo(Action.ADDED);
            assertThat(c.toString()).isEqualTo("added table serials: 2 column(s)");
        });
        assertThat(diff.summary().get("indexesAdded")).isEmpty();
    }

    @Test
    void a_trigger_whose_body_was_edited_is_changed_not_dropped_and_added() {
        Table plain = serials("varchar(20)", "idx", "CASCADE", false);
        java.util.function.Function<String, Table> withTrigger = body -> new Table(plain.name(), plain.columns(),
                plain.primaryKey(), plain.indexes(), plain.uniques(), plain.foreignKeys(), plain.checks(),
                List.of(new Trigger("trg_serials", "BEFORE", "INSERT", "SET NEW.status = " + body)), plain.rowSecurity(),
                plain.policies());

        SchemaDiff diff = SchemaDiff.between(snapshot(withTrigger.apply("'new'")), snapshot(withTrigger.apply("'spare'")));

        assertThat(diff.changes()).singleElement().hasToString("changed trigger trg_serials: definition changed");
    }
}
