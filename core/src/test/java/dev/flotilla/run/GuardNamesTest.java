package dev.flotilla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlTerm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A name the down scripts write is the target's object, or another schema's, by the dialect's rules. */
class GuardNamesTest {
    private static String ours(Dialect dialect, String schema, String written) {
        List<SqlTerm> terms = dialect.text().terms(written);
        List<SqlTerm> name = new ArrayList<>();
        TenantColumnDrops.nameAt(terms, 0, name);
        return new GuardNames(dialect, schema).ours(name);
    }

    @Test
    void a_qualifier_names_the_targets_schema_as_postgresql_reads_a_schema_name() {
        Dialect postgres = Dialect.forUrl("jdbc:postgresql:app");

        assertThat(ours(postgres, "App", "\"App\".Mine")).isEqualTo("mine");
        assertThat(ours(postgres, "App", "App.mine")).as("a bare App is the schema app").isNull();
        assertThat(ours(postgres, "app", "APP.\"Mine\"")).isEqualTo("Mine");
        assertThat(ours(postgres, "app", "other.mine")).isNull();
    }
}
