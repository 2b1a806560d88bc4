package dev.flotilla.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlParseException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinterTest {
    private static List<LintFinding> lint(String dialect, String sql) {
        return lint(dialect, sql, LintOptions.DEFAULTS, TableFacts.UNKNOWN);
    }

    private static List<LintFinding> lint(String dialect, String sql, LintOptions options, TableFacts facts) {
        Dialect splitter = Dialect.forUrl("jdbc:" + dialect + ":");
        return Linter.lint(List.of(new LintScript("V9__change.sql", splitter.split(sql))), new LintContext(splitter, options, facts, true));
    }

    private static List<String> rules(List<LintFinding> findings) {
        return findings.stream().map(LintFinding::rule).toList();
    }

    /** Facts of a target whose tables have the given row counts and no indexes. */
    private static TableFacts rows(Map<String, Long> counts) {
        return new TableFacts() {
            @Override
            public boolean exists(String table) {
                return counts.containsKey(table);
            }

            @Override
            public OptionalLong rowsUpTo(String table, long limit) {
                Long count = counts.get(table);
                return count == null ? OptionalLong.empty() : OptionalLong.of(Math.min(count, limit));
            }

            @Override
            public List<List<String>> indexedColumns(String table) {
                return List.of();
            }
        };
    }

    @Test
    void dropping_a_table_or_a_column_warns_with_the_name_and_what_to_do() {
        List<LintFinding> findings = lint("postgresql", """
                DROP TABLE IF EXISTS legacy_serials;
                ALTER TABLE serials DROP COLUMN note, DROP CONSTRAINT serials_note_check;
                ALTER TABLE serials ALTER COLUMN status DROP DEFAULT;
                """);

        assertThat(rules(findings)).containsExactly("drop-table", "drop-column");
        assertThat(findings.get(0).message()).contains("line 1", "legacy_serials", "backup");
        assertThat(findings.get(1)).satisfies(f -> {
            assertThat(f.message()).contains("serials.note", "later release");
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.severity()).isEqualTo(LintSeverity.WARNING);
        });
    }

    @Test
    void a_table_rebuilt_as_sqlite_documents_it_is_no_dropped_table_and_its_keys_follow_the_rename() {
        List<LintFinding> rebuilt = lint("sqlite", """
                CREATE TABLE new_orders (id INTEGER PRIMARY KEY, store_id INTEGER REFERENCES stores (id), note TEXT);
                INSERT INTO new_orders (id, store_id, note) SELECT id, store_id, note FROM orders;
                DROP TABLE orders;
                ALTER TABLE new_orders RENAME TO orders;
                CREATE INDEX orders_store_idx ON orders (store_id);
                """);
        List<LintFinding> notCopied = lint("sqlite", """
                CREATE TABLE new_orders (id INTEGER PRIMARY KEY, note TEXT);
                DROP TABLE orders;
                ALTER TABLE new_orders RENAME TO orders;
                """);
        List<LintFinding> copiedElsewhere = lint("sqlite", """
                CREATE TABLE new_orders (id INTEGER PRIMARY KEY, note TEXT);
                INSERT INTO new_orders (id, note) SELECT id, note FROM orders_archive;
                DROP TABLE orders;
                ALTER TABLE new_orders RENAME TO orders;
                DROP TABLE legacy;
                """);

        assertThat(rebuilt).as("its rows were copied into the table that takes its name").isEmpty();
        assertThat(rules(notCopied)).containsExactly("drop-table");
        assertThat(copiedElsewhere).extracting(LintFinding::rule, LintFinding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("drop-table", 3), org.assertj.core.groups.Tuple.tuple("drop-table", 5));
        assertThat(rules(lint("sqlite", """
                CREATE TABLE new_orders (id INTEGER PRIMARY KEY, store_id INTEGER REFERENCES stores (id));
                ALTER TABLE new_orders RENAME TO orders;
                CREATE INDEX orders_note_idx ON orders (id);
                """))).as("the key renamed along, still without its index").containsExactly("fk-without-index");
    }

    @Test
    void lint_and_the_rollback_dry_run_read_the_same_rebuilds_on_every_fixture() {
        Map<String, List<Integer>> lostRowsAt = new java.util.LinkedHashMap<>();
        lostRowsAt.put("sqlite|CREATE TABLE new_orders (id INTEGER PRIMARY KEY);\n"
                + "INSERT INTO new_orders (id) SELECT id FROM orders;\nDROP TABLE orders;\nALTER TABLE new_orders RENAME TO orders;", List.of());
        lostRowsAt.put("sqlite|CREATE TABLE new_orders (id INTEGER PRIMARY KEY);\nDROP TABLE orders;\n"
                + "ALTER TABLE new_orders RENAME TO orders;", List.of(2));
        lostRowsAt.put("sqlite|CREATE TABLE new_orders (id INTEGER PRIMARY KEY);\nINSERT INTO new_orders (id) SELECT id FROM archive;\n"
                + "DROP TABLE orders;\nALTER TABLE new_orders RENAME TO orders;\nDROP TABLE legacy;", List.of(3, 5));
        lostRowsAt.put("sqlite|CREATE TABLE old_labels (id INTEGER PRIMARY KEY);\nINSERT INTO old_labels (id) SELECT id FROM labels;\n"
                + "DROP TABLE labels;\nALTER TABLE old_labels RENAME TO labels;\nDROP TABLE label_log;", List.of(5));
        lostRowsAt.put("sqlite|CREATE TABLE \"flotilla_old_Stores\" (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT);\n"
                + "INSERT INTO \"flotilla_old_Stores\" (\"id\") SELECT \"id\" FROM \"Stores\";\n"
                + "DELETE FROM sqlite_sequence WHERE name = 'flotilla_old_Stores';\n"
                + "INSERT INTO sqlite_sequence (name, seq) SELECT 'flotilla_old_Stores', seq FROM sqlite_sequence WHERE name = 'Stores';\n"
                + "DROP TABLE \"Stores\";\nALTER TABLE \"flotilla_old_Stores\" RENAME TO \"Stores\";", List.of());
        lostRowsAt.put("sqlite|CREATE TABLE new_orders (id INTEGER PRIMARY KEY);\nINSERT INTO new_orders (id) SELECT id FROM orders;\n"
                + "DROP TABLE orders;\nALTER TABLE new_orders RENAME TO orders;\nDROP TABLE orders;", List.of(5));
        lostRowsAt.put("postgresql|CREATE TABLE b (id INT PRIMARY KEY);\nINSERT INTO b SELECT * FROM a;\nDROP TABLE a CASCADE;\n"
                + "ALTER TABLE IF EXISTS ONLY b RENAME TO a;", List.of());
        lostRowsAt.put("mariadb|CREATE TABLE b (id INT PRIMARY KEY);\nINSERT INTO b (id) SELECT id FROM a;\nDROP TABLE a;\n"
                + "ALTER TABLE b ADD COLUMN note TEXT, RENAME TO a;", List.of());

        lostRowsAt.forEach((fixture, expected) -> {
            String dialect = fixture.substring(0, fixture.indexOf('|'));
            String sql = fixture.substring(fixture.indexOf('|') + 1);
            Dialect splitter = Dialect.forUrl("jdbc:" + dialect + ":");
            dev.flotilla.sql.SqlText text = splitter.text();
            List<dev.flotilla.sql.SqlStatement> statements = splitter.split(sql);
            List<String> normalized = statements.stream().map(s -> text.normalize(s.sql())).toList();
            List<dev.flotilla.sql.SqlText.Rebuild> rebuilds = text.rebuilds(normalized);
            List<Integer> bySqlText = new java.util.ArrayList<>();
            for (int i = 0; i < normalized.size(); i++) {
                for (String raw : text.droppedTables(normalized.get(i))) {
                    if (!rebuilds.contains(new dev.flotilla.sql.SqlText.Rebuild(text.name(raw), i))) {
                        bySqlText.add(statements.get(i).line());
                    }
                }
            }
            List<Integer> byLint = lint(dialect, sql).stream().filter(f -> f.rule().equals("drop-table")).map(LintFinding::line).toList();

            assertThat(byLint).as("lint on %s", fixture).isEqualTo(expected);
            assertThat(bySqlText).as("SqlText on %s", fixture).isEqualTo(expected);
        });
    }

    @Test
    void not_null_without_default_warns_only_when_the_table_may_have_rows() {
        String sql = "ALTER TABLE serials ADD COLUMN batch_id INTEGER NOT NULL;\n";

        assertThat(rules(lint("postgresql", sql))).containsExactly("not-null-without-default");
        assertThat(lint("postgresql", sql, LintOptions.DEFAULTS, rows(Map.of("serials", 0L)))).isEmpty();
        assertThat(lint("postgresql", sql, LintOptions.DEFAULTS, rows(Map.of("serials", 3L))))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("serials has rows"));
        assertThat(lint("postgresql", "ALTER TABLE serials ADD COLUMN batch_id INTEGER NOT NULL DEFAULT 0;")).isEmpty();
        assertThat(lint("postgresql", "CREATE TABLE fresh (id INT PRIMARY KEY);\nALTER TABLE fresh ADD COLUMN x INT NOT NULL;"))
                .as("a table created by the same run is empty").isEmpty();
    }

    @Test
    void not_null_without_default_on_mariadb_says_the_rows_get_the_implicit_default_since_it_does_not_fail() {
        // MariaDB and MySQL add such a column to a table with rows, strict mode or not: each row gets '' or 0.
        String sql = "ALTER TABLE products ADD COLUMN serial_prefix VARCHAR(8) NOT NULL;\n";

        assertThat(lint("mariadb", sql, LintOptions.DEFAULTS, rows(Map.of("products", 2L)))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("products has rows", "implicit default", "''", "strict mode")
                        .doesNotContain("this fails"));
        assertThat(lint("postgresql", sql, LintOptions.DEFAULTS, rows(Map.of("products", 2L)))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("this fails").doesNotContain("MariaDB"));
    }

    @Test
    void on_postgresql_type_changes_and_volatile_defaults_rewrite_the_table() {
        assertThat(rules(lint("postgresql", "ALTER TABLE serials ALTER COLUMN serial_no TYPE VARCHAR(128);")))
                .containsExactly("table-rewrite");
        assertThat(rules(lint("postgresql", "ALTER TABLE serials ADD COLUMN token UUID DEFAULT gen_random_uuid();")))
                .containsExactly("table-rewrite");
        assertThat(lint("postgresql", "ALTER TABLE serials ADD COLUMN created_at TIMESTAMP DEFAULT now();")).isEmpty();
        assertThat(lint("mariadb", "ALTER TABLE serials MODIFY serial_no VARCHAR(128);")).isEmpty();
    }

    @Test
    void create_index_without_concurrently_warns_on_large_or_unknown_tables_only() {
        String sql = "CREATE INDEX idx_serials_status ON serials (status);";
        LintOptions small = new LintOptions(Set.of(), null, 1000, null);

        assertThat(rules(lint("postgresql", sql))).containsExactly("index-without-concurrently");
        assertThat(lint("postgresql", sql, small, rows(Map.of("serials", 10L)))).isEmpty();
        assertThat(lint("postgresql", sql, small, rows(Map.of("serials", 5000L)))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("at least 1000 rows", "CONCURRENTLY"));
        assertThat(lint("postgresql", "CREATE INDEX CONCURRENTLY idx_serials_status ON serials (status);")).isEmpty();
        assertThat(lint("mariadb", sql)).isEmpty();
    }

    @Test
    void a_foreign_key_needs_an_index_that_starts_with_its_columns_except_on_mariadb() {
        String withoutIndex = """
                CREATE TABLE serials (id INT PRIMARY KEY, company_id INT NOT NULL REFERENCES companies (id));
                CREATE TABLE tokens (id INT PRIMARY KEY, serial_id INT,
                    CONSTRAINT fk_tokens_serial FOREIGN KEY (serial_id) REFERENCES serials (id));
                CREATE INDEX idx_tokens_serial ON tokens (serial_id, id);
                """;

        List<LintFinding> findings = lint("postgresql", withoutIndex);

        assertThat(rules(findings)).containsExactly("fk-without-index");
        assertThat(findings.get(0).message()).contains("serials [company_id]", "CREATE INDEX ON serials (company_id)");
        assertThat(rules(lint("mariadb", withoutIndex))).as("InnoDB indexes foreign keys itself").doesNotContain("fk-without-index");
        assertThat(rules(lint("postgresql", "ALTER TABLE users ADD CONSTRAINT fk_users_company FOREIGN KEY (company_id)"
                + " REFERENCES companies (id);"))).containsExactly("fk-without-index");
    }

    @Test
    void several_ddl_statements_in_one_mariadb_migration_get_a_note() {
        List<LintFinding> findings = lint("mariadb", """
                CREATE TABLE a (id INT PRIMARY KEY);
                CREATE TABLE b (id INT PRIMARY KEY);
                """);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("non-transactional-ddl");
            assertThat(f.severity()).isEqualTo(LintSeverity.INFO);
            assertThat(f.line()).isZero();
            assertThat(f.message()).contains("2 DDL statements", "commits each one");
        });
        assertThat(lint("postgresql", "CREATE TABLE a (id INT PRIMARY KEY);\nCREATE TABLE b (id INT PRIMARY KEY);")).isEmpty();
    }

    @Test
    void several_ddl_statements_in_a_mariadb_down_file_are_told_as_a_half_run_rollback() {
        Dialect mariadb = Dialect.forUrl("jdbc:mariadb:");
        for (String down : List.of("U9__change.sql", "V9__change.down.sql", "009_change.down.sql")) {
            List<LintFinding> findings = Linter.lint(List.of(new LintScript(down, mariadb.split("DROP TABLE b;\nDROP TABLE a;"))),
                    new LintContext(mariadb, LintOptions.DEFAULTS, TableFacts.UNKNOWN, true));

            assertThat(findings).filteredOn(f -> f.rule().equals("non-transactional-ddl")).singleElement()
                    .satisfies(f -> assertThat(f.message()).as(down).contains("the rollback is marked failed at k",
                            "flotilla repair --mark-undone").doesNotContain("write the down file"));
        }
    }

    @Test
    void a_lint_disable_line_among_the_files_first_comments_switches_its_rules_off_for_that_file_only() {
        Dialect mariadb = Dialect.forUrl("jdbc:mariadb:");
        String marked = """
                -- Adds two tables.
                -- flotilla:lint-disable non-transactional-ddl,drop-table  each statement can run again

                CREATE TABLE a (id INT PRIMARY KEY);
                DROP TABLE b;
                """;
        String plain = "CREATE TABLE c (id INT PRIMARY KEY);\nCREATE TABLE d (id INT PRIMARY KEY);\n";

        List<LintFinding> findings = Linter.lint(List.of(
                        new LintScript("V1__marked.sql", mariadb.split(marked), LintDirective.disabledRules(marked)),
                        new LintScript("V2__plain.sql", mariadb.split(plain), LintDirective.disabledRules(plain))),
                LintContext.of(mariadb, LintOptions.DEFAULTS));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("non-transactional-ddl");
            assertThat(f.script()).isEqualTo("V2__plain.sql");
        });
    }

    @Test
    void a_lint_disable_line_naming_an_unknown_rule_or_after_the_first_statement_is_refused_with_its_line() {
        assertThatThrownBy(() -> LintDirective.disabledRules("-- flotilla:lint-disable non-transactional\nSELECT 1;"))
                .isInstanceOf(SqlParseException.class)
                .hasFieldOrPropertyWithValue("line", 1).hasMessageContaining("unknown lint rule non-transactional.")
                .hasMessageContaining("non-transactional-ddl");
        assertThatThrownBy(() -> LintDirective.disabledRules("-- flotilla:lint-disable\nSELECT 1;"))
                .isInstanceOf(SqlParseException.class).hasMessageContaining("names no rule");
        assertThatThrownBy(() -> LintDirective.disabledRules("SELECT 1;\n-- flotilla:lint-disable drop-table\nDROP TABLE a;"))
                .isInstanceOf(SqlParseException.class).hasFieldOrPropertyWithValue("line", 2)
                .hasMessageContaining("top of the file");
        assertThat(LintDirective.disabledRules("/* header */\nSELECT 1;")).isEmpty();
    }

    @Test
    void in_a_shared_schema_a_new_table_needs_the_tenant_column() {
        LintOptions shared = new LintOptions(Set.of(), "tenant_id", LintOptions.DEFAULT_LARGE_TABLE_ROWS, null);

        assertThat(lint("postgresql", "CREATE TABLE notes (id INT PRIMARY KEY, body TEXT);", shared, TableFacts.UNKNOWN))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("notes", "tenant_id"));
        assertThat(lint("postgresql", "CREATE TABLE notes (id INT PRIMARY KEY, \"tenant_id\" INT NOT NULL);", shared,
                TableFacts.UNKNOWN)).isEmpty();
    }

    @Test
    void a_table_a_later_migration_of_the_folder_gives_the_tenant_column_is_no_finding_of_the_migration_that_created_it() {
        LintOptions shared = new LintOptions(Set.of(), "tenant_id", LintOptions.DEFAULT_LARGE_TABLE_ROWS, null);
        Dialect sqlite = Dialect.forUrl("jdbc:sqlite:");
        LintScript initial = new LintScript("001_initial_schema.sql", sqlite.split("""
                CREATE TABLE stores (id INTEGER PRIMARY KEY, code TEXT UNIQUE);
                CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
                CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT);
                CREATE TABLE gift_cards (id INTEGER PRIMARY KEY, code TEXT);
                """));
        LintScript adoption = new LintScript("003_adopt_tenant_id.sql", sqlite.split("""
                ALTER TABLE customers ADD COLUMN tenant_id TEXT NOT NULL DEFAULT 'caps-automotive';
                CREATE TABLE flotilla_new_stores (id INTEGER PRIMARY KEY, code TEXT, tenant_id TEXT NOT NULL DEFAULT 'caps',
                    UNIQUE (tenant_id, code));
                INSERT INTO flotilla_new_stores (id, code, tenant_id) SELECT id, code, 'caps' FROM stores;
                DROP TABLE stores;
                ALTER TABLE flotilla_new_stores RENAME TO stores;
                ALTER TABLE products ADD COLUMN note TEXT;
                """));

        List<LintFinding> findings = Linter.lint(List.of(initial, adoption), LintContext.of(sqlite, shared));

        assertThat(findings).as("customers got the column, stores was rebuilt with it; products and gift_cards still lack it")
                .allSatisfy(f -> assertThat(f.rule()).isEqualTo("missing-tenant-column"))
                .extracting(LintFinding::line).containsExactly(3, 4);
        assertThat(findings.get(0).message()).contains("products");
        assertThat(findings.get(1).message()).contains("gift_cards");
    }

    @Test
    void a_foreign_key_a_later_migration_drops_by_its_name_needs_no_index() {
        Dialect postgres = Dialect.forUrl("jdbc:postgresql:");
        LintScript initial = new LintScript("001_initial_schema.sql", postgres.split("""
                CREATE TABLE stations (id serial PRIMARY KEY, store_id int NOT NULL REFERENCES stores(id), name text);
                CREATE TABLE users (id serial PRIMARY KEY, store_id int, CONSTRAINT users_store FOREIGN KEY (store_id) REFERENCES stores (id));
                CREATE TABLE notes (id serial PRIMARY KEY, user_id int REFERENCES users(id));
                """));
        LintScript adoption = new LintScript("003_adopt_tenant_id.sql", postgres.split("""
                ALTER TABLE stations DROP CONSTRAINT IF EXISTS stations_store_id_fkey;
                ALTER TABLE users DROP CONSTRAINT users_store;
                ALTER TABLE notes DROP CONSTRAINT notes_user_id_check;
                CREATE INDEX CONCURRENTLY IF NOT EXISTS stations_tenant_id_store_id_idx ON stations (tenant_id, store_id);
                ALTER TABLE stations ADD CONSTRAINT stations_store_id_fkey FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, id) NOT VALID;
                """));

        List<LintFinding> findings = Linter.lint(List.of(initial, adoption), LintContext.of(postgres, LintOptions.DEFAULTS));

        assertThat(findings).as("the keys on store_id were dropped (PostgreSQL's own name, and one named); notes' is still there")
                .singleElement().satisfies(f -> {
                    assertThat(f.rule()).isEqualTo("fk-without-index");
                    assertThat(f.message()).contains("notes [user_id]");
                });
    }

    @Test
    void a_table_the_tenant_column_check_excludes_as_shared_needs_no_tenant_column_named_quoted_or_not() {
        LintOptions shared = new LintOptions(Set.of(), "tenant_id", LintOptions.DEFAULT_LARGE_TABLE_ROWS, null,
                Set.of("Settings", "`countries`"));

        assertThat(lint("mariadb", "CREATE TABLE settings (name VARCHAR(40) PRIMARY KEY, value TEXT);\n"
                + "CREATE TABLE app.countries (code CHAR(2) PRIMARY KEY);", shared, TableFacts.UNKNOWN))
                .noneMatch(f -> f.rule().equals("missing-tenant-column"));
        assertThat(lint("mariadb", "CREATE TABLE notes (id INT PRIMARY KEY, body TEXT);", shared, TableFacts.UNKNOWN))
                .singleElement().satisfies(f -> assertThat(f.rule()).isEqualTo("missing-tenant-column"));
    }

    @Test
    void a_quoted_table_name_with_a_dot_is_read_whole_for_the_shared_tables() {
        LintOptions shared = new LintOptions(Set.of(), "tenant_id", LintOptions.DEFAULT_LARGE_TABLE_ROWS, null,
                Set.of("my.settings"));

        assertThat(lint("postgresql", "CREATE TABLE app.\"my.settings\" (id INT PRIMARY KEY);", shared, TableFacts.UNKNOWN))
                .isEmpty();
        assertThat(lint("postgresql", "CREATE TABLE app.\"your.settings\" (id INT PRIMARY KEY);", shared, TableFacts.UNKNOWN))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("creates table your.settings without"));
    }

    @Test
    void quoted_column_names_with_spaces_are_told_apart_by_their_whole_name() {
        List<LintFinding> findings = lint("postgresql", """
                CREATE TABLE notes (id INT PRIMARY KEY, "owner id" INT, "owner ref" INT REFERENCES owners (id));
                CREATE INDEX notes_owner ON notes ("owner id");
                """);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("fk-without-index");
            assertThat(f.message()).contains("notes [owner ref]");
        });
    }

    @Test
    void where_rls_is_required_a_new_tenant_table_needs_row_security_and_a_policy_later_in_the_run() {
        LintOptions rls = new LintOptions(Set.of(), null, LintOptions.DEFAULT_LARGE_TABLE_ROWS, "tenant_id");
        String create = "CREATE TABLE notes (id INT PRIMARY KEY, tenant_id TEXT NOT NULL, body TEXT);\n";

        assertThat(lint("postgresql", create, rls, TableFacts.UNKNOWN)).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("missing-rls");
            assertThat(f.severity()).isEqualTo(LintSeverity.WARNING);
            assertThat(f.line()).isEqualTo(1);
            assertThat(f.message()).contains("tenant table notes", "ALTER TABLE notes ENABLE ROW LEVEL SECURITY",
                    "CREATE POLICY ... ON notes", "flotilla tenancy rls` writes that one once this migration is applied");
        });
        assertThat(lint("postgresql", create + "ALTER TABLE notes ENABLE ROW LEVEL SECURITY;", rls, TableFacts.UNKNOWN))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("without CREATE POLICY ... ON notes")
                        .doesNotContain("without ALTER TABLE"));
        assertThat(lint("postgresql", create + "ALTER TABLE notes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;\n"
                + "CREATE POLICY tenant_isolation ON notes USING (tenant_id = current_setting('app.tenant_id', true));",
                rls, TableFacts.UNKNOWN)).isEmpty();
        assertThat(lint("postgresql", "CREATE TABLE shared (id INT PRIMARY KEY, name TEXT);", rls, TableFacts.UNKNOWN))
                .as("no tenant column, not a tenant table").isEmpty();
        assertThat(lint("postgresql", create)).as("RLS not required").isEmpty();
        assertThat(lint("mariadb", create, rls, TableFacts.UNKNOWN)).as("PostgreSQL only").isEmpty();
    }

    @Test
    void row_security_added_by_a_later_file_of_the_folder_covers_the_table_whatever_the_quoting() {
        Dialect postgres = Dialect.forUrl("jdbc:postgresql:");
        LintOptions rls = new LintOptions(Set.of(), "tenant_id", LintOptions.DEFAULT_LARGE_TABLE_ROWS, "tenant_id");
        List<LintScript> folder = List.of(new LintScript("V1__notes.sql", postgres.split(
                        "CREATE TABLE \"app\".\"Notes\" (id INT PRIMARY KEY, \"tenant_id\" TEXT NOT NULL);")),
                new LintScript("V2__rls.sql", postgres.split("ALTER TABLE ONLY app.notes ENABLE ROW LEVEL SECURITY;\n"
                        + "CREATE POLICY \"tenant isolation\" ON \"Notes\" USING (true);")));

        assertThat(Linter.lint(folder, LintContext.of(postgres, rls))).isEmpty();
        assertThat(rules(Linter.lint(folder.subList(0, 1), LintContext.of(postgres, rls)))).containsExactly("missing-rls");
    }

    @Test
    void concurrently_a_postgresql_only_form_is_an_error_on_mariadb() {
        String sql = """
                CREATE INDEX CONCURRENTLY idx_serials_company ON serials (company_id);
                DROP INDEX CONCURRENTLY idx_serials_old;
                """;

        List<LintFinding> findings = lint("mariadb", sql).stream().filter(f -> f.rule().equals("unsupported-syntax")).toList();

        assertThat(findings).hasSize(2);
        assertThat(findings.get(0)).satisfies(f -> {
            assertThat(f.severity()).isEqualTo(LintSeverity.ERROR);
            assertThat(f.severity().warns()).isTrue();
            assertThat(f.line()).isEqualTo(1);
            assertThat(f.message()).contains("CREATE INDEX CONCURRENTLY", "PostgreSQL-only", "MariaDB/MySQL");
        });
        assertThat(findings.get(1).line()).isEqualTo(2);
        assertThat(rules(lint("postgresql", sql))).as("PostgreSQL runs it").doesNotContain("unsupported-syntax");
        assertThat(lint("mariadb", "CREATE INDEX idx_concurrently ON serials (concurrently);")).as("a name, not the keyword")
                .isEmpty();
    }

    @Test
    void a_disabled_rule_stays_quiet() {
        LintOptions options = new LintOptions(Set.of("drop-table"), null, LintOptions.DEFAULT_LARGE_TABLE_ROWS, null);

        assertThat(lint("postgresql", "DROP TABLE legacy;", options, TableFacts.UNKNOWN)).isEmpty();
    }

    @Test
    void comments_and_quoted_names_do_not_confuse_the_rules() {
        List<LintFinding> findings = lint("postgresql", """
                -- DROP TABLE in a comment is not a statement
                ALTER TABLE "app"."Serials" /* drop it */ DROP COLUMN "Note";
                """);

        assertThat(findings).singleElement().satisfies(f -> assertThat(f.message()).contains("serials.note"));
    }

    @Test
    void quotes_bodies_escapes_and_comments_are_read_as_the_dialect_s_splitter_reads_them() {
        assertThat(rules(lint("postgresql", "ALTER TABLE serials ADD COLUMN note TEXT DEFAULT $$it's$$, DROP COLUMN legacy;")))
                .as("' in a dollar body").containsExactly("drop-column");
        assertThat(rules(lint("postgresql", "ALTER TABLE serials ADD COLUMN note TEXT DEFAULT E'it\\'s', DROP COLUMN legacy;")))
                .as("escaped quote in E''").containsExactly("drop-column");
        assertThat(rules(lint("mariadb", "ALTER TABLE serials ADD COLUMN note TEXT DEFAULT 'it\\'s', DROP COLUMN legacy;")))
                .as("backslash-escaped quote").containsExactly("drop-column");
        assertThat(rules(lint("postgresql", "ALTER TABLE serials /* was /* nested */ here */ DROP COLUMN legacy;")))
                .as("nested comment").containsExactly("drop-column");
        assertThat(rules(lint("mariadb", "ALTER TABLE serials # don't keep it\n  DROP COLUMN legacy;")))
                .as("# comment").containsExactly("drop-column");
        assertThat(lint("postgresql", "ALTER TABLE serials ADD COLUMN code TEXT NOT NULL CHECK (code <> '--') DEFAULT 'x';"))
                .as("-- in a string").isEmpty();
        assertThat(rules(lint("postgresql", "CREATE TABLE notes (id INT PRIMARY KEY, body TEXT DEFAULT $$it's (a)$$,"
                + " company_id INT REFERENCES companies (id));"))).as("' and ( in a dollar body").containsExactly("fk-without-index");
    }

    @Test
    void linting_a_folder_treats_tables_of_earlier_files_as_existing() {
        Dialect postgres = Dialect.forUrl("jdbc:postgresql:");
        List<LintScript> folder = List.of(new LintScript("V1__notes.sql", postgres.split("CREATE TABLE notes (id INT);")),
                new LintScript("V2__owner.sql", postgres.split("ALTER TABLE notes ADD COLUMN owner INT NOT NULL;")));

        assertThat(rules(Linter.lint(folder, LintContext.of(postgres, LintOptions.DEFAULTS))))
                .containsExactly("not-null-without-default");
        assertThat(Linter.lint(folder, new LintContext(postgres, LintOptions.DEFAULTS, TableFacts.UNKNOWN, true)))
                .as("pending together: notes is new").isEmpty();
    }
}
