package dev.flotilla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.NewMigrationFiles;
import dev.flotilla.run.RollbackRequest;
import dev.flotilla.run.RunReport;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import dev.flotilla.verify.CheckContext;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.RowCounts;
import dev.flotilla.verify.TenantScope;
import dev.flotilla.verify.Verifier;
import dev.flotilla.verify.VerifyOptions;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 003 on a 32-table schema with data: the adoption Flotilla writes applies, passes seed 003's checks
 * (tenant-column, row-counts, fk-orphans), and its down file gives back the original schema, fingerprint for
 * fingerprint. Each database's {@code *IT} supplies a fresh target.
 */
abstract class TenantColumnAdoptionContract {
    static final VerifyOptions CHECKS = new VerifyOptions(Set.of("fk-rules", "history", "expected-objects", "index-usage",
            "rls-enabled", "rls-isolation"), List.of(), new VerifyOptions.TenantColumnRule("tenant_id",
            Set.of(PosSchema.SHARED_TABLE)), null, List.of(), null, null);

    @TempDir
    Path temp;
    TargetSpec target;
    Path migrations;

    abstract TargetSpec createTarget(Path temp);

    @BeforeEach
    void setUp() throws SQLException {
        target = createTarget(temp);
        migrations = temp.resolve("migrations");
        try (TargetSession session = TargetSession.open(target, true)) {
            for (String statement : new PosSchema(session.dialect().name()).statements()) {
                Jdbc.execute(session.connection(), statement);
            }
        }
    }

    @AfterEach
    void tearDown() {
        TestDatabases.drop(target);
    }

    GeneratedMigration adopt(AdoptionRequest request) throws SQLException {
        try (TargetSession session = TargetSession.open(target, false)) {
            return TenantColumnAdoption.generate(session, request);
        }
    }

    AdoptionRequest request() {
        return AdoptionRequest.of("tenant_id", "caps-automotive").excluding(Set.of(PosSchema.SHARED_TABLE));
    }

    Flotilla write(GeneratedMigration migration) {
        NewMigrationFiles.write(migrations, migration.description(), migration.up(), migration.down(), null);
        return Flotilla.load(TargetOptions.of(target, migrations));
    }

    SchemaSnapshot snapshot() throws SQLException {
        return TestDatabases.snapshot(target);
    }

    RowCounts counts() throws SQLException {
        return TestDatabases.rowCounts(target);
    }

    List<CheckResult> verify(RowCounts before) throws SQLException {
        try (TargetSession session = TargetSession.open(target, false)) {
            return Verifier.run(new CheckContext(session.connection(), session.dialect(), session.schema(),
                    target.historyTable(), SnapshotReader.of(session), CHECKS, TenantScope.WHOLE_TARGET, before, null,
                    List.of(), null, null));
        }
    }

    void sql(String... statements) throws SQLException {
        try (TargetSession session = TargetSession.open(target, false)) {
            enforceForeignKeys(session.connection());
            for (String statement : statements) {
                Jdbc.execute(session.connection(), statement);
            }
        }
    }

    static void assertApplied(RunReport report) {
        assertThat(report.ok()).as(report.problems().toString()).isTrue();
    }

    @Test
    void widened_adoption_applies_passes_seed_003s_checks_and_rolls_back_to_the_original_schema() throws Exception {
        SchemaSnapshot before = snapshot();
        RowCounts rowsBefore = counts();
        GeneratedMigration migration = adopt(request().withWidenedKeys());
        Flotilla flotilla = write(migration);

        assertApplied(flotilla.migrate());

        assertThat(migration.tables()).hasSize(PosSchema.tableCount() - 1).doesNotContain(PosSchema.SHARED_TABLE);
        List<CheckResult> checks = verify(rowsBefore);
        assertThat(checks).extracting(CheckResult::id).containsExactly("fk-orphans", "tenant-column", "row-counts");
        assertThat(checks).as(checks.toString()).allSatisfy(check -> assertThat(check.ok()).isTrue());
        int tenantTables = PosSchema.tableCount() - 1;
        assertThat(checks.get(1).message()).contains(tenantTables + " table(s) carry tenant_id as required")
                .contains("rows per tenant: caps-automotive " + tenantTables * PosSchema.ROWS_PER_TABLE)
                .contains("WHERE tenant_id = 'caps-automotive' is served by an index on " + tenantTables + " table(s)");
        assertThat(checks.get(2).message()).contains("data loss: 0 rows");
        SchemaSnapshot adopted = snapshot();
        assertThat(adopted.table("customers").orElseThrow().column("tenant_id").orElseThrow().nullable()).isFalse();
        assertThat(adopted.table(PosSchema.SHARED_TABLE).orElseThrow().column("tenant_id")).isEmpty();

        assertApplied(flotilla.rollback(RollbackRequest.steps(1)));

        assertThat(snapshot().fingerprint()).as(String.join("\n", snapshot().canonicalLines()))
                .isEqualTo(before.fingerprint());
        assertThat(counts().byTable()).isEqualTo(rowsBefore.byTable());
    }

