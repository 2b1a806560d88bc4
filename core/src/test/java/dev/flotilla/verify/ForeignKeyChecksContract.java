package dev.flotilla.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * fk-orphans and fk-rules on every database: an orphan row named with its key and count, the whole target's or one
 * tenant's of a shared schema; ON DELETE rules as configured (seed 001), on the tables listed.
 */
interface ForeignKeyChecksContract extends VerifyFixture {
    /** Inserts serials row 99 whose company 42 does not exist, getting past the foreign key. */
    void insertOrphan(Connection connection) throws SQLException;

    @Test
    default void fk_orphans_names_the_key_and_the_count() throws Exception {
        migrate(GOOD);
        try (TargetSession session = TargetSession.open(target(), false)) {
            insertOrphan(session.connection());
        }

        CheckResult result = check("fk-orphans", ALL);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.message()).contains("serials.company_id -> companies.id: 1 orphan row(s)");
    }

    @Test
    default void fk_rules_names_a_set_null_where_cascade_is_required() throws Exception {
        migrate(GOOD + "CREATE TABLE tokens (id INTEGER PRIMARY KEY, company_id INTEGER,"
                + " FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE SET NULL);\n");

        CheckResult result = check("fk-rules", ALL);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.problems()).containsExactly("tokens.company_id -> companies: ON DELETE SET NULL, expected CASCADE");
    }

    @Test
    default void seed_001s_cascade_rules_checked_on_the_listed_tables_only_and_each_must_have_the_key() throws Exception {
        migrate(GOOD + "CREATE TABLE tokens (id INTEGER PRIMARY KEY, company_id INTEGER,"
                + " FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE SET NULL);\n"
                + "CREATE TABLE notes (id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, body VARCHAR(20));\n");
        VerifyOptions.FkRule listed = new VerifyOptions.FkRule("companies", "CASCADE", null, Set.of("SERIALS", "notes",
                "callback_requests"), Set.of(), null);
        VerifyOptions.FkRule excluding = new VerifyOptions.FkRule("companies", "CASCADE", null, Set.of(), Set.of("tokens"), null);
        VerifyOptions.FkRule later = new VerifyOptions.FkRule("companies", "CASCADE", null, Set.of("callback_requests"),
                Set.of(), new Since("2"));

        CheckResult tables = check("fk-rules", withFkRule(listed));
        CheckResult excluded = check("fk-rules", withFkRule(excluding));
        CheckResult notYet = check("fk-rules", withFkRule(later));

        assertThat(tables.problems()).containsExactly("callback_requests: no such table (checks.fk-rules tables for companies;"
                + " if a later migration creates it, give the rule since: VERSION)", "notes: no foreign key to companies");
        assertThat(excluded.status()).as(excluded.message()).isEqualTo(CheckStatus.PASSED);
        assertThat(notYet.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(notYet.message()).isEqualTo("companies: not applicable yet: applies since migration 2, the target is at version 1");
    }

    @Test
    default void two_rules_on_one_table_name_it_once_in_the_message() throws Exception {
        migrate(GOOD);
        VerifyOptions.FkRule everyTable = new VerifyOptions.FkRule("companies", "CASCADE", null, Set.of(), Set.of(), null);
        VerifyOptions.FkRule serials = new VerifyOptions.FkRule("companies", "CASCADE", null, Set.of("serials"), Set.of(),
                null);

        CheckResult result = check("fk-rules", new VerifyOptions(Set.of(), List.of(everyTable, serials), null, null,
                List.of(), null, null));

        assertThat(result.status()).as(result.message()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.message()).matches("\\d+ foreign key\\(s\\) to companies have the required rules");
    }

    default VerifyOptions withFkRule(VerifyOptions.FkRule rule) {
        return new VerifyOptions(Set.of(), List.of(rule), null, null, List.of(), null, null);
    }

    String ACME = "6f1c1a9e-3c55-4c0e-9a61-3f0a4c5b7d10";

    String GLOBEX = "0b8e2f7a-91d4-4f6b-8c3e-5a2d9e1f4c21";

    /** A shared schema whose tenant ids are uuids, as the application makes them. */
    String SHARED_UUIDS = """
            CREATE TABLE customers (id INTEGER PRIMARY KEY, tenant_id UUID NOT NULL, name VARCHAR(40) NOT NULL);
            CREATE INDEX idx_customers_tenant ON customers (tenant_id);
            CREATE TABLE orders (id INTEGER PRIMARY KEY, tenant_id UUID NOT NULL, customer_id INTEGER NOT NULL,
                FOREIGN KEY (customer_id) REFERENCES customers (id));
            CREATE INDEX idx_orders_tenant ON orders (tenant_id, customer_id);
            INSERT INTO customers (id, tenant_id, name) VALUES (1, '%1$s', 'A of acme'), (2, '%2$s', 'A of globex');
            INSERT INTO orders (id, tenant_id, customer_id) VALUES (1, '%1$s', 1), (2, '%1$s', 1), (3, '%2$s', 2);
            """.formatted(ACME, GLOBEX);

    default VerifyOptions only(String... checks) {
        Set<String> disabled = new java.util.HashSet<>(VerifyOptions.BUILT_IN);
        List.of(checks).forEach(disabled::remove);
        return new VerifyOptions(disabled, List.of(), new VerifyOptions.TenantColumnRule("tenant_id", Set.of()), null,
                List.of(), null, null);
    }

    @Test
    default void a_tenant_whose_id_is_a_uuid_has_its_foreign_keys_checked_on_its_own_rows() throws Exception {
        migrate(SHARED_UUIDS);
        TenantScope acme = new TenantScope("tenant_id", ACME);
        sql("DELETE FROM orders WHERE id = 3");

        List<CheckResult> results = verify(only("fk-orphans", "row-counts"), counts(acme), acme);

        assertThat(results).extracting(CheckResult::id).containsExactly("fk-orphans", "row-counts");
        assertThat(results).as(results.toString()).allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.PASSED));
        assertThat(results.get(0).message()).isEqualTo("1 foreign key(s) without orphan rows of " + ACME);
    }

    @Test
    default void an_orphan_row_of_one_tenant_fails_its_fk_orphans_alone_and_the_tables_without_the_column_are_checked_apart()
            throws Exception {
        migrate(SHARED_UUIDS + "CREATE TABLE notes (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL,"
                + " FOREIGN KEY (customer_id) REFERENCES customers (id));\n");
        try (TargetSession session = TargetSession.open(target(), false)) {
            String product = session.connection().getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
            String off = product.contains("postgres") ? "SET session_replication_role = replica"
                    : product.contains("maria") || product.contains("mysql") ? "SET FOREIGN_KEY_CHECKS = 0" : null;
            if (off != null) {
                Jdbc.execute(session.connection(), off);
            }
            Jdbc.execute(session.connection(), "INSERT INTO orders (id, tenant_id, customer_id) VALUES (4, '" + GLOBEX + "', 99)");
            Jdbc.execute(session.connection(), "INSERT INTO notes (id, customer_id) VALUES (1, 98)");
        }

        CheckResult acme = verify(only("fk-orphans"), null, new TenantScope("tenant_id", ACME)).get(0);
        CheckResult globex = verify(only("fk-orphans"), null, new TenantScope("tenant_id", GLOBEX)).get(0);
        CheckResult shared = verify(only("fk-orphans"), null, TenantScope.sharedTables("tenant_id")).get(0);

        assertThat(acme.status()).as(acme.toString()).isEqualTo(CheckStatus.PASSED);
        assertThat(globex.problems()).containsExactly("orders.customer_id -> customers.id: 1 orphan row(s) of " + GLOBEX);
        assertThat(shared.problems()).containsExactly("notes.customer_id -> customers.id: 1 orphan row(s)");
    }
}
