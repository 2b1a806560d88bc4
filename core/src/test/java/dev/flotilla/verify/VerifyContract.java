package dev.flotilla.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.Flotilla;
import dev.flotilla.TargetOptions;
import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.plan.TargetPlan;
import dev.flotilla.schema.SchemaDiff;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.MigrationFolder;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in check passes on a good schema and fails, naming table, column and count, on a broken one;
 * seed 001's constraint scenarios (shipped in examples/checks) pass. Each database's {@code *IT} supplies
 * a fresh target and the one thing that differs: how to sneak an orphan row past its foreign keys.
 */
abstract class VerifyContract {
    static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    static final String GOOD = """
            CREATE TABLE companies (id INTEGER PRIMARY KEY, code VARCHAR(40) NOT NULL);
            CREATE TABLE serials (id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, serial_no VARCHAR(40) NOT NULL,
                UNIQUE (company_id, serial_no), FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE CASCADE);
            INSERT INTO companies (id, code) VALUES (1, 'a');
            INSERT INTO companies (id, code) VALUES (2, 'b');
            INSERT INTO serials (id, company_id, serial_no) VALUES (1, 1, 's1');
            INSERT INTO serials (id, company_id, serial_no) VALUES (2, 2, 's2');
            """;
    static final VerifyOptions ALL = new VerifyOptions(Set.of(), List.of(new VerifyOptions.FkRule("companies", "CASCADE", null)),
            new VerifyOptions.TenantColumnRule("company_id", Set.of("companies")), null,
            VerifyOptions.IndexQuery.always("SELECT * FROM serials WHERE company_id = 1"), null, null);

    @TempDir
    Path temp;
    TargetSpec target;
    MigrationFolder files;

    abstract TargetSpec createTarget(Path temp);

    /** Inserts serials row 99 whose company 42 does not exist, getting past the foreign key. */
    abstract void insertOrphan(Connection connection) throws SQLException;

    @BeforeEach
    void setUp() {
        target = createTarget(temp);
        files = new MigrationFolder(temp.resolve("migrations"));
    }

    @AfterEach
    void tearDown() {
        TestDatabases.drop(target);
    }

    Flotilla flotilla() {
        return Flotilla.load(TargetOptions.of(target, files.path()));
    }

    void migrate(String sql) {
        files.write("V1__base.sql", sql);
        assertThat(flotilla().migrate().ok()).isTrue();
    }

    void sql(String... statements) throws SQLException {
        try (TargetSession session = TargetSession.open(target, false)) {
            for (String statement : statements) {
                Jdbc.execute(session.connection(), statement);
            }
        }
    }

    List<CheckResult> verify(VerifyOptions options, RowCounts before, LoadedMigrations migrations, List<String> appliedNow,
                             SchemaDiff expected) throws SQLException {
        try (TargetSession session = TargetSession.open(target, false)) {
            CheckContext context = new CheckContext(session.connection(), session.dialect(), session.schema(),
                    target.historyTable(), SnapshotReader.of(session), options, TenantScope.WHOLE_TARGET, before, migrations,
                    appliedNow, expected, TargetPlan.versionInEffect(session.history().read()));
            return Verifier.run(context);
        }
    }

    /** The checks of one tenant of a shared schema: its rows alone, those whose {@code tenant_id} is its id. */
    List<CheckResult> verify(VerifyOptions options, RowCounts before, TenantScope scope) throws SQLException {
        try (TargetSession session = TargetSession.open(target, false)) {
            return Verifier.run(new CheckContext(session.connection(), session.dialect(), session.schema(), target.historyTable(),
                    SnapshotReader.of(session), options, scope, before, null, List.of(), null,
                    TargetPlan.versionInEffect(session.history().read())));
        }
    }

    RowCounts counts(TenantScope scope) throws SQLException {
        try (TargetSession session = TargetSession.open(target, false)) {
            return RowCounts.count(session.connection(), session.dialect(), session.schema(), SnapshotReader.of(session), scope);
        }
    }

