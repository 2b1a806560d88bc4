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
 * has a dot: the table the configuration names is found however the name is written, with either quote; tenant-column
 * does not take another schema's table for a tenant table. PostgreSQL and MariaDB.
 */
interface OtherSchemaChecksContract extends VerifyFixture {
    @Test
    default void a_key_to_another_schemas_dotted_table_is_found_by_the_name_the_configuration_gives_it() throws Exception {
        Dialect q = Dialect.forUrl(target().url());
        withOtherSchemasTable("a.b", (schema, parent) -> {
            migrate(GOOD + "CREATE TABLE tokens (id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, ab_id INTEGER,"
                    + " FOREIGN KEY (ab_id) REFERENCES " + parent + " (id) ON DELETE SET NULL);\n"
                    + "CREATE INDEX idx_tokens_company ON tokens (company_id);\n");
            String reference = schema + "." + q.quote("a.b");
            char otherQuote = otherQuote(q);
            String otherQuoted = otherQuote + schema + otherQuote + "." + otherQuote + "a.b" + otherQuote;

            for (String name : List.of(schema + ".a.b", parent, reference, otherQuoted)) {
                VerifyOptions options = new VerifyOptions(Set.of(), List.of(new VerifyOptions.FkRule(name, "CASCADE", null)),
                        new VerifyOptions.TenantColumnRule("company_id", Set.of("companies", name)), null, List.of(), null, null);

                assertThat(check("fk-rules", options).problems()).as(name)
                        .containsExactly("tokens.ab_id -> " + reference + ": ON DELETE SET NULL, expected CASCADE");
                assertThat(check("tenant-column", options).problems()).as(name).isEmpty();
            }
        });
    }

    @Test
    default void a_key_to_another_schemas_table_is_no_key_between_tenant_tables_and_needs_no_tenant_column() throws Exception {
        char otherQuote = otherQuote(Dialect.forUrl(target().url()));
        withOtherSchemasTable("countries", (schema, countries) -> {
            migrate(GOOD + "CREATE TABLE addresses (id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, country_id INTEGER,"
                    + " FOREIGN KEY (country_id) REFERENCES " + countries + " (id), FOREIGN KEY (id) REFERENCES serials (id));\n"
                    + "CREATE INDEX idx_addresses_company ON addresses (company_id);\n");
            VerifyOptions options = new VerifyOptions(Set.of(), List.of(), new VerifyOptions.TenantColumnRule("company_id",
                    Set.of(otherQuote + "companies" + otherQuote)), null, List.of(), null, null);

            // A reference table all tenants share, in a schema of its own: nothing to exclude. The key to serials is
            // between tenant tables; companies is excluded, quoted with the other database's quote.
            assertThat(check("tenant-column", options).problems())
                    .containsExactly("addresses.id -> serials: the foreign key does not include company_id");
        });
    }

    /** A test given another schema's name and its table, qualified and quoted. */
    interface WithTable {
        void run(String schema, String table) throws Exception;
    }

    /** Runs {@code test} with a table {@code name} (id INTEGER PRIMARY KEY) of a new schema, dropped after it. */
    private void withOtherSchemasTable(String name, WithTable test) throws Exception {
        Dialect q = Dialect.forUrl(target().url());
        TargetSpec other = new TargetSpec(target().url(), target().user(), null, TestDatabases.uniqueName(), null);
        String table = q.quote(other.schema()) + "." + q.quote(name);
        TestDatabases.execute(other, "CREATE SCHEMA " + q.quote(other.schema()), "CREATE TABLE " + table
                + " (id INTEGER PRIMARY KEY)");
        try {
            test.run(other.schema(), table);
        } finally {
            // The target's key references the other schema's table: the target goes first.
            TestDatabases.drop(target());
            TestDatabases.drop(other);
        }
    }

    /** The quote of the other kind of database: a backquote on PostgreSQL, a double quote on MariaDB. */
    private static char otherQuote(Dialect dialect) {
        return dialect.quote("x").charAt(0) == '"' ? '`' : '"';
    }
}
