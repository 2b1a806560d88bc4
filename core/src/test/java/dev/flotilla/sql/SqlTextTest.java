package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTextTest {
    @Test
    void the_tables_a_drop_table_names_are_read_as_written_with_their_schema() {
        SqlText text = new SqliteDialect().text(); // both "names" and `names`
        String sql = text.normalize("-- gone\nDROP TABLE IF EXISTS app.notes, \"Tags\",\n  `log` CASCADE;");

        assertThat(text.droppedTables(sql)).containsExactly("app.notes", "\"Tags\"", "`log`");
        assertThat(text.droppedTables(sql)).extracting(SqlText::name).containsExactly("notes", "tags", "log");
        assertThat(text.droppedTables(sql)).extracting(SqlText::qualifier).containsExactly("app", null, null);
        assertThat(SqlText.qualifier("\"My Schema\".\"t\"")).isEqualTo("My Schema");
        assertThat(text.droppedTables("DROP VIEW notes_view")).isEmpty();
        assertThat(text.droppedTables("DROP TABLE notes RESTRICT")).containsExactly("notes");
    }
}