    CheckResult check(String id, VerifyOptions options) throws SQLException {
        return verify(options, null, null, List.of(), null).stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    RowCounts counts() throws SQLException {
        return TestDatabases.rowCounts(target);
    }

    @Test
    void a_good_schema_passes_every_check_that_applies() throws Exception {
        migrate(GOOD);

        List<CheckResult> results = verify(ALL, counts(), flotilla().migrations(), List.of("1"), null);

        assertThat(results).extracting(CheckResult::id).containsExactly("fk-orphans", "fk-rules", "tenant-column",
                "row-counts", "history", "expected-objects", "index-usage", "rls-enabled", "rls-isolation");
        assertThat(results).as(results.toString()).allSatisfy(r -> assertThat(r.ok()).isTrue());
        assertThat(results.get(5).status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(results.get(3).message()).isEqualTo("data loss: 0 rows (3 table(s), 4 row(s) before)".replace("3 table", tablesWithHistory() + " table"));
    }

    /** The history table is a table of the target too, counted by row-counts. */
    int tablesWithHistory() {
        return 2;
    }

    @Test
    void fk_orphans_names_the_key_and_the_count() throws Exception {
        migrate(GOOD);
        try (TargetSession session = TargetSession.open(target, false)) {
            insertOrphan(session.connection());
        }

        CheckResult result = check("fk-orphans", ALL);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.message()).contains("serials.company_id -> companies.id: 1 orphan row(s)");
    }

    @Test
    void fk_rules_names_a_set_null_where_cascade_is_required() throws Exception {
        migrate(GOOD + "CREATE TABLE tokens (id INTEGER PRIMARY KEY, company_id INTEGER,"
                + " FOREIGN KEY (company_id) REFERENCES companies (id) ON DELETE SET NULL);\n");

        CheckResult result = check("fk-rules", ALL);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.problems()).containsExactly("tokens.company_id -> companies: ON DELETE SET NULL, expected CASCADE");
    }

