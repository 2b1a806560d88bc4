package dev.flotilla.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Dialect;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * fk-rules and tenant-column on a foreign key to a table of another schema (on MariaDB, another database) whose name
 * has a dot: the table the configuration names is found however the name is written. PostgreSQL and MariaDB.
 */
interface OtherSchemaChecksContract extends VerifyFixture {
    @Test
    default void a_key_to_another_schemas_dotted_table_is_found_by_the_name_the_configuration_gives_it() throws Exception {
        Dialect q = Dialect.forUrl(target().url());
        TargetSpec other = new TargetSpec(target().url(), target().user(), null, TestDatabases.uniqueName(), null);
        String parent = q.quote(other.schema()) + "." + q.quote("a.b");
        TestDatabases.execute(other, "CREATE SCHEMA " + q.quote(other.schema()), "CREATE TABLE " + parent
                + " (id INTEGER PRIMARY KEY)");
        try {
            migrate(GOOD + "CREATE TABLE tokens (id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, ab_id INTEGER,"
                    + " FOREIGN KEY (ab_id) REFERENCES " + parent + " (id) ON DELETE SET NULL);\n"
                    + "CREATE INDEX idx_tokens_company ON tokens (company_id);\n");
            String reference = other.schema() + "." + q.quote("a.b");

            for (String name : List.of(other.schema() + ".a.b", parent, reference)) {
                VerifyOptions options = new VerifyOptions(Set.of(), List.of(new VerifyOptions.FkRule(name, "CASCADE", null)),
                        new VerifyOptions.TenantColumnRule("company_id", Set.of("companies", name)), null, List.of(), null, null);

                assertThat(check("fk-rules", options).problems()).as(name)
                        .containsExactly("tokens.ab_id -> " + reference + ": ON DELETE SET NULL, expected CASCADE");
                assertThat(check("tenant-column", options).problems()).as(name).isEmpty();
            }
        } finally {
            // The target's key references the other schema's table: the target goes first.
            TestDatabases.drop(target());
            TestDatabases.drop(other);
        }
    }
}
