package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flotilla tenancy rls} on a PostgreSQL schema with two tenant tables and a shared one: printed as JSON,
 * written as a migration with its down file, the tenant column taken from flotilla.yml; refused on SQLite.
 * Nothing is applied, so no role is created.
 */
class CliTenancyRlsIT {
    @TempDir
    Path temp;
    final String schema = "flc_rls_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeEach
    void setUp() throws SQLException {
        sql("CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".notes (id INT PRIMARY KEY, tenant_id TEXT NOT NULL, company_id UUID NOT NULL)",
                "CREATE TABLE " + schema + ".tags (id INT PRIMARY KEY, tenant_id TEXT NOT NULL)",
                "CREATE TABLE " + schema + ".settings (id INT PRIMARY KEY, tenant_id TEXT, name TEXT)");
    }

    @AfterEach
    void tearDown() throws SQLException {
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** Runs {@code statements} on the test server as its administrator (postgres). */
    static void sql(String... statements) throws SQLException {
        TestDatabases.execute(TestDatabases.postgres(null), statements);
    }

    CliRun rls(String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("tenancy", "rls"));
        all.addAll(java.util.List.of(args));
        all.addAll(java.util.List.of("--url", FleetSetup.POSTGRES, "--user", FleetSetup.USER, "--schema", schema));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void print_as_json_gives_the_tables_the_notes_and_both_scripts() {
        CliRun run = rls("--print", "--json", "--exclude", "settings", "--setting", "acme.tenant", "--bypass-role", "ops");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("command").asText()).isEqualTo("tenancy rls");
        assertThat(json.at("/data/dialect").asText()).isEqualTo("postgresql");
        assertThat(json.at("/data/tables").toString()).isEqualTo("[\"notes\",\"tags\"]");
        assertThat(json.at("/data/notes/0").asText()).isEqualTo("settings: excluded, left without row-level security"
                + " (shared by all tenants; name it in checks.rls.exclude of flotilla.yml too, for the rls-enabled and"
                + " rls-isolation checks to leave it alone)");
        assertThat(json.at("/data/up").asText()).contains("CREATE ROLE ops NOLOGIN", "ALTER TABLE tags FORCE ROW LEVEL SECURITY",
                "CREATE POLICY tenant_isolation ON notes USING (tenant_id = NULLIF(current_setting('acme.tenant', true), ''))",
                "CREATE POLICY tenant_admin_bypass ON tags TO ops USING (true) WITH CHECK (true)");
        assertThat(json.at("/data/down").asText()).contains("DROP POLICY IF EXISTS tenant_isolation ON notes",
                "ALTER TABLE notes DISABLE ROW LEVEL SECURITY").doesNotContain("settings");
    }

