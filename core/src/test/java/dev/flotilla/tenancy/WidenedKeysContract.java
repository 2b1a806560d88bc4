package dev.flotilla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.Flotilla;
import dev.flotilla.run.RollbackRequest;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.verify.CheckResult;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The keys an adoption with widened keys leads with the tenant column, on every dialect: references and uniqueness stay
 * inside one tenant; unique indexes (partial ones with their predicate) are widened as unique constraints are, ON DELETE
 * SET NULL keys only where the database can leave the tenant column alone, a later table's keys to the tables adopted
 * before, a key to a table whose name has a dot; rolled back, the down file gives the schema back as it was.
 */
interface WidenedKeysContract extends TenantColumnAdoptionFixture {
    @Test
    default void widened_keys_keep_references_and_uniqueness_inside_one_tenant() throws Exception {
        assertApplied(write(adopt(request().withWidenedKeys().droppingDefault())).migrate());

        sql("INSERT INTO stores (id, code, name, tenant_id) VALUES (100, 'stores-code-1', 'other', 'other-tenant')");

        assertThatThrownBy(() -> sql("INSERT INTO customers (id, store_id, email, name, tenant_id)"
                + " VALUES (100, 100, 'x@example.com', 'crossing', 'caps-automotive')")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> sql("INSERT INTO stores (id, code, name) VALUES (101, 'no-tenant', 'x')"))
                .as("no default: an insert must name the tenant").isInstanceOf(SQLException.class);
        sql("INSERT INTO customers (id, store_id, email, name, tenant_id) VALUES (100, 100, 'customers-email-1', 'same"
                + " e-mail, other tenant', 'other-tenant')");
    }

    /** The unique index on badges.code: partial where the database has partial indexes, whose predicate must stay. */
    default String badgesCodeIndex() {
        return "CREATE UNIQUE INDEX badges_code_uidx ON badges (code)";
    }

    /** A unique index that is no constraint (PostgreSQL's and H2's CREATE UNIQUE INDEX) is widened as one is. */
    @Test
    default void a_unique_index_is_widened_like_a_unique_constraint_and_restored_by_the_down_file() throws Exception {
        sql("CREATE TABLE badges (id INTEGER PRIMARY KEY, code VARCHAR(40) NOT NULL)", badgesCodeIndex(),
                "INSERT INTO badges (id, code) VALUES (1, 'gold')");
        SchemaSnapshot before = snapshot();
        Flotilla flotilla = write(adopt(request().withWidenedKeys()));

        assertApplied(flotilla.migrate());

        assertThat(snapshot().table("badges").orElseThrow().indexes()).filteredOn(i -> i.name().equalsIgnoreCase("badges_code_uidx"))
                .singleElement().satisfies(i -> {
                    assertThat(i.columns()).map(c -> c.toLowerCase(java.util.Locale.ROOT)).containsExactly("tenant_id", "code");
                    assertThat(i.where()).as("a partial index keeps its predicate").isEqualTo(before.table("badges").orElseThrow()
                            .indexes().stream().filter(o -> o.name().equalsIgnoreCase("badges_code_uidx")).findFirst()
                            .orElseThrow().where());
                });
        assertThat(verify(null)).filteredOn(c -> c.id().equals("tenant-column")).singleElement()
                .satisfies(c -> assertThat(c.ok()).as(c.toString()).isTrue());
        sql("INSERT INTO badges (id, code, tenant_id) VALUES (2, 'gold', 'other-tenant')");
        assertThatThrownBy(() -> sql("INSERT INTO badges (id, code, tenant_id) VALUES (3, 'gold', 'other-tenant')"))
                .as("still unique within a tenant").isInstanceOf(SQLException.class);
        sql("DELETE FROM badges WHERE id = 2");
        assertApplied(flotilla.rollback(RollbackRequest.steps(1)));
        assertThat(snapshot().fingerprint()).as(String.join("\n", snapshot().canonicalLines())).isEqualTo(before.fingerprint());
    }

    @Test
    default void a_set_null_foreign_key_is_widened_only_where_the_database_can_leave_the_tenant_column_alone() throws Exception {
        sql("CREATE TABLE coupons (id INTEGER PRIMARY KEY, supplier_id INTEGER, FOREIGN KEY (supplier_id)"
                + " REFERENCES suppliers (id) ON DELETE SET NULL)", "INSERT INTO coupons (id, supplier_id) VALUES (1, 2)");
        SchemaSnapshot before = snapshot();
        GeneratedMigration migration = adopt(request().withWidenedKeys());
        Flotilla flotilla = write(migration);

        assertApplied(flotilla.migrate());

        CheckResult tenantColumn = verify(null).stream().filter(c -> c.id().equals("tenant-column")).findFirst().orElseThrow();
        if (clearsChosenColumns()) {
            assertThat(tenantColumn.ok()).as(tenantColumn.message()).isTrue();
            sql("INSERT INTO suppliers (id, name) VALUES (100, 'leaving')", "INSERT INTO coupons (id, supplier_id) VALUES (2, 100)",
                    "DELETE FROM suppliers WHERE id = 100");
            try (TargetSession session = TargetSession.open(target(), false)) {
                assertThat(Jdbc.queryRow(session.connection(), "SELECT supplier_id, tenant_id FROM coupons WHERE id = 2"))
                        .containsExactly(null, "caps-automotive");
            }
        } else {
            assertThat(migration.notes()).anyMatch(n -> n.toLowerCase().startsWith("coupons (supplier_id) -> suppliers: foreign key"
                    + " not widened"));
            assertThat(tenantColumn.problems()).singleElement().satisfies(problem -> assertThat(problem)
                    .isEqualToIgnoringCase("coupons.supplier_id -> suppliers: the foreign key does not include tenant_id"));
        }
        sql("DELETE FROM coupons");
        assertApplied(flotilla.rollback(RollbackRequest.steps(1)));
        sql("INSERT INTO coupons (id, supplier_id) VALUES (1, NULL)");
        assertThat(snapshot().fingerprint()).isEqualTo(before.fingerprint());
    }