    @Test
    void widened_keys_keep_references_and_uniqueness_inside_one_tenant() throws Exception {
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
    String badgesCodeIndex() {
        return "CREATE UNIQUE INDEX badges_code_uidx ON badges (code)";
    }

    /** A unique index that is no constraint (PostgreSQL's and H2's CREATE UNIQUE INDEX) is widened as one is. */
    @Test
    void a_unique_index_is_widened_like_a_unique_constraint_and_restored_by_the_down_file() throws Exception {
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
    void plain_adoption_keeps_the_default_and_the_tenant_column_check_names_the_keys_left_to_widen() throws Exception {
        SchemaSnapshot before = snapshot();
        GeneratedMigration migration = adopt(request());
        Flotilla flotilla = write(migration);

        assertApplied(flotilla.migrate());
        sql("INSERT INTO stores (id, code, name) VALUES (100, 'new', 'inserted by today''s application')");

        assertThat(migration.notes()).anyMatch(note -> note.contains("--widen-keys"));
        CheckResult tenantColumn = verify(null).stream().filter(c -> c.id().equals("tenant-column")).findFirst().orElseThrow();
        assertThat(tenantColumn.ok()).isFalse();
        assertThat(tenantColumn.problems()).isNotEmpty().allSatisfy(problem -> assertThat(problem)
                .containsIgnoringCase("does not include tenant_id"));
        sql("DELETE FROM stores WHERE id = 100");
        assertApplied(flotilla.rollback(RollbackRequest.steps(1)));
        assertThat(snapshot().fingerprint()).isEqualTo(before.fingerprint());
    }

    @Test
    void a_set_null_foreign_key_is_widened_only_where_the_database_can_leave_the_tenant_column_alone() throws Exception {
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
            try (TargetSession session = TargetSession.open(target, false)) {
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
    void a_table_added_after_the_adoption_gets_its_foreign_keys_widened_to_the_tables_adopted_before() throws Exception {
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
    void a_table_with_a_tenant_column_of_its_own_is_noted_with_what_the_tenant_column_check_will_find_wrong() throws Exception {
        sql("CREATE TABLE legacy_notes (id INTEGER PRIMARY KEY, tenant_id INTEGER, body VARCHAR(20))",
                "INSERT INTO legacy_notes (id, tenant_id, body) VALUES (1, NULL, 'a'), (2, NULL, 'b'), (3, 7, 'c')",
                "CREATE TABLE sound_notes (id INTEGER PRIMARY KEY, tenant_id VARCHAR(64) NOT NULL)",
                "CREATE INDEX sound_notes_tenant ON sound_notes (tenant_id)");
        String table = snapshot().table("legacy_notes").orElseThrow().name();
        String sound = snapshot().table("sound_notes").orElseThrow().name();
        SchemaSnapshot.Column column = snapshot().table(table).orElseThrow().column("tenant_id").orElseThrow();
        AdoptionRequest request = new AdoptionRequest("tenant_id", "caps-automotive", "VARCHAR(64)",
                Set.of(PosSchema.SHARED_TABLE), false, AdoptionRequest.DEFAULT_BATCH_SIZE, false);

        GeneratedMigration migration = adopt(request);

        assertThat(migration.tables()).doesNotContain(table, sound);
        assertThat(migration.notes()).contains(table + ": already has " + column.name() + ", left as it is, and the"
                + " tenant-column check will fail on it after this migration: it is " + column.type() + ", unlike the"
                + " VARCHAR(64) the other tables get; it is nullable, and NULL in 2 row(s) of the database read (a copy of"
                + " its structure alone shows none); no index leads with it. Fix it in a migration of your own (VARCHAR(64),"
                + " every row's tenant, NOT NULL, an index leading with it), or if its rows are shared by all tenants,"
                + " exclude it (--exclude " + table + " and checks.tenant-column.exclude).",
                sound + ": already has " + column.name() + ", left as it is (the tenant-column check looks at it)");
        assertApplied(write(migration).migrate());
        CheckResult tenantColumn = verify(null).stream().filter(c -> c.id().equals("tenant-column")).findFirst().orElseThrow();
        assertThat(tenantColumn.problems()).filteredOn(p -> p.startsWith(table) || p.startsWith(sound)).containsExactly(table + "." + column.name() + " is nullable",
                table + "." + column.name() + ": 2 NULL value(s)", table + ": no index leads with " + column.name());
    }

    @Test
    void a_table_keyed_by_uuid_is_backfilled_batch_by_batch() throws Exception {
        List<String> rows = new java.util.ArrayList<>(List.of("CREATE TABLE tokens (id uuid PRIMARY KEY, v VARCHAR(10))"));
        for (int row = 0; row < 25; row++) {
            rows.add("INSERT INTO tokens (id, v) VALUES ('" + java.util.UUID.randomUUID() + "', 'v" + row + "')");
        }
        sql(rows.toArray(String[]::new));

        assertApplied(write(adopt(request().withBatchSize(10))).migrate());

        try (TargetSession session = TargetSession.open(target, false)) {
            assertThat(Jdbc.queryString(session.connection(), "SELECT count(*) FROM tokens WHERE tenant_id = 'caps-automotive'"))
                    .isEqualTo("25");
        }
    }

    @Test
    void tables_whose_names_need_quoting_are_adopted_with_one_update_each() throws Exception {
        List<String> tables = List.of("my table", "a.b");
        try (TargetSession session = TargetSession.open(target, false)) {
            for (String table : tables) {
                Jdbc.execute(session.connection(), "CREATE TABLE " + session.dialect().quote(table)
                        + " (id INTEGER PRIMARY KEY, v VARCHAR(10))");
                Jdbc.execute(session.connection(), "INSERT INTO " + session.dialect().quote(table) + " (id, v) VALUES (1, 'x')");
            }
        }

        GeneratedMigration migration = adopt(request());
        assertApplied(write(migration).migrate());

        assertThat(migration.tables()).containsAll(tables);
        try (TargetSession session = TargetSession.open(target, false)) {
            for (String table : tables) {
                assertThat(Jdbc.queryString(session.connection(), "SELECT count(*) FROM " + session.dialect().quote(table)
                        + " WHERE tenant_id = 'caps-automotive'")).as(table).isEqualTo("1");
            }
        }
    }

    @Test
    void a_foreign_key_to_a_table_whose_name_has_a_dot_is_widened_as_a_key_between_tenant_tables() throws Exception {
        String parent = Dialect.forUrl(target.url()).quote("a.b");
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

    @Test
    void every_statement_of_the_adoption_can_run_again_after_an_interruption() throws Exception {
        if (!rerunnable()) {
            return;
        }
        Flotilla flotilla = write(adopt(request().withWidenedKeys()));
        assertApplied(flotilla.migrate());
        String adopted = snapshot().fingerprint();

        try (TargetSession session = TargetSession.open(target, false)) {
            Jdbc.execute(session.connection(), "DELETE FROM " + session.dialect().quote(target.historyTable()));
        }
        assertApplied(flotilla.migrate());

        assertThat(snapshot().fingerprint()).isEqualTo(adopted);
        assertThat(verify(null)).allSatisfy(check -> assertThat(check.ok()).as(check.toString()).isTrue());
    }

    /**
     * Whether the adoption is written to run again over its own half (every dialect whose DDL commits by
     * itself or runs outside a transaction); SQLite's runs in one transaction and never stops half-way.
     */
    boolean rerunnable() {
        return true;
    }

    /** Whether ON DELETE SET NULL can name the columns it clears (PostgreSQL 15). */
    boolean clearsChosenColumns() {
        return false;
    }

    /** Turns foreign keys on where a connection must ask for them (SQLite); nothing elsewhere. */
    void enforceForeignKeys(java.sql.Connection connection) throws SQLException {
    }
}
