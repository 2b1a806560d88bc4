package dev.flotilla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.run.RollbackRequest;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.OwnPostgresDatabase;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.CheckResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In a database of its own: the adoption builds its indexes CONCURRENTLY, which waits for every older transaction of its
 * database, other tests' too.
 */
class TenantColumnAdoptionPostgresIT extends TenantColumnAdoptionContract {
    @RegisterExtension
    static final OwnPostgresDatabase DATABASE = new OwnPostgresDatabase();

    @Override
    protected TargetSpec createTarget(Path temp) {
        return DATABASE.schema(TestDatabases.uniqueName());
    }

    @Override
    public String badgesCodeIndex() {
        return "CREATE UNIQUE INDEX badges_code_uidx ON badges (code) WHERE code <> 'retired'";
    }

    @Override
    public boolean clearsChosenColumns() {
        return true;
    }

    @Test
    void a_quoted_column_that_differs_from_the_tenant_column_only_in_case_is_another_column() throws Exception {
        sql("CREATE TABLE \"select\" (\"from\" int PRIMARY KEY, \"TENANT_ID\" text)", "INSERT INTO \"select\" VALUES (1, 'legacy')");
        var before = counts();

        GeneratedMigration migration = adopt(request());
        assertApplied(write(migration).migrate());

        assertThat(migration.tables()).contains("select");
        assertThat(migration.notes()).noneMatch(n -> n.startsWith("select:"));
        SchemaSnapshot.Table table = snapshot().table("select").orElseThrow();
        assertThat(table.column("tenant_id").orElseThrow().name()).isEqualTo("tenant_id");
        assertThat(table.column("tenant_id").orElseThrow().nullable()).isFalse();
        try (TargetSession session = TargetSession.open(target, false)) {
            assertThat(Jdbc.queryRow(session.connection(), "SELECT \"TENANT_ID\", tenant_id FROM \"select\""))
                    .containsExactly("legacy", "caps-automotive");
        }
        CheckResult tenantColumn = verify(before).get(1);
        assertThat(tenantColumn.problems()).noneMatch(p -> p.startsWith("select"));
    }

    @Test
    void a_not_valid_foreign_key_is_widened_and_restored_not_valid_without_validating_its_orphans() throws Exception {
        sql("CREATE TABLE parent (id int PRIMARY KEY)", "CREATE TABLE child (id int PRIMARY KEY, parent_id int)",
                "INSERT INTO parent VALUES (1)", "INSERT INTO child VALUES (1, 1), (2, 99)",
                "ALTER TABLE child ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent(id)"
                        + " ON DELETE CASCADE NOT VALID");
        SchemaSnapshot before = snapshot();

        GeneratedMigration migration = adopt(request().withWidenedKeys());
        Flotilla flotilla = write(migration);

        assertThat(migration.up()).contains("ADD CONSTRAINT child_parent_fk FOREIGN KEY (tenant_id, parent_id)")
                .doesNotContain("VALIDATE CONSTRAINT child_parent_fk;");
        assertThat(migration.down()).contains("ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id)")
                .doesNotContain("VALIDATE CONSTRAINT child_parent_fk;");
        assertThat(migration.notes()).anyMatch(n -> n.startsWith("child (parent_id) -> parent: foreign key NOT VALID"));
        assertApplied(flotilla.migrate());
        assertThat(childKeyValidated()).isEqualTo("f");
        assertApplied(flotilla.rollback(RollbackRequest.steps(1)));
        assertThat(childKeyValidated()).isEqualTo("f");
        assertThat(snapshot().fingerprint()).as(String.join("\n", snapshot().canonicalLines())).isEqualTo(before.fingerprint());
    }

    @Test
    void a_foreign_key_to_a_table_adopted_before_stays_as_it_is_with_a_note_where_widening_it_would_fail() throws Exception {
        assertApplied(write(adopt(request().withWidenedKeys())).migrate());
        sql("INSERT INTO stores (id, code, name, tenant_id) VALUES (100, 'acme', 'acme', 'acme')",
                "INSERT INTO customers (id, store_id, email, name, tenant_id) VALUES (100, 100, 'acme@example.com', 'x', 'acme')",
                "CREATE TABLE legacy_accounts (id int PRIMARY KEY, tenant_id int NOT NULL)",
                "CREATE INDEX legacy_accounts_tenant ON legacy_accounts (tenant_id)",
                "CREATE TABLE invoices (id int PRIMARY KEY, customer_id int REFERENCES customers (id),"
                        + " account_id int REFERENCES legacy_accounts (id))",
                "INSERT INTO legacy_accounts VALUES (1, 7)", "INSERT INTO invoices VALUES (1, 100, 1), (2, 1, 1)");

        GeneratedMigration second = adopt(request().withWidenedKeys());

        assertThat(second.notes()).contains("invoices (customer_id) -> customers: foreign key not widened, 1 row(s) of"
                + " invoices reference rows of customers whose tenant_id is not 'caps-automotive', the tenant the backfill"
                + " gives them; set their tenant_id from customers.tenant_id, then widen it by hand",
                "invoices (account_id) -> legacy_accounts: foreign key not widened, legacy_accounts.tenant_id is integer,"
                + " unlike the text that invoices gets; widen it by hand once they agree");
        assertApplied(write(second).migrate());
    }

    @Test
    void a_foreign_key_to_a_dotted_table_that_has_the_column_already_is_checked_for_rows_of_other_tenants() throws Exception {
        sql("CREATE TABLE \"a.b\" (id int PRIMARY KEY, tenant_id text NOT NULL)", "CREATE INDEX ab_tenant ON \"a.b\" (tenant_id)",
                "CREATE TABLE ab_lines (id int PRIMARY KEY, ab_id int REFERENCES \"a.b\" (id))",
                "INSERT INTO \"a.b\" VALUES (1, 'acme')", "INSERT INTO ab_lines VALUES (1, 1)");

        GeneratedMigration migration = adopt(request().withWidenedKeys());

        assertThat(migration.notes()).contains("ab_lines (ab_id) -> a.b: foreign key not widened, 1 row(s) of ab_lines"
                + " reference rows of a.b whose tenant_id is not 'caps-automotive', the tenant the backfill gives them;"
                + " set their tenant_id from a.b.tenant_id, then widen it by hand");
    }

    private String childKeyValidated() throws Exception {
        try (TargetSession session = TargetSession.open(target, false)) {
            return Jdbc.queryString(session.connection(), "SELECT convalidated FROM pg_constraint WHERE conname = 'child_parent_fk'"
                    + " AND connamespace = ?::regnamespace", target.schema());
        }
    }
}
