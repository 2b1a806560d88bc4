package dev.flotilla.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** tenant-column on every database: a missing or nullable tenant column, its NULLs, indexes and keys without it. */
interface TenantColumnChecksContract extends VerifyFixture {
    @Test
    default void tenant_column_names_a_nullable_column_its_null_values_and_a_missing_index() throws Exception {
        migrate(GOOD + "CREATE TABLE notes (id INTEGER PRIMARY KEY, company_id INTEGER, body VARCHAR(20));\n"
                + "INSERT INTO notes (id, company_id, body) VALUES (1, NULL, 'x');\n"
                + "CREATE TABLE audit (id INTEGER PRIMARY KEY, body VARCHAR(20));\n");

        CheckResult result = check("tenant-column", ALL);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.problems()).containsExactly("audit: no company_id column", "notes.company_id is nullable",
                "notes.company_id: 1 NULL value(s)", "notes: no index leads with company_id");
        assertThat(result.message()).as("a table without the column: a tenant table gets it, shared reference data is listed")
                .contains("A tenant table needs company_id", "flotilla tenancy adopt")
                .contains("checks.tenant-column.exclude").as("the list as it would be, the tables excluded already kept")
                .contains("exclude: [companies, audit]");
    }

    /** Numeric tenant ids read as tenants, not as a list of numbers; the filtered query compares a number unquoted. */
    @Test
    default void tenant_column_names_each_tenant_s_rows_and_its_filtered_query_as_the_column_s_type_reads() throws Exception {
        migrate(GOOD + "INSERT INTO serials (id, company_id, serial_no) VALUES (3, 1, 's3');\n");

        CheckResult result = check("tenant-column", ALL);

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.message()).contains("rows per tenant: tenant 1: 2 rows, tenant 2: 1 row;",
                "WHERE company_id = 1 is served by an index on 1 table(s)");
    }

    /** A unique index without the tenant column makes a tenant's insert fail on another tenant's value, and tells it. */
    @Test
    default void tenant_column_names_a_unique_index_without_the_tenant_column() throws Exception {
        migrate(GOOD + "CREATE TABLE products (id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, name VARCHAR(40) NOT NULL);\n"
                + "CREATE INDEX idx_products_company ON products (company_id);\n"
                + "CREATE UNIQUE INDEX products_name_uidx ON products (name);\n"
                + "CREATE UNIQUE INDEX products_company_name_uidx ON products (company_id, name);\n");

        CheckResult result = check("tenant-column", ALL);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("products: unique")
                .endsWith("(name) does not include company_id"));
    }

    /** Database-per-tenant (seed 001): foreign keys reference the tenant root alone, without the tenant column. */
    @Test
    default void tenant_column_leaves_foreign_keys_alone_when_told_and_still_checks_the_rest() throws Exception {
        migrate(GOOD + "CREATE TABLE serial_notes (id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, serial_id INTEGER,"
                + " FOREIGN KEY (serial_id) REFERENCES serials (id));\n"
                + "CREATE INDEX idx_serial_notes_company ON serial_notes (company_id);\n"
                + "CREATE TABLE audit (id INTEGER PRIMARY KEY, body VARCHAR(20));\n");
        VerifyOptions.TenantColumnRule shared = new VerifyOptions.TenantColumnRule("company_id", Set.of("companies"));
        VerifyOptions.TenantColumnRule perTenant = new VerifyOptions.TenantColumnRule("company_id", Set.of("companies"), false);

        CheckResult withKeys = check("tenant-column", new VerifyOptions(Set.of(), List.of(), shared, null, List.of(), null, null));
        CheckResult withoutKeys = check("tenant-column", new VerifyOptions(Set.of(), List.of(), perTenant, null, List.of(), null, null));

        assertThat(withKeys.problems()).containsExactly("audit: no company_id column",
                "serial_notes.serial_id -> serials: the foreign key does not include company_id");
        assertThat(withoutKeys.problems()).containsExactly("audit: no company_id column");
    }
}