    @Test
    default void a_table_added_after_the_adoption_gets_its_foreign_keys_widened_to_the_tables_adopted_before() throws Exception {
        assertApplied(write(adopt(request().withWidenedKeys())).migrate());
        // customers has the key (tenant_id, id) since the first adoption; promotions, referenced by nothing then, has not.
        sql("CREATE TABLE invoices (id INTEGER PRIMARY KEY, customer_id INTEGER, promotion_id INTEGER, number VARCHAR(20),"
                + " UNIQUE (number), FOREIGN KEY (customer_id) REFERENCES customers (id),"
                + " FOREIGN KEY (promotion_id) REFERENCES promotions (id))",
                "INSERT INTO invoices (id, customer_id, promotion_id, number) VALUES (1, 1, 1, 'A-1')");
        SchemaSnapshot before = snapshot();

        assertThat(adopt(request()).notes()).anyMatch(n -> n.startsWith("1 unique constraint(s) and 2 foreign key(s)"));
        GeneratedMigration second = adopt(request().withWidenedKeys());
        Flotilla flotilla = write(second);
        assertApplied(flotilla.migrate());

        assertThat(second.tables()).singleElement().satisfies(t -> assertThat(t).isEqualToIgnoringCase("invoices"));
        assertThat(second.notes()).noneMatch(n -> n.contains("not widened"));
        assertThat(verify(null)).allSatisfy(check -> assertThat(check.ok()).as(check.toString()).isTrue());
        sql("INSERT INTO promotions (id, name, tenant_id) VALUES (100, 'other', 'other-tenant')",
                "INSERT INTO invoices (id, customer_id, promotion_id, number, tenant_id) VALUES (2, 1, 1, 'A-2', 'caps-automotive')");
        assertThatThrownBy(() -> sql("INSERT INTO invoices (id, customer_id, promotion_id, number, tenant_id)"
                + " VALUES (3, 1, 100, 'A-3', 'caps-automotive')")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> sql("INSERT INTO invoices (id, customer_id, number, tenant_id)"
                + " VALUES (3, 1, 'A-3', 'other-tenant')")).isInstanceOf(SQLException.class);
        sql("DELETE FROM invoices WHERE id = 2", "DELETE FROM promotions WHERE id = 100");
        assertApplied(flotilla.rollback(RollbackRequest.steps(1)));
        assertThat(snapshot().fingerprint()).as(String.join("\n", snapshot().canonicalLines())).isEqualTo(before.fingerprint());
    }

    @Test
    default void a_foreign_key_to_a_table_whose_name_has_a_dot_is_widened_as_a_key_between_tenant_tables() throws Exception {
        String parent = Dialect.forUrl(target().url()).quote("a.b");
        sql("CREATE TABLE " + parent + " (id INTEGER PRIMARY KEY)", "CREATE TABLE ab_lines (id INTEGER PRIMARY KEY,"
                + " ab_id INTEGER, FOREIGN KEY (ab_id) REFERENCES " + parent + " (id))",
                "INSERT INTO " + parent + " (id) VALUES (1)", "INSERT INTO ab_lines (id, ab_id) VALUES (1, 1)");

        GeneratedMigration migration = adopt(request().withWidenedKeys());
        assertApplied(write(migration).migrate());

        assertThat(migration.notes()).noneMatch(n -> n.contains("another schema"));
        assertThat(snapshot().table("ab_lines").orElseThrow().foreignKeys()).singleElement().satisfies(fk -> assertThat(
                fk.columns()).map(c -> c.toLowerCase(java.util.Locale.ROOT)).containsExactly("tenant_id", "ab_id"));
        assertThat(verify(null)).filteredOn(c -> c.id().equals("tenant-column")).singleElement()
                .satisfies(c -> assertThat(c.ok()).as(c.toString()).isTrue());
    }

    /** Whether ON DELETE SET NULL can name the columns it clears (PostgreSQL 15). */
    default boolean clearsChosenColumns() {
        return false;
    }
}
