package dev.flotilla.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Dialect;
import org.junit.jupiter.api.Test;

/** Configured names are compared by the rules of the dialect {@link Dialect#forNames} gave: no read of their own. */
class ConfiguredNamesTest {
    @Test
    void a_quoted_name_keeps_its_case_where_the_dialect_keeps_it_or_does_not_know() {
        assertThat(ConfiguredNames.of(Dialect.forUrl("jdbc:postgresql://h/db")).quotedKeepsCase()).isTrue();
        assertThat(ConfiguredNames.of(Dialect.forUrl("jdbc:h2:mem:x")).quotedKeepsCase()).isTrue();
        assertThat(ConfiguredNames.of(Dialect.forUrl("jdbc:sqlite:x.db")).quotedKeepsCase()).isFalse();
        // The server's lower_case_table_names not read: a name that then matches nothing is warned of, not taken loosely.
        assertThat(ConfiguredNames.of(Dialect.forUrl("jdbc:mariadb://h/db")).quotedKeepsCase()).isTrue();
    }
}
