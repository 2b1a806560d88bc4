package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollback of {@code tenancy adopt}'s migration on a SQLite shared schema, once more than one tenant's rows are in its
 * tables: the down file rebuilds each table without tenant_id, which would merge every tenant's rows. Refused before
 * anything runs (the fleet's, and one target's given its --tenant-column); its dry run says so too.
 */
class RollbackMergingTenantsSqliteIT {
    @TempDir
    Path temp;
    String url;
    Path migrations;

    @BeforeEach
    void adoptedSharedSchemaWithTwoTenantsRows() throws Exception {
        url = "jdbc:sqlite:" + temp.resolve("shop.db");
        migrations = temp.resolve("migrations");
        sql("CREATE TABLE stores (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE)",
                "CREATE TABLE visits (store_id INTEGER, note TEXT)",
                "INSERT INTO stores (id, code) VALUES (1, 'main')",
                "INSERT INTO visits VALUES (1, 'same note')");
        CliRun adopt = CliRun.of("tenancy", "adopt", "--url", url, "--migrations", migrations.toString(), "--default", "acme");
        assertThat(adopt.exitCode()).as(adopt.err()).isZero();
        CliRun migrate = CliRun.of("migrate", "--url", url, "--migrations", migrations.toString());
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        SharedSchemaConfig.on(url).writeIn(temp);
    }

    private void sql(String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            for (String s : statements) {
                statement.execute(s);
            }
        }
    }

    private long count(String query) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private CliRun flotilla(String... args) {
        return CliRun.withConfig(Map.of(), temp.resolve("flotilla.yml"), args);
    }

    @Test
    void a_fleet_rollback_that_would_drop_tenant_id_under_two_tenants_rows_is_refused_and_its_dry_run_says_so() throws Exception {
        sql("INSERT INTO visits (store_id, note, tenant_id) VALUES (1, 'same note', 'globex')");
        assertThat(flotilla("tenants", "add", "acme").exitCode()).isZero();
        assertThat(flotilla("tenants", "add", "globex").exitCode()).isZero();

        JsonNode refused = flotilla("rollback", "--all", "--steps", "1", "--yes", "--json").json();
        CliRun dryRun = flotilla("rollback", "--all", "--steps", "1", "--dry-run");

        assertThat(refused.get("ok").asBoolean()).isFalse();
        assertThat(refused.at("/errors/0/code").asText()).isEqualTo("ROLLBACK_REFUSED");
        assertThat(refused.at("/errors/0/message").asText()).contains("tenant column tenant_id", "visits (2 tenants)",
                "the rows of 2 tenants", "merged", "Restore a backup taken before", "split the data first",
                "Nothing was rolled back.");
        assertThat(count("SELECT COUNT(*) FROM pragma_table_info('visits') WHERE name = 'tenant_id'")).isEqualTo(1);
        assertThat(flotilla("deployments", "list", "--json").json().at("/data/deployments").size())
                .as("no rollback recorded").isZero();
        assertThat(dryRun.exitCode()).as(dryRun.out() + dryRun.err()).isEqualTo(1);
        assertThat(dryRun.out()).contains("rollback would be refused", "visits (2 tenants)");
    }

    @Test
    void one_target_given_its_tenant_column_is_refused_and_with_one_tenants_rows_it_rolls_back() throws Exception {
        sql("INSERT INTO stores (id, code, tenant_id) VALUES (2, 'north', 'globex')");
        CliRun refused = CliRun.of("rollback", "--url", url, "--migrations", migrations.toString(), "--steps", "1",
                "--tenant-column", "tenant_id");
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.err()).contains("stores (2 tenants)", "Nothing was rolled back.");
        assertThat(count("SELECT COUNT(*) FROM pragma_table_info('stores') WHERE name = 'tenant_id'")).isEqualTo(1);

        sql("DELETE FROM stores WHERE tenant_id = 'globex'");
        CliRun alone = CliRun.of("rollback", "--url", url, "--migrations", migrations.toString(), "--steps", "1",
                "--tenant-column", "tenant_id");
        assertThat(alone.exitCode()).as(alone.out() + alone.err()).isZero();
        assertThat(count("SELECT COUNT(*) FROM pragma_table_info('stores') WHERE name = 'tenant_id'")).isZero();
    }

    @Test
    void a_down_file_that_rebuilds_a_table_without_tenant_id_under_two_tenants_rows_is_refused() throws Exception {
        sql("INSERT INTO visits (store_id, note, tenant_id) VALUES (1, 'same note', 'globex')");
        Files.writeString(migrations.resolve("V900__visit_notes.sql"), "CREATE INDEX visits_note ON visits (note);\n");
        Files.writeString(migrations.resolve("U900__visit_notes.sql"), """
                CREATE TABLE visits_new (store_id INTEGER, note TEXT);
                INSERT INTO visits_new (store_id, note) SELECT store_id, note FROM visits;
                DROP TABLE visits;
                ALTER TABLE visits_new RENAME TO visits;
                """);
        assertThat(CliRun.of("migrate", "--url", url, "--migrations", migrations.toString()).exitCode()).isZero();

        CliRun refused = CliRun.of("rollback", "--url", url, "--migrations", migrations.toString(), "--steps", "1",
                "--tenant-column", "tenant_id");

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.err()).contains("visits (2 tenants)", "Nothing was rolled back.");
        assertThat(count("SELECT COUNT(*) FROM pragma_table_info('visits') WHERE name = 'tenant_id'")).isEqualTo(1);
    }

    @Test
    void one_target_whose_configuration_in_reach_does_not_load_says_so_naming_the_file_and_its_error() throws Exception {
        Path broken = temp.resolve("broken.yml");
        Files.writeString(broken, "tenancy:\n  model: shared-schema\n  url: [" + url + "\n");

        CliRun rollback = CliRun.withConfig(Map.of(), broken, "rollback", "--url", url, "--migrations", migrations.toString(),
                "--steps", "1");

        assertThat(rollback.err()).contains(broken.toString(), "could not be loaded", "not valid YAML at line 4",
                "its tenancy.tenantColumn is not guarded");
        assertThat(rollback.err().split(java.util.regex.Pattern.quote(broken.toString()), -1)).as("the file named once: "
                + rollback.err()).hasSize(2);
        assertThat(rollback.err()).as("the adoption in the history is guarded still").contains("(tenancy adopt) made this"
                + " target a shared schema");
    }
}
