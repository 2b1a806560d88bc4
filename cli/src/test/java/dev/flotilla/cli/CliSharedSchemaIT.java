package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.testing.OwnPostgresDatabase;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 003 on a shared-schema fleet: {@code tenancy adopt} reads the fleet's shared schema from flotilla.yml and
 * writes into its migrations folder; {@code deploy} applies it once and runs the tenant-column, row-counts and
 * fk-orphans checks; {@code verify} then checks each tenant's rows. In a database of its own: the adoption builds its
 * indexes CONCURRENTLY, which waits for every older transaction of its database, other tests' too.
 */
class CliSharedSchemaIT {
    @RegisterExtension
    static final OwnPostgresDatabase DATABASE = new OwnPostgresDatabase();

    @TempDir
    Path temp;
    final String schema = "fls_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final Map<String, String> env = Map.of("APP_DB_PASSWORD", "unused-" + UUID.randomUUID());

    @BeforeEach
    void setUp() throws Exception {
        SharedSchemaConfig.on(DATABASE.url()).schema(schema).user(TestDatabases.POSTGRES_USER).passwordEnv("APP_DB_PASSWORD")
                .sections("checks:\n  tenant-column: { column: tenant_id, exclude: [settings] }\n").writeIn(temp);
        sql("CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".stores (id int PRIMARY KEY, code text NOT NULL UNIQUE)",
                "CREATE TABLE " + schema + ".customers (id int PRIMARY KEY, store_id int NOT NULL REFERENCES " + schema
                        + ".stores (id) ON DELETE CASCADE, email text UNIQUE)",
                "CREATE TABLE " + schema + ".settings (name text PRIMARY KEY, setting text)",
                "INSERT INTO " + schema + ".stores VALUES (1, 'main'), (2, 'north')",
                "INSERT INTO " + schema + ".customers VALUES (1, 1, 'a@example.com'), (2, 2, 'b@example.com')");
    }

