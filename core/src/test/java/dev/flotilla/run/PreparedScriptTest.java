package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.sql.SqlStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreparedScriptTest {
    @Test
    void the_first_statement_refused_in_a_transaction_is_named_and_a_script_without_one_is_transactional() {
        SqlStatement table = new SqlStatement("CREATE TABLE t (id INT)", 1, true);
        SqlStatement index = new SqlStatement("CREATE INDEX CONCURRENTLY i ON t (id)", 2, false);
        SqlStatement vacuum = new SqlStatement("VACUUM t", 3, false);

        PreparedScript mixed = script(List.of(table, index, vacuum));
        PreparedScript plain = script(List.of(table));

        assertThat(mixed.firstNonTransactional()).contains(index);
        assertThat(mixed.transactional()).isFalse();
        assertThat(plain.firstNonTransactional()).isEmpty();
        assertThat(plain.transactional()).isTrue();
        assertThat(script(List.of()).transactional()).isTrue();
    }

    private static PreparedScript script(List<SqlStatement> statements) {
        return new PreparedScript(MigrationKind.VERSIONED, "1", "t", "V1__t.sql", "V1__t.sql", "0".repeat(64), statements, java.util.Set.of(),
                "x"::equals);
    }
}