    @Test
    void tenant_column_names_a_nullable_column_its_null_values_and_a_missing_index() throws Exception {
        migrate(GOOD + "CREATE TABLE notes (id INTEGER PRIMARY KEY, company_id INTEGER, body VARCHAR(20));\n"
                + "INSERT INTO notes (id, company_id, body) VALUES (1, NULL, 'x');\n"
                + "CREATE TABLE audit (id INTEGER PRIMARY KEY, body VARCHAR(20));\n");

        CheckResult result = check("tenant-column", ALL);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.problems()).containsExactly("audit: no company_id column", "notes.company_id is nullable",
                "notes.company_id: 1 NULL value(s)", "notes: no index leads with company_id");
    }

    /** A unique index without the tenant column makes a tenant's insert fail on another tenant's value, and tells it. */
    @Test
    void tenant_column_names_a_unique_index_without_the_tenant_column() throws Exception {
        migrate(GOOD + "CREATE TABLE products (id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, name VARCHAR(40) NOT NULL);\n"
                + "CREATE INDEX idx_products_company ON products (company_id);\n"
                + "CREATE UNIQUE INDEX products_name_uidx ON products (name);\n"
                + "CREATE UNIQUE INDEX products_company_name_uidx ON products (company_id, name);\n");

        CheckResult result = check("tenant-column", ALL);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("products: unique")
                .endsWith("(name) does not include company_id"));
    }

    @Test
    void row_counts_name_the_table_that_lost_rows() throws Exception {
        migrate(GOOD);
        RowCounts before = counts();
        sql("DELETE FROM serials WHERE id = 2");

        CheckResult result = verify(ALL, before, null, List.of(), null).stream()
                .filter(r -> r.id().equals("row-counts")).findFirst().orElseThrow();

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.problems()).containsExactly("serials: 2 row(s) before, 1 after (1 lost)");
    }

    static final String ACME = "6f1c1a9e-3c55-4c0e-9a61-3f0a4c5b7d10";
    static final String GLOBEX = "0b8e2f7a-91d4-4f6b-8c3e-5a2d9e1f4c21";
    /** A shared schema whose tenant ids are uuids, as the application makes them. */
    static final String SHARED_UUIDS = """
            CREATE TABLE customers (id INTEGER PRIMARY KEY, tenant_id UUID NOT NULL, name VARCHAR(40) NOT NULL);
            CREATE INDEX idx_customers_tenant ON customers (tenant_id);
            CREATE TABLE orders (id INTEGER PRIMARY KEY, tenant_id UUID NOT NULL, customer_id INTEGER NOT NULL,
                FOREIGN KEY (customer_id) REFERENCES customers (id));
            CREATE INDEX idx_orders_tenant ON orders (tenant_id, customer_id);
            INSERT INTO customers (id, tenant_id, name) VALUES (1, '%1$s', 'A of acme'), (2, '%2$s', 'A of globex');
            INSERT INTO orders (id, tenant_id, customer_id) VALUES (1, '%1$s', 1), (2, '%1$s', 1), (3, '%2$s', 2);
            """.formatted(ACME, GLOBEX);

    VerifyOptions only(String... checks) {
        Set<String> disabled = new java.util.HashSet<>(VerifyOptions.BUILT_IN);
        List.of(checks).forEach(disabled::remove);
        return new VerifyOptions(disabled, List.of(), new VerifyOptions.TenantColumnRule("tenant_id", Set.of()), null,
                List.of(), null, null);
    }

    @Test
    void a_tenant_whose_id_is_a_uuid_has_its_foreign_keys_checked_on_its_own_rows() throws Exception {
        migrate(SHARED_UUIDS);
        TenantScope acme = new TenantScope("tenant_id", ACME);
        sql("DELETE FROM orders WHERE id = 3");

        List<CheckResult> results = verify(only("fk-orphans", "row-counts"), counts(acme), acme);

        assertThat(results).extracting(CheckResult::id).containsExactly("fk-orphans", "row-counts");
        assertThat(results).as(results.toString()).allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.PASSED));
        assertThat(results.get(0).message()).isEqualTo("1 foreign key(s) without orphan rows of " + ACME);
    }

    @Test
    void an_orphan_row_of_one_tenant_fails_its_fk_orphans_alone_and_the_tables_without_the_column_are_checked_apart()
            throws Exception {
        migrate(SHARED_UUIDS + "CREATE TABLE notes (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL,"
                + " FOREIGN KEY (customer_id) REFERENCES customers (id));\n");
        try (TargetSession session = TargetSession.open(target, false)) {
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

    @Test
    void history_names_an_edited_file_and_a_version_not_recorded() throws Exception {
        migrate(GOOD);
        files.write("V1__base.sql", GOOD + "-- edited\n");

        CheckResult result = verify(ALL, null, flotilla().migrations(), List.of("1", "2"), null).stream()
                .filter(r -> r.id().equals("history")).findFirst().orElseThrow();

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.problems()).containsExactly("version 1: the recorded checksum differs from V1__base.sql (edited"
                + " after it was applied)", "version 2 was applied but is not recorded as successful");
    }

    @Test
    void history_passes_after_a_rollback_and_the_same_migration_applied_again() throws Exception {
        migrate(GOOD);
        files.write("V2__quarantine.sql", "CREATE TABLE serial_quarantine (id INTEGER PRIMARY KEY, serial_id INTEGER);\n");
        files.write("U2__quarantine.sql", "DROP TABLE serial_quarantine;\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        assertThat(flotilla().rollback(new dev.flotilla.run.RollbackRequest(1, null, null)).ok()).isTrue();
        assertThat(flotilla().migrate().ok()).isTrue();

        CheckResult result = verify(ALL, null, flotilla().migrations(), List.of("2"), null).stream()
                .filter(r -> r.id().equals("history")).findFirst().orElseThrow();

        assertThat(result.status()).as(String.join("; ", result.problems())).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void expected_objects_compares_the_dry_run_diff_with_the_deployed_schema() throws Exception {
        migrate(GOOD);
        files.write("V2__quarantine.sql", "CREATE TABLE serial_quarantine (id INTEGER PRIMARY KEY, serial_id INTEGER);\n"
                + "CREATE INDEX idx_serials_no ON serials (serial_no);\n");
        SchemaDiff predicted = flotilla().dryRun().diff();
        assertThat(flotilla().migrate().ok()).isTrue();

        CheckResult good = verify(ALL, null, null, List.of(), predicted).stream()
                .filter(r -> r.id().equals("expected-objects")).findFirst().orElseThrow();
        sql("DROP INDEX " + dropIndex("idx_serials_no", "serials"));
        CheckResult broken = verify(ALL, null, null, List.of(), predicted).stream()
                .filter(r -> r.id().equals("expected-objects")).findFirst().orElseThrow();

        assertThat(good.status()).as(good.message()).isEqualTo(CheckStatus.PASSED);
        assertThat(broken.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(broken.problems()).containsExactly("index idx_serials_no on serials is missing");
    }

    @Test
    void expected_objects_expects_a_key_dropped_and_created_again_under_the_same_name_to_exist() throws Exception {
        migrate(GOOD);
        files.write("V2__serial_no.sql", "CREATE UNIQUE INDEX uq_serial_no ON serials (serial_no);\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        files.write("V3__serial_no_per_company.sql", "DROP INDEX " + dropIndex("uq_serial_no", "serials") + ";\n"
                + "CREATE UNIQUE INDEX uq_serial_no ON serials (serial_no, id);\n");
        SchemaDiff predicted = flotilla().dryRun().diff();
        assertThat(predicted.names(SchemaDiff.Kind.INDEX, SchemaDiff.Action.REMOVED)).as(predicted.changes().toString())
                .contains("uq_serial_no");
        assertThat(flotilla().migrate().ok()).isTrue();

        CheckResult result = verify(ALL, null, null, List.of(), predicted).stream()
                .filter(r -> r.id().equals("expected-objects")).findFirst().orElseThrow();

        assertThat(result.status()).as(result + " " + predicted.changes()).isEqualTo(CheckStatus.PASSED);
    }

    /** What follows DROP INDEX for an index of a table. */
    String dropIndex(String index, String table) {
        return index;
    }

    @Test
    void index_usage_names_a_query_no_index_serves() throws Exception {
        migrate(GOOD);
        VerifyOptions options = new VerifyOptions(Set.of(), List.of(), null, null,
                VerifyOptions.IndexQuery.always("SELECT * FROM serials WHERE company_id = 1",
                        "SELECT * FROM companies WHERE code = 'a'"), null, null);

        CheckResult result = check("index-usage", options);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.problems()).singleElement().satisfies(p ->
                assertThat(p).contains("code = 'a'", "scans", "companies", "without an index"));
    }

    /** Seed 001's fleet: a query about a table of a later migration, checked where that migration is applied only. */
    @Test
    void index_usage_skips_a_query_before_the_migration_creating_its_table_and_runs_it_after() throws Exception {
        migrate(GOOD);
        VerifyOptions later = new VerifyOptions(Set.of(), List.of(), null, null, List.of(
                new VerifyOptions.IndexQuery("SELECT * FROM notes WHERE body = 'x'", new Since("2"))), null, null);
        VerifyOptions mixed = new VerifyOptions(Set.of(), List.of(), null, null, List.of(
                new VerifyOptions.IndexQuery("SELECT * FROM serials WHERE company_id = 1", null),
                new VerifyOptions.IndexQuery("SELECT * FROM notes WHERE body = 'x'", new Since("2"))), null, null);

        CheckResult skipped = check("index-usage", later);
        CheckResult passed = check("index-usage", mixed);
        files.write("V2__notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, body VARCHAR(20));\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        CheckResult applied = check("index-usage", mixed);

        assertThat(skipped.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(skipped.message()).isEqualTo("not applicable yet: applies since migration 2, the target is at version 1");
        assertThat(passed.status()).as(passed.message()).isEqualTo(CheckStatus.PASSED);
        assertThat(passed.message()).contains("1 quer(ies) use an index", "1 not applicable yet");
        assertThat(applied.status()).as("run once version 2 is applied").isEqualTo(CheckStatus.FAILED);
        assertThat(applied.problems()).singleElement().satisfies(p -> assertThat(p).contains("body = 'x'", "scans", "notes"));
    }

    @Test
    void index_usage_names_a_query_whose_table_does_not_exist_and_how_to_apply_it_later() throws Exception {
        migrate(GOOD);
        VerifyOptions options = new VerifyOptions(Set.of(), List.of(), null, null, VerifyOptions.IndexQuery.always(
                "SELECT * FROM notification_configurations WHERE company_id = 1", "SELECT * FROM companies WHERE code = 'a'"),
                null, null);

        CheckResult result = check("index-usage", options);

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.problems()).as("each query alone").hasSize(2);
        assertThat(result.problems().get(0)).contains("notification_configurations", "could not be explained",
                "since: VERSION");
        assertThat(result.problems().get(1)).contains("companies", "without an index");
    }

    @Test
    void custom_checks_with_since_are_skipped_until_the_target_reaches_that_migration() throws Exception {
        migrate(GOOD);
        Path checks = temp.resolve("checks");
        new MigrationFolder(checks).write("notes.sql", """
                -- since: 2
                -- check: no-note-without-company
                -- expect: empty
                SELECT id FROM notes WHERE company_id IS NULL;
                """);
        new MigrationFolder(checks).write("notes.scenario.sql", """
                -- scenario: a note needs a company
                -- since: 2
                -- expect: error not-null
                INSERT INTO notes (id, company_id, body) VALUES (1, NULL, 'x');
                -- scenario: a serial needs a company
                -- expect: error not-null
                INSERT INTO serials (id, company_id, serial_no) VALUES (9, NULL, 'x');
                """);
        VerifyOptions options = new VerifyOptions(Set.of("fk-orphans", "tenant-column", "row-counts", "history",
                "expected-objects", "index-usage", "rls-enabled", "rls-isolation", "fk-rules"), List.of(), null, null, List.of(),
                checks, null);

        List<CheckResult> before = verify(options, null, null, List.of(), null);
        files.write("V2__notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, body VARCHAR(20));\n");
        assertThat(flotilla().migrate().ok()).isTrue();
        List<CheckResult> after = verify(options, null, null, List.of(), null);

        assertThat(before).extracting(CheckResult::id, CheckResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a note needs a company", CheckStatus.SKIPPED),
                org.assertj.core.groups.Tuple.tuple("a serial needs a company", CheckStatus.PASSED),
                org.assertj.core.groups.Tuple.tuple("no-note-without-company", CheckStatus.SKIPPED));
        assertThat(before.get(0).message()).isEqualTo("not applicable yet: applies since migration 2, the target is at version 1");
        assertThat(after).as(after.toString()).extracting(CheckResult::status).containsOnly(CheckStatus.PASSED);
    }

    @Test
    void seed_001s_cascade_rules_checked_on_the_listed_tables_only_and_each_must_have_the_key() throws Exception {
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

    VerifyOptions withFkRule(VerifyOptions.FkRule rule) {
        return new VerifyOptions(Set.of(), List.of(rule), null, null, List.of(), null, null);
    }

    /** Database-per-tenant (seed 001): foreign keys reference the tenant root alone, without the tenant column. */
    @Test
    void tenant_column_leaves_foreign_keys_alone_when_told_and_still_checks_the_rest() throws Exception {
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

    @Test
    void seed_001s_constraint_scenarios_pass_on_the_examples_and_change_nothing() throws Exception {
        files = new MigrationFolder(EXAMPLES.resolve("tenant_migrations"));
        assertThat(flotilla().migrate().ok()).isTrue();
        RowCounts before = counts();
        VerifyOptions options = new VerifyOptions(Set.of(), List.of(), null, null, List.of(), EXAMPLES.resolve("checks"), null);

        List<CheckResult> results = verify(options, before, null, List.of(), null);

        assertThat(results).extracting(CheckResult::id).contains("deleting a company deletes its serials (ON DELETE CASCADE)",
                "a serial needs a company (NOT NULL)", "a serial's company must exist (foreign key)",
                "settings-name-the-tenant", "no-serial-without-company");
        assertThat(results).as(results.toString()).allSatisfy(r -> assertThat(r.ok()).isTrue());
        assertThat(counts()).as("scenarios are rolled back").isEqualTo(before);
    }

    @Test
    void a_scenario_names_the_step_that_missed_its_expectation() throws Exception {
        files = new MigrationFolder(EXAMPLES.resolve("tenant_migrations"));
        assertThat(flotilla().migrate().ok()).isTrue();
        Path checks = temp.resolve("checks");
        new MigrationFolder(checks).write("orphans.scenario.sql", """
                -- scenario: deleting users of an unknown company
                INSERT INTO companies (id, code, name) VALUES (990001, 'c', 'c');
                INSERT INTO users (id, company_id, email) VALUES (990001, 990001, 'a@b.c');
                -- expect: error foreign-key
                INSERT INTO users (id, company_id, email) VALUES (990002, 123456789, 'x@y.z');
                -- expect: value 1
                SELECT COUNT(*) FROM users WHERE company_id = 990001;
                -- expect: rows 5
                SELECT id FROM users WHERE company_id = 990001;
                """);
        VerifyOptions options = new VerifyOptions(Set.of(), List.of(), null, null, List.of(), checks, null);

        CheckResult result = verify(options, null, null, List.of(), null).stream()
                .filter(r -> r.id().startsWith("deleting")).findFirst().orElseThrow();

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.problems()).containsExactly("orphans.scenario.sql:9: expected 5 row(s), got 1");
    }
}
