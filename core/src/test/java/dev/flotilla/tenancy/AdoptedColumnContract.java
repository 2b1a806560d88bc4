package dev.flotilla.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.lint.LintDirective;
import dev.flotilla.lint.LintOptions;
import dev.flotilla.migration.MigrationLoader;
import dev.flotilla.run.LintAcrossDialects;
import dev.flotilla.sql.Dialect;
import dev.flotilla.run.RollbackRequest;
import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.verify.CheckResult;
import dev.flotilla.verify.RowCounts;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tenant column an adoption adds on every dialect: on seed 003's 32-table schema with data the adoption applies,
 * passes seed 003's checks (tenant-column, row-counts, fk-orphans) and its down file gives back the original schema,
 * fingerprint for fingerprint; every row is backfilled, also of tables keyed by UUID or named with quotes; a table
 * that has a tenant column already is noted with what the check will find wrong; the adoption can run again over its
 * own half. How it widens the keys is {@link WidenedKeysContract}'s.
 */
interface AdoptedColumnContract extends TenantColumnAdoptionFixture {
    @Test
    default void widened_adoption_applies_passes_seed_003s_checks_and_rolls_back_to_the_original_schema() throws Exception {
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
                .contains("rows per tenant: tenant caps-automotive: " + tenantTables * PosSchema.ROWS_PER_TABLE + " rows")
                .contains("WHERE tenant_id = 'caps-automotive' is served by an index on " + tenantTables + " table(s)");
        assertThat(checks.get(2).message()).startsWith("no rows lost: ");
        SchemaSnapshot adopted = snapshot();
        assertThat(adopted.table("customers").orElseThrow().column("tenant_id").orElseThrow().nullable()).isFalse();
        assertThat(adopted.table(PosSchema.SHARED_TABLE).orElseThrow().column("tenant_id")).isEmpty();

        assertApplied(flotilla.rollback(RollbackRequest.steps(1)));

        assertThat(snapshot().fingerprint()).as(String.join("\n", snapshot().canonicalLines()))
                .isEqualTo(before.fingerprint());
        assertThat(counts().byTable()).isEqualTo(rowsBefore.byTable());
    }

    @Test
    default void the_adoption_lints_clean_without_the_non_transactional_ddl_note_its_batched_design_expects() throws Exception {
        GeneratedMigration migration = adopt(request().withWidenedKeys());
        write(migration);
        Dialect dialect;
        try (TargetSession session = TargetSession.open(target(), false)) {
            dialect = session.dialect();
        }
        var loaded = new MigrationLoader(Set.of()).load(files().path());

        var report = LintAcrossDialects.lint(loaded, java.util.Map.of(), List.of(dialect), LintOptions.DEFAULTS);

        assertThat(report.problems()).isEmpty();
        assertThat(report.findings()).as("a file Flotilla writes passes its own lint").extracting(f -> f.finding().rule()
                + " " + f.finding().message()).isEmpty();
        if ("mariadb".equals(dialect.name())) {
            assertThat(migration.up()).contains(LintDirective.PREFIX + " non-transactional-ddl");
        }
    }

    @Test
    default void plain_adoption_keeps_the_default_and_the_tenant_column_check_names_the_keys_left_to_widen() throws Exception {
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
    default void a_table_with_a_tenant_column_of_its_own_is_noted_with_what_the_tenant_column_check_will_find_wrong() throws Exception {
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
    default void a_table_keyed_by_uuid_is_backfilled_batch_by_batch() throws Exception {
        List<String> rows = new java.util.ArrayList<>(List.of("CREATE TABLE tokens (id uuid PRIMARY KEY, v VARCHAR(10))"));
        for (int row = 0; row < 25; row++) {
            rows.add("INSERT INTO tokens (id, v) VALUES ('" + java.util.UUID.randomUUID() + "', 'v" + row + "')");
        }
        sql(rows.toArray(String[]::new));

        assertApplied(write(adopt(request().withBatchSize(10))).migrate());

        try (TargetSession session = TargetSession.open(target(), false)) {
            assertThat(Jdbc.queryString(session.connection(), "SELECT count(*) FROM tokens WHERE tenant_id = 'caps-automotive'"))
                    .isEqualTo("25");
        }
    }

    @Test
    default void tables_whose_names_need_quoting_are_adopted_with_one_update_each() throws Exception {
        List<String> tables = List.of("my table", "a.b");
        try (TargetSession session = TargetSession.open(target(), false)) {
            for (String table : tables) {
                Jdbc.execute(session.connection(), "CREATE TABLE " + session.dialect().quote(table)
                        + " (id INTEGER PRIMARY KEY, v VARCHAR(10))");
                Jdbc.execute(session.connection(), "INSERT INTO " + session.dialect().quote(table) + " (id, v) VALUES (1, 'x')");
            }
        }

        GeneratedMigration migration = adopt(request());
        assertApplied(write(migration).migrate());

        assertThat(migration.tables()).containsAll(tables);
        try (TargetSession session = TargetSession.open(target(), false)) {
            for (String table : tables) {
                assertThat(Jdbc.queryString(session.connection(), "SELECT count(*) FROM " + session.dialect().quote(table)
                        + " WHERE tenant_id = 'caps-automotive'")).as(table).isEqualTo("1");
            }
        }
    }

    @Test
    default void every_statement_of_the_adoption_can_run_again_after_an_interruption() throws Exception {
        if (!rerunnable()) {
            return;
        }
        GeneratedMigration migration = adopt(request().withWidenedKeys());
        assertThat(migration.up()).as("what its header says to do after an interruption: plain repair would refuse")
                .contains("`flotilla repair --rerun-from-start`")
                .containsIgnoringCase(PosSchema.SHARED_TABLE + ": excluded").contains("checks.tenant-column.exclude");
        Flotilla flotilla = write(migration);
        assertApplied(flotilla.migrate());
        String adopted = snapshot().fingerprint();

        try (TargetSession session = TargetSession.open(target(), false)) {
            Jdbc.execute(session.connection(), "DELETE FROM " + session.dialect().quote(target().historyTable()));
        }
        assertApplied(flotilla.migrate());

        assertThat(snapshot().fingerprint()).isEqualTo(adopted);
        assertThat(verify(null)).allSatisfy(check -> assertThat(check.ok()).as(check.toString()).isTrue());
    }

    /**
     * Whether the adoption is written to run again over its own half (every dialect whose DDL commits by
     * itself or runs outside a transaction); SQLite's runs in one transaction and never stops half-way.
     */
    default boolean rerunnable() {
        return true;
    }
}