    @Test
    void an_excluded_name_that_matches_no_table_or_view_is_warned_of_as_tenancy_adopt_does() throws Exception {
        sql("CREATE VIEW " + schema + ".tag_names AS SELECT id, tenant_id FROM " + schema + ".tags");

        CliRun run = rls("--print", "--exclude", "settings,tag_names,setings,countries");
        JsonNode json = rls("--print", "--json", "--exclude", "Settings,countries").json();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).containsPattern("warning --exclude countries: \\S.* has no table or view of that name, so nothing"
                        + " is excluded by it\\. Check the name before applying the migration\\.")
                .contains("warning --exclude setings: ", "has no table or view of that name, so nothing is excluded by it"
                        + " (did you mean settings?)")
                .doesNotContain("--exclude settings", "--exclude tag_names");
        assertThat(run.out()).contains("-- Warning: --exclude setings:");
        assertThat(json.at("/data/warnings")).extracting(JsonNode::asText).singleElement().asString()
                .startsWith("--exclude countries:");
        assertThat(json.at("/data/tables").toString()).as("the warning changes nothing else").isEqualTo("[\"notes\",\"tags\"]");
    }

    @Test
    void without_print_it_writes_the_migration_and_its_down_file() throws Exception {
        Path folder = temp.resolve("migrations");

        CliRun run = rls("--migrations", folder.toString(), "--version", "7");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Row-level security: 3 table(s) on", "Wrote ", "V7__row_level_security.sql");
        assertThat(Files.readString(folder.resolve("V7__row_level_security.sql"), StandardCharsets.UTF_8))
                .startsWith("-- Written by `flotilla tenancy rls`").contains("ON settings");
        assertThat(Files.readString(folder.resolve("U7__row_level_security.sql"), StandardCharsets.UTF_8))
                .contains("DROP POLICY IF EXISTS tenant_admin_bypass ON settings");
    }

    @Test
    void a_schema_isolated_already_has_nothing_to_do_and_exits_0_writing_nothing() throws Exception {
        for (String table : new String[] {"notes", "tags"}) {
            sql("ALTER TABLE " + schema + "." + table + " ENABLE ROW LEVEL SECURITY",
                    "ALTER TABLE " + schema + "." + table + " FORCE ROW LEVEL SECURITY",
                    "CREATE POLICY tenant_isolation ON " + schema + "." + table + " USING (tenant_id = current_setting('app.tenant_id'))");
        }
        Path folder = temp.resolve("migrations");

        CliRun run = rls("--exclude", "settings", "--migrations", folder.toString());
        CliRun json = rls("--exclude", "settings", "--migrations", folder.toString(), "--json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Nothing to do on ", "every table with tenant_id has row-level security enabled,"
                + " forced and a tenant_isolation policy already", "No migration written.");
        assertThat(json.exitCode()).as(json.out() + json.err()).isZero();
        assertThat(json.json().path("data").path("nothingToDo").asText()).startsWith("every table with tenant_id");
        assertThat(folder).doesNotExist();
    }

    @Test
    void before_the_adoption_is_applied_it_names_the_adoption_file_to_apply() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(folder.resolve("V1__adopt_company_code.sql"), "ALTER TABLE notes ADD COLUMN company_code TEXT;\n");

        CliRun pending = rls("--tenant-column", "company_code", "--migrations", folder.toString());
        CliRun none = rls("--tenant-column", "company_code", "--migrations", temp.resolve("empty").toString());

        assertThat(pending.exitCode()).isEqualTo(2);
        assertThat(pending.err()).contains("has the tenant column company_code yet: apply the adoption migration"
                + " V1__adopt_company_code.sql first").doesNotContain("adopt it first");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("adopt it first: flotilla tenancy adopt");
    }

    @Test
    void the_tenant_column_comes_from_flotilla_yml_and_casts_to_its_type() throws Exception {
        Path config = SharedSchemaConfig.on(FleetSetup.POSTGRES).schema(schema).user(FleetSetup.USER)
                .tenancy("tenantColumn: company_id").writeIn(temp);

        CliRun run = CliRun.of("tenancy", "rls", "--config", config.toString(), "--json");
        CliRun elsewhere = CliRun.of("tenancy", "rls", "--config", config.toString(), "--migrations",
                temp.resolve("review").toString(), "--version", "7");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.json().at("/data/tables").toString()).isEqualTo("[\"notes\"]");
        Path up = temp.resolve("migrations").resolve("V1__row_level_security.sql");
        assertThat(Files.readString(up, StandardCharsets.UTF_8)).contains("(company_id = NULLIF(current_setting('app.tenant_id',"
                + " true), '')::uuid)");
        assertThat(elsewhere.exitCode()).as(elsewhere.out() + elsewhere.err()).isZero();
        assertThat(temp.resolve("review").resolve("V7__row_level_security.sql")).as("--migrations wins over the file's folder")
                .exists();
    }

    @Test
    void the_tables_checks_rls_excludes_are_left_alone_without_asking_to_name_them_there_again() throws Exception {
        Path config = SharedSchemaConfig.on(FleetSetup.POSTGRES).schema(schema).user(FleetSetup.USER)
                .sections("checks:\n  rls: { exclude: [settings] }\n").writeIn(temp);

        CliRun configured = CliRun.of("tenancy", "rls", "--config", config.toString(), "--print");
        CliRun both = CliRun.of("tenancy", "rls", "--config", config.toString(), "--print", "--exclude", "settings");
        CliRun given = rls("--print", "--exclude", "settings");

        assertThat(configured.exitCode()).as(configured.out() + configured.err()).isZero();
        assertThat(configured.out()).contains("Row-level security: 2 table(s)", "note: settings: excluded by checks.rls.exclude"
                + " of flotilla.yml, left without row-level security").doesNotContain("ALTER TABLE settings");
        assertThat(both.out()).contains("Row-level security: 2 table(s)", "note: settings: excluded by checks.rls.exclude")
                .doesNotContain("name it in checks.rls.exclude");
        assertThat(configured.err() + both.err()).doesNotContain("warning");
        assertThat(given.out()).as("an --exclude of its own says where the checks learn it").contains("settings: excluded,"
                + " left without row-level security (shared by all tenants; name it in checks.rls.exclude of flotilla.yml");
    }

    @Test
    void a_setting_without_a_prefix_is_bad_usage() {
        CliRun run = rls("--print", "--setting", "tenant");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Not a setting name: 'tenant'", "prefix.name", "app.tenant_id");
    }

    @Test
    void on_sqlite_it_exits_2_saying_row_level_security_is_postgresqls() {
        CliRun run = CliRun.of("tenancy", "rls", "--url", "jdbc:sqlite:" + temp.resolve("tenant.db"), "--print", "--json");

        assertThat(run.exitCode()).isEqualTo(2);
        JsonNode json = run.json();
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.at("/errors/0/code").asText()).isEqualTo("NOT_SUPPORTED_YET");
        assertThat(json.at("/errors/0/message").asText()).contains("Row-level security is PostgreSQL's", "sqlite");
    }
}
