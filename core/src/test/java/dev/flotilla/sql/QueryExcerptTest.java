package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryExcerptTest {
    @Test
    void every_kind_of_string_literal_is_masked() {
        assertThat(QueryExcerpt.of("ALTER USER app PASSWORD 'it''s secret'")).isEqualTo("ALTER USER app PASSWORD '…'");
        assertThat(QueryExcerpt.of("SELECT E'a\\'b', $$body$$, $fn$x$fn$, \"dq\" FROM t"))
                .isEqualTo("SELECT '…', '…', '…', '…' FROM t");
    }

    @Test
    void a_literal_cut_off_by_the_servers_length_limit_is_masked_to_its_end() {
        assertThat(QueryExcerpt.of("UPDATE t SET token = 'abcdef")).isEqualTo("UPDATE t SET token = '…'");
    }

    @Test
    void placeholders_and_names_stay_and_the_excerpt_is_one_line_of_at_most_80_characters() {
        assertThat(QueryExcerpt.of("SELECT *\n  FROM orders\n WHERE id = $1")).isEqualTo("SELECT * FROM orders WHERE id = $1");
        assertThat(QueryExcerpt.of("SELECT " + "x, ".repeat(40) + "y FROM t")).hasSize(81).endsWith("…");
    }
}
