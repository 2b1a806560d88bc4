package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTextTest {
    @Test
    void the_tables_a_drop_table_names_are_read_as_written_with_their_schema() {
        String sql = SqlText.normalize("-- gone\nDROP TABLE IF EXISTS app.notes, \"Tags\",\n  `log` CASCADE;");

        assertThat(SqlText.droppedTables(sql)).containsExactly("app.notes", "\"Tags\"", "`log`");
        assertThat(SqlText.droppedTables(sql)).extracting(SqlText::name).containsExactly("notes", "tags", "log");
        assertThat(SqlText.droppedTables(sql)).extracting(SqlText::qualifier).containsExactly("app", null, null);
        assertThat(SqlText.qualifier("\"My Schema\".\"t\"")).isEqualTo("My Schema");
        assertThat(SqlText.droppedTables("DROP VIEW notes_view")).isEmpty();
        assertThat(SqlText.droppedTables("DROP TABLE notes RESTRICT")).containsExactly("notes");
    }
}
