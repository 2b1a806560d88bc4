package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which statements the splitter keeps out of a transaction depends on the server's major version. */
class PostgresScriptSplitterTest {
    private static final String SCRIPT = "ALTER TYPE mood ADD VALUE 'happy';\nalter  type mood\n  add value if not exists 'calm';\n"
            + "CREATE INDEX CONCURRENTLY idx_t ON t (id);\n";

    @Test
    void adding_an_enum_value_runs_in_a_transaction_from_postgresql_12() {
        assertThat(transactional(new PostgresScriptSplitter(12).split(SCRIPT))).containsExactly(true, true, false);
        assertThat(transactional(new PostgresScriptSplitter(17).split(SCRIPT))).containsExactly(true, true, false);
    }

    @Test
    void adding_an_enum_value_runs_outside_a_transaction_before_postgresql_12_and_when_the_version_is_not_known() {
        assertThat(transactional(new PostgresScriptSplitter(11).split(SCRIPT))).containsExactly(false, false, false);
        assertThat(transactional(new PostgresDialect().split(SCRIPT))).containsExactly(false, false, false);
    }

    @Test
    void only_an_added_enum_value_run_in_a_transaction_is_usable_only_after_commit() {
        PostgresDialect unknown = new PostgresDialect();
        List<SqlStatement> old = unknown.split(SCRIPT);
        assertThat(old).noneMatch(unknown::usableOnlyAfterCommit);
        List<SqlStatement> modern = new PostgresScriptSplitter(15).split(SCRIPT);
        assertThat(modern).extracting(unknown::usableOnlyAfterCommit).containsExactly(true, true, false);
    }

    private static List<Boolean> transactional(List<SqlStatement> statements) {
        return statements.stream().map(SqlStatement::transactional).toList();
    }
}
