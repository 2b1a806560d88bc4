package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 001's bigint key to a char(36) id, as {@code plan} and {@code deploy} say it on the command line. */
class CliForeignKeyPreflightMariaDbIT {
    @TempDir
    Path temp;
    final String prefix = "flt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(temp.resolve("flotilla.yml"), """
                migrations: migrations
                tenancy:
                  model: database-per-tenant
                  urlTemplate: %s
                  user: %s
                deploy:
                  backup: false
                """.formatted(TestDatabases.mariadbUrl(prefix + "_{tenant}"), TestDatabases.MARIADB_USER), StandardCharsets.UTF_8);
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__bookings.sql"), "CREATE TABLE notes (id INT PRIMARY KEY);\n"
                + "CREATE TABLE bookings (id BIGINT UNSIGNED PRIMARY KEY, branch_id BIGINT UNSIGNED NOT NULL,\n"
                + "  FOREIGN KEY (branch_id) REFERENCES branches (id));\n");
        sql("CREATE DATABASE " + prefix + "_a", "CREATE TABLE " + prefix + "_a.branches (id CHAR(36) PRIMARY KEY)",
                "CREATE DATABASE " + prefix + "_b", "CREATE TABLE " + prefix + "_b.branches (id BIGINT UNSIGNED PRIMARY KEY)");
        assertThat(flotilla("tenants", "add", "a").exitCode()).isZero();
        assertThat(flotilla("tenants", "add", "b").exitCode()).isZero();
    }

    @AfterEach
    void tearDown() throws Exception {
        sql("DROP DATABASE IF EXISTS " + prefix + "_a", "DROP DATABASE IF EXISTS " + prefix + "_b");
    }

    @Test
    void plan_blocks_the_tenant_whose_branches_id_is_char36_and_deploy_fails_it_alone_before_its_first_statement() throws Exception {
        CliRun plan = flotilla("plan", "--all", "--json");
        CliRun text = flotilla("plan", "--all");
        CliRun deploy = flotilla("deploy", "--all", "--yes", "--continue-on-error", "--json");

        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isEqualTo(1);
        JsonNode error = plan.json().at("/errors/0");
        assertThat(error.get("code").asText()).isEqualTo("FK_PARENT_MISMATCH");
        assertThat(error.get("tenant").asText()).isEqualTo("a");
        assertThat(error.get("migration").asText()).isEqualTo("1");
        assertThat(error.get("message").asText()).contains("V1__bookings.sql, statement 2: its foreign key bookings (branch_id)"
                + " -> branches (id)", "bookings.branch_id is bigint unsigned but branches.id is char(36)",
                "Make branch_id char(36) to match branches.id");
        assertThat(plan.json().at("/errors").size()).as("b's ids are bigint unsigned").isEqualTo(1);
        assertThat(text.out() + text.err()).contains("blocked", "FK_PARENT_MISMATCH");
        assertThat(deploy.exitCode()).isEqualTo(1);
        assertThat(deploy.json().at("/data/tenants/0/status").asText()).isEqualTo("failed");
        assertThat(deploy.json().at("/data/tenants/1/status").asText()).isEqualTo("succeeded");
        assertThat(deploy.json().at("/errors/0/code").asText()).isEqualTo("FK_PARENT_MISMATCH");
        assertThat(tables(prefix + "_a")).as("statement 1 never ran").isEqualTo("branches");
    }

    private static String tables(String database) throws Exception {
        try (java.sql.Connection c = TestDatabases.connect(TestDatabases.mariadb(null))) {
            return dev.flotilla.sql.Jdbc.queryString(c, "SELECT GROUP_CONCAT(LOWER(table_name) ORDER BY 1) FROM"
                    + " information_schema.tables WHERE table_schema = ? AND table_name NOT LIKE 'tenant_migrations%'", database);
        }
    }

    private CliRun flotilla(String... args) {
        return CliRun.withConfig(Map.of(), temp.resolve("flotilla.yml"), args);
    }

    private static void sql(String... statements) throws Exception {
        TestDatabases.execute(TestDatabases.mariadb(null), statements);
    }
}
