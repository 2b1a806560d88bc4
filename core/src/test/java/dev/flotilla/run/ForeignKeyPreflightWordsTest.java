package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which pending files are worth reading for foreign keys at all: those that say {@code references}, in any case. */
class ForeignKeyPreflightWordsTest {
    @Test
    void a_file_that_says_references_in_any_case_is_read() {
        assertThat(ForeignKeyPreflight.mayAddKeys(List.of("CREATE TABLE a (id int);",
                "ALTER TABLE b ADD FOREIGN KEY (a_id) REFERENCES a (id);"))).isTrue();
        assertThat(ForeignKeyPreflight.mayAddKeys(List.of("create table b (a_id int references a)"))).isTrue();
        assertThat(ForeignKeyPreflight.mayAddKeys(List.of("CREATE TABLE b (a_id int ReFeReNcEs a)"))).isTrue();
        assertThat(ForeignKeyPreflight.mayAddKeys(List.of("references"))).isTrue();
    }

    @Test
    void a_file_that_does_not_is_not() {
        assertThat(ForeignKeyPreflight.mayAddKeys(List.of("CREATE TABLE refs (id int); -- refer", "referenc", ""))).isFalse();
        assertThat(ForeignKeyPreflight.mayAddKeys(List.of())).isFalse();
    }
}
