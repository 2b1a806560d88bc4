package dev.flotilla.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.schema.SchemaDiff.Action;
import dev.flotilla.schema.SchemaDiff.Kind;
import dev.flotilla.schema.SchemaSnapshot.Column;
import dev.flotilla.schema.SchemaSnapshot.ForeignKey;
import dev.flotilla.schema.SchemaSnapshot.Index;
import dev.flotilla.schema.SchemaSnapshot.Routine;
import dev.flotilla.schema.SchemaSnapshot.RowSecurity;
import dev.flotilla.schema.SchemaSnapshot.Sequence;
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

    private static SchemaSnapshot withRoutines(List<Sequence> sequences, Routine... routines) {
        return new SchemaSnapshot("postgresql", List.of(serials("varchar(20)", "idx", "CASCADE", false)), List.of(), sequences,
                List.of(routines));
    }

    private static Routine touch(String body) {
        return new Routine("function", "touch_serial()", "CREATE OR REPLACE FUNCTION touch_serial() RETURNS trigger"
                + " LANGUAGE plpgsql AS $function$ BEGIN " + body + " RETURN NEW; END $function$");
    }

    @Test
    void a_function_a_sequence_and_an_edited_body_are_created_changed_and_dropped_by_name() {
        SchemaSnapshot before = withRoutines(List.of(new Sequence("old_numbers", "bigint start 1")), touch("NULL;"),
                new Routine("procedure", "purge(integer)", "CREATE OR REPLACE PROCEDURE purge(integer) ..."));
        SchemaSnapshot after = withRoutines(List.of(new Sequence("ticket_numbers", "bigint start 100")), touch("NEW.qty := 0;"),
                new Routine("function", "add_serial(integer, text)", "CREATE OR REPLACE FUNCTION add_serial(...)"));

        var summary = SchemaDiff.between(before, after).summary();

        assertThat(summary.get("routinesCreated")).containsExactly("add_serial(integer, text)");
        assertThat(summary.get("routinesChanged")).containsExactly("touch_serial()");
        assertThat(summary.get("sequencesCreated")).containsExactly("ticket_numbers");
        assertThat(summary.get("dropped")).containsExactly("sequence old_numbers", "routine purge(integer)");
        assertThat(summary.get("changed")).as("a routine's change is listed once, under routinesChanged").isEmpty();
        assertThat(SchemaDiff.between(before, after).changes()).filteredOn(c -> c.action() == Action.CHANGED)
                .singleElement().hasToString("changed routine touch_serial(): definition changed");
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

    @Test
    void the_format_1_fingerprint_an_earlier_version_stored_is_the_one_of_tables_and_views_alone() {
        SchemaSnapshot tablesOnly = withRoutines(List.of());
        SchemaSnapshot withFunction = withRoutines(List.of(new Sequence("ticket_numbers", "bigint start 100")), touch("NULL;"));

        assertThat(withFunction.fingerprint(1)).isEqualTo(tablesOnly.fingerprint(1)).isEqualTo(tablesOnly.fingerprint());
        assertThat(withFunction.fingerprint()).isEqualTo(withFunction.fingerprint(SchemaSnapshot.FINGERPRINT_FORMAT))
                .isNotEqualTo(tablesOnly.fingerprint());
        assertThat(withRoutines(List.of(), touch("NEW.qty := 0;")).fingerprint()).as("an edited body")
                .isNotEqualTo(withRoutines(List.of(), touch("NULL;")).fingerprint());
    }
}
