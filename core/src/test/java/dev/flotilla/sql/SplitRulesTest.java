package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.SplitScripts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A script split for one target is taken again only where the dialect splits alike: PostgreSQL's by server version. */
class SplitRulesTest {
    private static final String ADDS_A_VALUE = "ALTER TYPE mood ADD VALUE 'happy';\n";

    @Test
    void dialects_split_alike_only_with_equal_rules() {
        assertThat(new PostgresDialect(16).splitRules()).isEqualTo(new PostgresDialect(16).splitRules())
                .isNotEqualTo(new PostgresDialect(11).splitRules()).isNotEqualTo(new PostgresDialect().splitRules());
        assertThat(Dialect.forUrl("jdbc:mariadb:").splitRules()).isEqualTo(Dialect.forUrl("jdbc:mysql:").splitRules())
                .isNotEqualTo(Dialect.forUrl("jdbc:sqlite:").splitRules()).isNotEqualTo(new PostgresDialect().splitRules());
    }

    @Test
    void a_script_split_for_a_postgresql_11_server_is_split_again_for_a_postgresql_16_one() {
        SplitScripts splits = new SplitScripts();

        List<SqlStatement> old = splits.split("V1__mood.sql", ADDS_A_VALUE, new PostgresDialect(11));
        List<SqlStatement> modern = splits.split("V1__mood.sql", ADDS_A_VALUE, new PostgresDialect(16));
        List<SqlStatement> oldAgain = splits.split("V1__mood.sql", ADDS_A_VALUE, new PostgresDialect(11));

        assertThat(old).extracting(SqlStatement::transactional).containsExactly(false);
        assertThat(modern).extracting(SqlStatement::transactional).containsExactly(true);
        assertThat(oldAgain).as("kept for its rules").isSameAs(old);
    }
}
