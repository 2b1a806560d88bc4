package dev.flotilla.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.schema.SchemaSnapshot.View;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewsOverTest {
    private static View view(String name, String... reads) {
        return new View(name, "select 1", List.of(reads), false);
    }

    @Test
    void views_reading_the_tables_through_other_views_are_found_at_any_depth_sorted_by_name() {
        SchemaSnapshot snapshot = new SchemaSnapshot("postgresql", List.of(), List.of(view("z_summary", "b_recent"),
                view("b_recent", "a_notes"), view("a_notes", "notes"), view("countries_list", "countries")));

        assertThat(ViewsOver.tables(snapshot, List.of("notes"))).extracting(View::name)
                .containsExactly("a_notes", "b_recent", "z_summary");
    }

    @Test
    void table_names_are_compared_without_their_case_and_a_view_reading_none_of_them_is_left_out() {
        SchemaSnapshot snapshot = new SchemaSnapshot("postgresql", List.of(), List.of(view("shouting", "NOTES"),
                view("unrelated", "countries"), new View("no_reads_known", "select * from notes")));

        assertThat(ViewsOver.tables(snapshot, List.of("Notes"))).extracting(View::name).containsExactly("shouting");
        assertThat(ViewsOver.tables(snapshot, List.of())).isEmpty();
    }
}