    @AfterEach
    void tearDown() throws Exception {
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private CliRun flotilla(String... args) {
        return CliRun.withConfig(env, temp.resolve("flotilla.yml"), args);
    }

    /** Runs {@code statements} in the class's database as the test server's administrator. */
    private static void sql(String... statements) throws Exception {
        TestDatabases.execute(DATABASE.server(), statements);
    }

    @Test
    void adoption_is_written_from_the_shared_schema_deployed_once_and_checked_per_tenant() throws Exception {
        CliRun adopt = flotilla("tenancy", "adopt", "--default", "caps-automotive", "--exclude", "settings", "--widen-keys");
        assertThat(adopt.exitCode()).as(adopt.err()).isZero();
        assertThat(adopt.out()).contains("2 table(s) on " + DATABASE.url() + " (schema " + schema + ")",
                "Review them, then test them with `flotilla dry-run --all` and apply them with `flotilla deploy --all`.");
        assertThat(temp.resolve("migrations").resolve("V1__adopt_tenant_id.sql")).exists();
        assertThat(flotilla("tenants", "add", "caps-automotive").exitCode()).isZero();
        assertThat(flotilla("tenants", "add", "beta").exitCode()).isZero();

        JsonNode deploy = flotilla("deploy", "--all", "--yes", "--json").json();
        sql("INSERT INTO " + schema + ".stores (id, code, tenant_id) VALUES (3, 'main', 'beta')");
        JsonNode verify = flotilla("verify", "--all", "--json").json();

        assertThat(deploy.get("ok").asBoolean()).as(deploy.toString()).isTrue();
        assertThat(deploy.at("/data/succeeded").asInt()).isEqualTo(2);
        assertThat(verify.get("ok").asBoolean()).as(verify.toString()).isTrue();
        JsonNode checks = verify.at("/data/tenants/0/checks");
        assertThat(checks.findValuesAsText("id")).contains("fk-orphans", "tenant-column");
        assertThat(verify.toString()).contains("rows per tenant: tenant caps-automotive: 4 rows, tenant beta: 1 row", "WHERE tenant_id = 'caps-automotive' is"
                + " served by an index on 2 table(s)");
    }

    @Test
    void adoption_leaves_alone_the_tables_flotilla_yml_excludes_without_asking_to_name_them_there_again() throws Exception {
        CliRun adopt = flotilla("tenancy", "adopt", "--default", "caps-automotive", "--print");
        CliRun both = flotilla("tenancy", "adopt", "--default", "caps-automotive", "--exclude", "settings", "--print");

        assertThat(adopt.exitCode()).as(adopt.err()).isZero();
        assertThat(adopt.out()).contains("Adopting the tenant column: 2 table(s)", "note: settings: excluded by"
                + " checks.tenant-column.exclude of flotilla.yml, left as it is").doesNotContain("ALTER TABLE settings");
        assertThat(both.out()).contains("Adopting the tenant column: 2 table(s)", "note: settings: excluded by")
                .doesNotContain("name it in checks.tenant-column.exclude");
        assertThat(adopt.err() + both.err()).doesNotContain("warning");
    }

    @Test
    void a_rollback_or_its_dry_run_of_one_tenant_of_the_shared_schema_is_refused_naming_the_others() throws Exception {
        sql("DROP TABLE " + schema + ".customers, " + schema + ".stores");
        Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(temp.resolve("migrations").resolve("V1__events.sql"), "CREATE TABLE events (id int PRIMARY KEY,"
                + " tenant_id text NOT NULL);\nCREATE INDEX events_tenant ON events (tenant_id);\n");
        Files.writeString(temp.resolve("migrations").resolve("U1__events.sql"), "DROP TABLE events CASCADE;\n");
        assertThat(flotilla("tenants", "add", "acme").exitCode()).isZero();
        assertThat(flotilla("tenants", "add", "globex").exitCode()).isZero();
        CliRun deploy = flotilla("deploy", "--all", "--yes");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();

        CliRun dryRun = flotilla("rollback", "--tenants", "acme", "--steps", "1", "--dry-run");
        CliRun rollback = flotilla("rollback", "--tenants", "acme", "--steps", "1", "--yes");

        for (CliRun run : java.util.List.of(dryRun, rollback)) {
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
            assertThat(run.err()).contains("Cannot roll back acme alone", "with globex", "--all, or --tenants acme,globex",
                    "Nothing was rolled back.");
        }
        sql("SELECT 1 FROM " + schema + ".events");
        CliRun all = flotilla("rollback", "--all", "--steps", "1", "--yes");
        assertThat(all.exitCode()).as(all.out() + all.err()).isZero();
        assertThat(all.out()).contains("Succeeded: 2");
    }

    @Test
    void a_deploy_of_one_tenant_of_the_shared_schema_records_every_tenant_sharing_it_at_the_new_version() throws Exception {
        threeTenantsAtVersionOneWithVersionTwoPending();

        CliRun deploy = flotilla("deploy", "--tenants", "acme", "--yes");
        JsonNode status = flotilla("status", "--fleet", "--json").json();

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(status.at("/data/tenants").findValuesAsText("id")).containsExactlyInAnyOrder("acme", "globex", "initech");
        for (JsonNode tenant : status.at("/data/tenants")) {
            assertThat(tenant.get("currentVersion").asText()).as(tenant.toString()).isEqualTo("2");
            assertThat(tenant.get("pending").asInt()).as(tenant.toString()).isZero();
            assertThat(tenant.get("status").asText()).as(tenant.toString()).isEqualTo("up-to-date");
        }
        assertThat(deploy.out()).contains("started: 3 tenant(s)", "acme also migrates globex, initech: they share", "Succeeded: 3");
    }

    @Test
    void a_canary_whose_shared_schema_every_selected_tenant_shares_is_refused_before_anything_runs() throws Exception {
        threeTenantsAtVersionOneWithVersionTwoPending();

        CliRun canary = flotilla("deploy", "--tenants", "acme", "--canary", "acme", "--yes");
        CliRun percent = flotilla("deploy", "--all", "--canary-percent", "10", "--yes");

        for (CliRun run : java.util.List.of(canary, percent)) {
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
            assertThat(run.err()).contains("A canary cannot protect any tenant", "canary acme shares", "with globex, initech",
                    "Deploy without --canary", "Nothing was deployed.");
        }
        assertThat(flotilla("status", "--fleet", "--json").json().at("/data/tenants").findValuesAsText("currentVersion"))
                .as("nothing was deployed").containsOnly("1");
    }

    @Test
    void verify_names_the_tenant_whose_row_is_an_orphan_and_says_a_schema_wide_finding_once() throws Exception {
        threeTenantsAtVersionOneWithVersionTwoPending();
        Files.writeString(temp.resolve("migrations").resolve("V2__kind.sql"), "CREATE TABLE kinds (id int, tenant_id text,"
                + " PRIMARY KEY (tenant_id, id));\nALTER TABLE events ADD COLUMN kind int;\n");
        assertThat(flotilla("deploy", "--all", "--yes").exitCode()).isZero();
        sql("INSERT INTO " + schema + ".events VALUES (1, 'globex', 7), (2, 'acme', NULL)",
                "ALTER TABLE " + schema + ".events ADD CONSTRAINT events_kind FOREIGN KEY (tenant_id, kind) REFERENCES "
                        + schema + ".kinds (tenant_id, id) ON DELETE SET NULL NOT VALID");
        Files.writeString(temp.resolve("flotilla.yml"), Files.readString(temp.resolve("flotilla.yml"))
                + "  fk-rules: { references: kinds, onDelete: CASCADE }\n");

        CliRun verify = flotilla("verify", "--all");

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("FAILED fk-orphans: 1 problem(s): events.tenant_id, kind -> kinds.tenant_id, id: 1"
                + " orphan row(s) of globex", "FAILED fk-rules: the same schema-wide result as above");
        assertThat(verify.out().split("ON DELETE SET NULL, expected CASCADE", -1)).as(verify.out()).hasSize(2);
        assertThat(verify.out()).as("the finding names its schema").contains("expected CASCADE (schema-wide: checked once for"
                + " the tenants of " + DATABASE.url() + " (schema " + schema + "))",
                "FAILED fk-rules: the same schema-wide result as above, for the tenants of " + DATABASE.url() + " (schema "
                + schema + ")");
        assertThat(verify.out().split("orphan row", -1)).as("acme and initech have none: " + verify.out()).hasSize(2);
        assertThat(verify.err().split("ON DELETE SET NULL, expected CASCADE", -1)).as("the errors on stderr say it once too: "
                + verify.err()).hasSize(2);
        assertThat(verify.err()).contains("fk-rules: the same schema-wide result as above, for the tenants of ");
        assertThat(flotilla("verify", "--all", "--json").json().at("/errors").findValuesAsText("message"))
                .as("the JSON gives every tenant the full result").filteredOn(m -> m.contains("expected CASCADE")).hasSize(3);
    }

    @Test
    void a_deploys_summary_says_a_schema_wide_check_failure_once_and_its_json_gives_every_tenant_the_full_error()
            throws Exception {
        threeTenantsAtVersionOneWithVersionTwoPending();
        Files.writeString(temp.resolve("migrations").resolve("V2__kind.sql"), "CREATE TABLE kinds (id int, tenant_id text,"
                + " PRIMARY KEY (tenant_id, id));\nALTER TABLE events ADD COLUMN kind int;\nALTER TABLE events ADD CONSTRAINT"
                + " events_kind FOREIGN KEY (tenant_id, kind) REFERENCES kinds (tenant_id, id) ON DELETE SET NULL;\n");
        Files.writeString(temp.resolve("flotilla.yml"), Files.readString(temp.resolve("flotilla.yml"))
                + "  fk-rules: { references: kinds, onDelete: CASCADE }\n");

        CliRun deploy = flotilla("deploy", "--all", "--yes");
        sql("DELETE FROM " + schema + ".tenant_migrations WHERE version = '2'", "ALTER TABLE " + schema
                + ".events DROP COLUMN kind", "DROP TABLE " + schema + ".kinds");
        JsonNode json = flotilla("deploy", "--all", "--yes", "--json").json();

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isNotZero();
        String summary = deploy.out().substring(deploy.out().indexOf("Failed tenants:"));
        assertThat(summary.split("ON DELETE SET NULL, expected CASCADE", -1)).as(summary).hasSize(2);
        assertThat(summary.split("fk-rules failed: the same schema-wide result as above", -1)).as(summary).hasSize(3);
        assertThat(json.at("/data/tenants").findValuesAsText("error")).as(json.toString()).hasSize(3)
                .allMatch(error -> error.contains("ON DELETE SET NULL, expected CASCADE"));
        assertThat(json.at("/data/tenants").findValuesAsText("target")).as(json.toString()).hasSize(3)
                .containsOnly(DATABASE.url() + " (schema " + schema + ")");
    }

    @Test
    void a_fleet_dry_run_says_a_schema_wide_check_failure_once_and_its_json_gives_every_tenant_the_full_error()
            throws Exception {
        threeTenantsAtVersionOneWithVersionTwoPending();
        Files.writeString(temp.resolve("migrations").resolve("V2__kind.sql"), "CREATE TABLE kinds (id int, tenant_id text,"
                + " PRIMARY KEY (tenant_id, id));\nALTER TABLE events ADD COLUMN kind int;\nALTER TABLE events ADD CONSTRAINT"
                + " events_kind FOREIGN KEY (tenant_id, kind) REFERENCES kinds (tenant_id, id) ON DELETE SET NULL;\n");
        Files.writeString(temp.resolve("flotilla.yml"), Files.readString(temp.resolve("flotilla.yml"))
                + "  fk-rules: { references: kinds, onDelete: CASCADE }\n");

        CliRun dryRun = flotilla("dry-run", "--all");
        JsonNode json = flotilla("dry-run", "--all", "--json").json();

        assertThat(dryRun.exitCode()).as(dryRun.out() + dryRun.err()).isEqualTo(1);
        assertThat(dryRun.err().split("ON DELETE SET NULL, expected CASCADE", -1)).as(dryRun.err()).hasSize(2);
        assertThat(dryRun.err()).contains("(schema-wide: checked once for the tenants of " + DATABASE.url() + " (schema "
                + schema + "))");
        assertThat(dryRun.err().split("fk-rules failed on the dry run's result: the same schema-wide result as above", -1))
                .as(dryRun.err()).hasSize(3);
        assertThat(json.get("errors").findValuesAsText("message")).as(json.toString()).hasSize(3)
                .allMatch(error -> error.contains("ON DELETE SET NULL, expected CASCADE"));
    }

    @Test
    void a_fleet_dry_run_or_a_plan_of_one_tenant_whose_shared_login_is_refused_says_to_fix_the_tenancy_s_login() throws Exception {
        threeTenantsAtVersionOneWithVersionTwoPending();
        String role = schema + "_nologin";
        sql("CREATE ROLE " + role + " NOLOGIN");
        try {
            Files.writeString(temp.resolve("flotilla.yml"), Files.readString(temp.resolve("flotilla.yml"))
                    .replace("user: " + TestDatabases.POSTGRES_USER, "user: " + role));

            CliRun said = flotilla("dry-run", "--all");
            CliRun dryRun = flotilla("dry-run", "--all", "--json");
            CliRun alone = flotilla("plan", "--tenants", "acme");

            assertThat(dryRun.exitCode()).as(dryRun.out() + dryRun.err()).isEqualTo(1);
            assertThat(dryRun.json().at("/data/tenants").findValuesAsText("error")).as(dryRun.out()).hasSize(3)
                    .allSatisfy(error -> assertThat(error).contains("Authentication failed for user '" + role + "'",
                            "APP_DB_PASSWORD", "Its tenants share this target and its login: fix the tenancy's user or password"
                            + " (tenancy.user, tenancy.passwordEnv in flotilla.yml).").doesNotContain("set-credentials"));
            assertThat(dryRun.json().at("/errors").findValuesAsText("code")).containsOnly("AUTHENTICATION_FAILED");
            assertThat(said.out() + said.err()).contains("Its tenants share this target and its login");
            assertThat(alone.out() + alone.err()).as("acme alone logs in as its tenants do").contains("Authentication failed",
                    "Its tenants share this target and its login").doesNotContain("set-credentials", "login of its own");
            assertThat(dryRun.out() + said.out() + said.err()).doesNotContain(env.get("APP_DB_PASSWORD"));
        } finally {
            sql("DROP ROLE " + role);
        }
    }

    /** acme, globex and initech share the schema, deployed to V1; V2 is written and pending. */
    private void threeTenantsAtVersionOneWithVersionTwoPending() throws Exception {
        sql("DROP TABLE " + schema + ".customers, " + schema + ".stores");
        Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(temp.resolve("migrations").resolve("V1__events.sql"), "CREATE TABLE events (id int PRIMARY KEY,"
                + " tenant_id text NOT NULL);\nCREATE INDEX events_tenant ON events (tenant_id);\n");
        for (String tenant : java.util.List.of("acme", "globex", "initech")) {
            assertThat(flotilla("tenants", "add", tenant).exitCode()).isZero();
        }
        assertThat(flotilla("deploy", "--all", "--yes").exitCode()).isZero();
        Files.writeString(temp.resolve("migrations").resolve("V2__kind.sql"), "ALTER TABLE events ADD COLUMN kind text;\n");
    }

    @Test
    void the_backup_a_rollback_takes_of_the_shared_schema_puts_it_back_for_all_its_tenants_and_never_for_one() throws Exception {
        Files.writeString(temp.resolve("flotilla.yml"), Files.readString(temp.resolve("flotilla.yml"))
                .replace("backup: false", "backup: true") + "backup:\n  dir: " + temp.resolve("backups") + "\n");
        sql("DROP TABLE " + schema + ".customers, " + schema + ".stores");
        Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(temp.resolve("migrations").resolve("V1__events.sql"), "CREATE TABLE events (id int PRIMARY KEY,"
                + " tenant_id text NOT NULL);\nCREATE INDEX events_tenant ON events (tenant_id);\n");
        Files.writeString(temp.resolve("migrations").resolve("U1__events.sql"), "DROP TABLE events CASCADE;\n");
        assertThat(flotilla("tenants", "add", "acme").exitCode()).isZero();
        assertThat(flotilla("tenants", "add", "globex").exitCode()).isZero();
        CliRun deploy = flotilla("deploy", "--all", "--yes");
        assertThat(deploy.exitCode()).isZero();
        String deployment = FleetSetup.deploymentOf(deploy);
        assertThat(deploy.out()).contains("Backups: 2 tenant(s) backed up", "(1 file(s): tenants sharing a schema share its"
                + " backup and go back together); `flotilla restore --deployment " + deployment + " --all --yes` puts them back"
                + " as they were, or `--tenants A,B,...` naming every tenant of one schema.").doesNotContain("puts one back");
        sql("INSERT INTO " + schema + ".events VALUES (1, 'acme'), (2, 'globex')");
        JsonNode rollback = flotilla("rollback", "--all", "--steps", "1", "--yes", "--json").json();
        String id = rollback.at("/data/deployment").asText();

        CliRun one = flotilla("restore", "--deployment", id, "--tenants", "acme", "--yes");
        CliRun unconfirmed = flotilla("restore", "--deployment", id, "--all");
        CliRun all = flotilla("restore", "--deployment", id, "--all", "--yes");

        assertThat(one.exitCode()).isEqualTo(2);
        assertThat(one.err()).contains("NOT_SUPPORTED_YET", "Cannot restore acme alone", "with globex", "--all, or --tenants acme,globex");
        assertThat(unconfirmed.err()).contains("restore replaces 2 tenant(s)", "(acme, globex share ", "restored once, all of them");
        assertThat(all.exitCode()).as(all.out() + all.err()).isZero();
        assertThat(all.out()).contains("restored acme from", "restored globex from", "shared-" + schema + ".dump");
        sql("INSERT INTO " + schema + ".events VALUES (3, 'globex')");
    }

    @Test
    void a_standing_row_counts_failure_names_the_restore_of_every_tenant_sharing_the_schema_which_then_runs() throws Exception {
        Files.writeString(temp.resolve("flotilla.yml"), Files.readString(temp.resolve("flotilla.yml"))
                .replace("backup: false", "backup: true") + "backup:\n  dir: " + temp.resolve("backups") + "\n");
        threeTenantsAtVersionOneWithVersionTwoPending();
        sql("INSERT INTO " + schema + ".events VALUES (1, 'acme'), (2, 'globex'), (3, 'globex')");
        Files.writeString(temp.resolve("migrations").resolve("V2__kind.sql"), "DELETE FROM events WHERE id = 3;\n");
        CliRun deploy = flotilla("deploy", "--all", "--yes");
        String deployment = FleetSetup.deploymentOf(deploy);
        String restore = "`flotilla restore --deployment " + deployment + " --tenants acme,globex,initech --yes`";
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isEqualTo(1);
        assertThat(deploy.out() + deploy.err()).contains("events: 2 row(s) of globex before, 1 after (1 lost)", restore);

        CliRun standing = flotilla("verify", "--tenants", "globex");

        assertThat(standing.exitCode()).as(standing.out()).isEqualTo(1);
        assertThat(standing.out()).contains("FAILED globex", "so that failure still stands", restore)
                .doesNotContain("--tenants globex --yes");
        CliRun restored = flotilla("restore", "--deployment", deployment, "--tenants", "acme,globex,initech", "--yes");
        assertThat(restored.exitCode()).as(restored.out() + restored.err()).isZero();
        try (Connection connection = TestDatabases.connect(DATABASE.server());
             Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + schema + ".events")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).as("globex's lost row is back").isEqualTo(3);
        }
    }
}
