package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared MariaDB database: a rollback's dry run on its structure-only clone checks the unique key a down file restores
 * against the real rows, and says what else it cannot tell.
 */
class CliSharedSchemaMariaDbIT {
    @TempDir
    Path temp;
    final String database = "flm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeEach
    void setUp() throws Exception {
        SharedSchemaConfig.on(TestDatabases.mariadbUrl(database)).user(TestDatabases.MARIADB_USER).writeIn(temp);
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__customers.sql"), "CREATE TABLE customers (id INT PRIMARY KEY, tenant_id"
                + " VARCHAR(20) NOT NULL, email VARCHAR(50), UNIQUE KEY email (email));\n");
        Files.writeString(migrations.resolve("V2__email_per_tenant.sql"), "ALTER TABLE customers DROP INDEX email;\n"
                + "ALTER TABLE customers ADD UNIQUE KEY tenant_email (tenant_id, email);\n");
        Files.writeString(migrations.resolve("U2__email_per_tenant.sql"), "ALTER TABLE customers DROP INDEX tenant_email;\n"
                + "ALTER TABLE customers ADD UNIQUE KEY email (email);\n");
        sql("CREATE DATABASE " + database);
    }

    @AfterEach
    void tearDown() throws Exception {
        sql("DROP DATABASE IF EXISTS " + database);
    }

    private CliRun flotilla(String... args) {
        return CliRun.withConfig(java.util.Map.of(), temp.resolve("flotilla.yml"), args);
    }

    /** Runs {@code statements} on the test server as its administrator (TestDatabases' user, root here). */
    private static void sql(String... statements) throws Exception {
        TestDatabases.execute(TestDatabases.mariadb(null), statements);
    }

    @Test
    void a_deploy_of_one_tenant_of_the_shared_database_records_the_other_at_the_version_it_reaches() throws Exception {
        assertThat(flotilla("tenants", "add", "acme").exitCode()).isZero();
        assertThat(flotilla("tenants", "add", "globex").exitCode()).isZero();

        CliRun deploy = flotilla("deploy", "--tenants", "acme", "--yes");
        com.fasterxml.jackson.databind.JsonNode status = flotilla("status", "--fleet", "--json").json();

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(status.at("/data/tenants").findValuesAsText("currentVersion")).as(status.toString()).containsExactly("2", "2");
        assertThat(status.at("/data/tenants").findValuesAsText("status")).containsOnly("up-to-date");
        assertThat(deploy.out()).contains("acme also migrates globex: they share", "Succeeded: 2");
    }

    @Test
    void a_repair_of_one_tenant_of_the_shared_database_repairs_its_history_for_every_tenant_and_records_them_all() throws Exception {
        assertThat(flotilla("tenants", "add", "acme").exitCode()).isZero();
        assertThat(flotilla("tenants", "add", "globex").exitCode()).isZero();
        assertThat(flotilla("deploy", "--all", "--yes").exitCode()).isZero();
        Files.writeString(temp.resolve("migrations").resolve("V3__sku.sql"), "ALTER TABLE customers ADD COLUMN sku INT;\n"
                + "ALTER TABLE customers MODIFY email VARCHAR(50) NOT NULL;\n");
        sql("INSERT INTO " + database + ".customers VALUES (1, 'acme', 'a@x'), (2, 'globex', NULL)");
        CliRun failed = flotilla("deploy", "--all", "--yes");
        assertThat(failed.exitCode()).as("globex has a row without an email: " + failed.out()).isEqualTo(1);
        sql("ALTER TABLE " + database + ".customers DROP COLUMN sku", "UPDATE " + database + ".customers SET email = 'g@x'"
                + " WHERE id = 2");

        CliRun repair = flotilla("repair", "--tenants", "acme", "--rerun-from-start");
        com.fasterxml.jackson.databind.JsonNode status = flotilla("status", "--fleet", "--json").json();
        CliRun audit = flotilla("audit", "--tenant", "globex", "--action", "repair");

        assertThat(repair.exitCode()).as(repair.out() + repair.err()).isZero();
        assertThat(repair.out()).contains("acme shares", "with globex: its history is theirs, so it is repaired for them too",
                "repaired acme", "repaired globex");
        assertThat(status.at("/data/tenants").findValuesAsText("status")).as(status.toString()).containsOnly("pending");
        assertThat(audit.out()).as("globex's own audit entry").contains("Removed the failed record of version 3");
        CliRun again = flotilla("deploy", "--all", "--yes");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    }

    /** Seed 003's start: an application database older than Flotilla, its tenants listed in one of its tables. */
    @Test
    void tenants_imported_from_the_shared_database_get_one_notice_of_its_tables_without_history() throws Exception {
        sql("CREATE TABLE " + database + ".companies (code VARCHAR(20) PRIMARY KEY, name VARCHAR(50))",
                "INSERT INTO " + database + ".companies VALUES ('acme', 'Acme'), ('globex', 'Globex')");

        CliRun imported = flotilla("tenants", "import", "--query", "SELECT code, name FROM companies");
        CliRun plan = flotilla("plan", "--all");

        assertThat(imported.exitCode()).as("--url defaults to the shared database: " + imported.err()).isZero();
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("notice acme, globex: ", "has 1 table(s) but no history table",
                "flotilla baseline --tenants acme,globex --version V").doesNotContain("notice globex");
    }

    @Test
    void a_rollback_dry_run_on_a_clone_fails_a_unique_key_the_rows_repeat_and_says_what_it_did_not_test() throws Exception {
        assertThat(flotilla("tenants", "add", "acme").exitCode()).isZero();
        assertThat(flotilla("tenants", "add", "globex").exitCode()).isZero();
        CliRun deploy = flotilla("deploy", "--all", "--yes");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        sql("INSERT INTO " + database + ".customers VALUES (1, 'acme', 'a@x'), (2, 'globex', 'a@x')");

        CliRun dryRun = flotilla("rollback", "--all", "--to", "1", "--dry-run");

        assertThat(dryRun.out()).contains("clone", "2 of them ran on a clone: structure only, without any row", "NOT NULL",
                "may still fail on the real target", "0 would succeed, 2 would fail");
        assertThat(dryRun.exitCode()).isEqualTo(1);
        assertThat(dryRun.err()).as("the unique key the down file restores, checked against the real rows").contains(
                "[CHECK_FAILED] acme: check unique-keys, migration 2: ", "repeat 'a@x' x2, which the unique key on customers"
                        + " (email) U2__email_per_tenant.sql adds would reject");
        CliRun json = flotilla("rollback", "--all", "--to", "1", "--dry-run", "--json");
        assertThat(json.json().at("/errors")).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("code").asText()).isEqualTo("CHECK_FAILED");
            assertThat(e.get("migration").asText()).as("the down file restoring the key").isEqualTo("2");
            assertThat(e.get("check").asText()).isEqualTo("unique-keys");
        });
    }

    @Test
    void a_fleet_dry_run_on_structure_only_clones_says_what_it_did_not_test_once() throws Exception {
        assertThat(flotilla("tenants", "add", "acme").exitCode()).isZero();
        assertThat(flotilla("tenants", "add", "globex").exitCode()).isZero();

        CliRun dryRun = flotilla("dry-run", "--all");

        assertThat(dryRun.exitCode()).as(dryRun.out() + dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("2 of them ran on a clone: structure only, without any row");
        assertThat(dryRun.out().split("without any row|structure-only|no rows", -1)).as(dryRun.out()).hasSize(2);
    }
}
