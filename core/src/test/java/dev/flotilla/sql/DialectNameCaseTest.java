package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Whether a quoted name keeps its case is what each dialect's {@link Dialect#identifierKey} does, and, on MariaDB, what
 * the server's {@code lower_case_table_names} says: unknown until {@link Dialect#forNames} has read it.
 */
class DialectNameCaseTest {
    @Test
    void a_quoted_name_keeps_its_case_as_the_dialects_identifier_key_tells_names_apart() {
        assertThat(Dialect.forUrl("jdbc:postgresql://h/db").quotedNamesKeepCase()).isTrue();
        assertThat(Dialect.forUrl("jdbc:h2:mem:x").quotedNamesKeepCase()).isTrue();
        assertThat(Dialect.forUrl("jdbc:sqlite:x.db").quotedNamesKeepCase()).isFalse();
    }

    @Test
    void mariadbs_is_not_known_without_the_server_and_follows_lower_case_table_names_once_read() {
        assertThat(MariaDbDialect.INSTANCE.quotedNamesKeepCase()).isNull();
        assertThat(MariaDbDialect.ofTableNames(true).quotedNamesKeepCase()).isTrue();
        assertThat(MariaDbDialect.ofTableNames(false).quotedNamesKeepCase()).isFalse();
        assertThat(MariaDbDialect.ofTableNames(false).identifierKey("Mine", true)).isEqualTo("mine");
        assertThat(MariaDbDialect.ofTableNames(true).identifierKey("Mine", true)).isEqualTo("Mine");
        assertThat(MariaDbDialect.ofTableNames(true).routineKey("Mine", true)).isEqualTo("mine");
    }
}
