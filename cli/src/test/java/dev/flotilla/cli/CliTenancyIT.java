package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.testing.OwnPostgresDatabase;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flotilla tenancy adopt} end to end: files written for review, applied by migrate, bad input refused. On
 * PostgreSQL in a database of its own: the adoption builds its index CONCURRENTLY, which waits for every older
 * transaction of its database, other tests' too.
 */
class CliTenancyIT {
    private static final String SECRET = "S3cret-" + UUID.randomUUID();
    @RegisterExtension
    static final OwnPostgresDatabase DATABASE = new OwnPostgresDatabase();

    @TempDir
    Path temp;

    private String sqlite() throws Exception {
        String url = "jdbc:sqlite:" + temp.resolve("shop.db");
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE stores (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE)");
            statement.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, store_id INTEGER REFERENCES stores (id))");
            statement.execute("CREATE TABLE settings (name TEXT PRIMARY KEY, setting TEXT)");
            statement.execute("INSERT INTO stores (id, code) VALUES (1, 'main')");
            statement.execute("INSERT INTO customers (id, store_id) VALUES (1, 1)");
        }
        return url;
    }

    @Test
    void adopt_writes_the_migration_and_its_down_file_which_migrate_then_applies() throws Exception {
        String url = sqlite();
        Path migrations = temp.resolve("migrations");

        CliRun adopt = CliRun.of("tenancy", "adopt", "--url", url, "--migrations", migrations.toString(), "--default",
                "caps-automotive", "--exclude", "settings", "--widen-keys");
        CliRun migrate = CliRun.of("migrate", "--url", url, "--migrations", migrations.toString());

        assertThat(adopt.exitCode()).as(adopt.err()).isZero();
        assertThat(adopt.out()).contains("Adopting the tenant column: 2 table(s)", "note: settings: excluded",
                "Wrote " + migrations.resolve("V1__adopt_tenant_id.sql"), "U1__adopt_tenant_id.sql", "Review them, then test"
                        + " them with `flotilla dry-run` and apply them with `flotilla migrate`, each with the same --url");
        assertThat(Files.readString(migrations.resolve("V1__adopt_tenant_id.sql")))
                .contains("FOREIGN KEY (tenant_id, store_id) REFERENCES stores (tenant_id, id)");
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT tenant_id FROM customers")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("caps-automotive");
        }
        CliRun again = CliRun.of("tenancy", "adopt", "--url", url, "--migrations", migrations.toString(), "--default",
                "caps-automotive", "--exclude", "settings", "--widen-keys");
        assertThat(again.exitCode()).as("adopted already: nothing to do, as tenancy rls says it, so CI can run it every time: "
                + again.err()).isZero();
        assertThat(again.out()).contains("Nothing to do on", "every table not excluded has tenant_id already",
                "No migration written");
        assertThat(migrations.resolve("V2__adopt_tenant_id.sql")).doesNotExist();
    }

    @Test
    void print_as_json_shows_both_scripts_and_writes_nothing() throws Exception {
        String url = sqlite();
        Path migrations = temp.resolve("migrations");

        JsonNode json = CliRun.of("tenancy", "adopt", "--json", "--print", "--url", url, "--migrations", migrations.toString(),
                "--default", "acme").json();

        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.at("/data/tables").size()).isEqualTo(3);
        assertThat(json.at("/data/up").asText()).contains("ALTER TABLE stores ADD COLUMN tenant_id TEXT NOT NULL DEFAULT 'acme'");
        assertThat(json.at("/data/down").asText()).contains("ALTER TABLE stores DROP COLUMN tenant_id");
        assertThat(migrations).doesNotExist();
    }

    @Test
    void an_excluded_name_that_matches_no_table_is_warned_of_with_the_table_it_is_near() throws Exception {
        String url = sqlite();

        CliRun adopt = CliRun.of("tenancy", "adopt", "--print", "--url", url, "--default", "a", "--exclude",
                "settings,countries,costumers");
        JsonNode json = CliRun.of("tenancy", "adopt", "--print", "--json", "--url", url, "--default", "a", "--exclude",
                "Settings,countries").json();

        assertThat(adopt.exitCode()).as(adopt.err()).isZero();
        assertThat(adopt.err()).contains("warning --exclude countries: " + url + " has no table of that name, so nothing is"
                        + " excluded by it. Check the name", "warning --exclude costumers: " + url + " has no table of that name,"
                        + " so nothing is excluded by it (did you mean customers?)")
                .doesNotContain("--exclude settings");
        assertThat(adopt.out()).contains("-- Warning: --exclude costumers:");
        assertThat(json.at("/data/warnings")).extracting(JsonNode::asText).singleElement().asString()
                .startsWith("--exclude countries:");
    }

    @Test
    void bad_input_is_refused_with_exit_code_2_and_says_what_to_write() throws Exception {
        String url = sqlite();

        CliRun noDefault = CliRun.of("tenancy", "adopt", "--url", url);
        CliRun badType = CliRun.of("tenancy", "adopt", "--url", url, "--default", "a", "--type", "text; DROP TABLE stores");
        CliRun badBatch = CliRun.of("tenancy", "adopt", "--url", url, "--default", "a", "--batch-size", "0");
        CliRun nothing = CliRun.of("tenancy", "adopt", "--url", url, "--default", "a", "--exclude", "stores,customers,settings");

        assertThat(noDefault.exitCode()).isEqualTo(2);
        assertThat(noDefault.err()).contains("--default");
        assertThat(badType.exitCode()).isEqualTo(2);
        assertThat(badType.err()).contains("Not a column type", "text, varchar(64), uuid or bigint");
        assertThat(badBatch.exitCode()).isEqualTo(2);
        assertThat(badBatch.err()).contains("1 row or more");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("Nothing to adopt", "every table is excluded");
    }

    @Test
    void on_postgres_the_backfill_shows_its_progress_on_stderr_and_no_password_reaches_output_or_files() throws Exception {
        String schema = "flt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = TestDatabases.withParameter(DATABASE.url(), "user=" + TestDatabases.POSTGRES_USER + "&password=" + SECRET);
        Path migrations = temp.resolve("migrations");
        TestDatabases.execute(DATABASE.server(), "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".orders (id bigint PRIMARY KEY, total int)",
                "INSERT INTO " + schema + ".orders SELECT g, g FROM generate_series(1, 2500) g");
        try {
            CliRun adopt = CliRun.of("tenancy", "adopt", "--url", url, "--schema", schema, "--migrations",
                    migrations.toString(), "--default", "acme", "--batch-size", "1000");
            CliRun migrate = CliRun.of("migrate", "--json", "--url", url, "--schema", schema, "--migrations", migrations.toString());

            assertThat(adopt.exitCode()).as(adopt.err()).isZero();
            assertThat(migrate.exitCode()).as(migrate.err()).isZero();
            assertThat(migrate.json().at("/data/applied/0").asText()).isEqualTo("1");
            assertThat(migrate.err()).contains("backfill " + schema + ".orders.tenant_id: 2500 of 2500 row(s) (100%) in 3"
                    + " batch(es) of 1000, done");
            for (String printed : new String[] {adopt.out(), adopt.err(), migrate.out(), migrate.err()}) {
                assertThat(printed).doesNotContain(SECRET);
            }
            try (Stream<Path> files = Files.list(migrations)) {
                for (Path file : files.toList()) {
                    assertThat(Files.readString(file)).doesNotContain(SECRET);
                }
            }
        } finally {
            TestDatabases.drop(DATABASE.schema(schema));
        }
    }

    @Test
    void verify_of_one_target_after_adopt_runs_the_tenant_column_check_given_by_flag_and_names_the_target_by_its_masked_url()
            throws Exception {
        String schema = "flt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = TestDatabases.withParameter(DATABASE.url(), "user=" + TestDatabases.POSTGRES_USER + "&password=" + SECRET);
        Path migrations = temp.resolve("migrations");
        TestDatabases.execute(DATABASE.server(), "CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".orders (id bigint PRIMARY KEY, total int)",
                "CREATE TABLE " + schema + ".countries (code text PRIMARY KEY)",
                "INSERT INTO " + schema + ".orders VALUES (1, 1)");
        try {
            CliRun.of("tenancy", "adopt", "--url", url, "--schema", schema, "--migrations", migrations.toString(), "--default",
                    "acme", "--exclude", "countries");
            CliRun migrate = CliRun.of("migrate", "--url", url, "--schema", schema, "--migrations", migrations.toString());
            String[] target = {"--url", url, "--schema", schema, "--migrations", migrations.toString()};
            CliRun verify = CliRun.of(concat(new String[] {"verify", "--tenant-column", "tenant_id", "--exclude", "countries"},
                    target));
            JsonNode json = CliRun.of(concat(new String[] {"verify", "--json", "--tenant-column", "tenant_id", "--exclude",
                    "countries"}, target)).json();
            CliRun missingColumn = CliRun.of(concat(new String[] {"verify", "--exclude", "countries"}, target));

            assertThat(migrate.exitCode()).as(migrate.err()).isZero();
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
            assertThat(verify.out()).contains("ok " + dev.flotilla.sql.JdbcUrls.redact(url) + " (schema " + schema + "):",
                    "tenant-column", "carry tenant_id as required").doesNotContain("jdbc_postgresql", "no tenant column configured");
            JsonNode check = json.at("/data/tenants/0/checks").findParents("id").stream()
                    .filter(c -> c.get("id").asText().equals("tenant-column")).findFirst().orElseThrow();
            assertThat(check.get("status").asText()).isEqualTo("passed");
            assertThat(json.at("/data/tenants/0/id").isNull()).isTrue();
            assertThat(json.at("/data/tenants/0/target").asText()).contains("(schema " + schema + ")").doesNotContain(SECRET);
            assertThat(missingColumn.exitCode()).isEqualTo(2);
            assertThat(missingColumn.err()).contains("--tenant-column NAME");
            assertThat(verify.out() + verify.err() + json).doesNotContain(SECRET);
        } finally {
            TestDatabases.drop(DATABASE.schema(schema));
        }
    }

    private static String[] concat(String[] first, String[] second) {
        return Stream.concat(Stream.of(first), Stream.of(second)).toArray(String[]::new);
    }
}
