package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleets the real Flyway migrated, taken over: {@code adopt --from flyway --all} records their history, and the
 * next {@code deploy} applies only the migration added since. PostgreSQL schemas and MariaDB databases.
 */
class CliAdoptIT {
    @TempDir
    Path temp;

    @Test
    void a_postgres_fleet_flyway_migrated_is_adopted_and_deploy_then_runs_only_what_is_new() throws Exception {
        FleetSetup fleet = new FleetSetup(temp, "");
        try {
            fleet.addTenants(3);
            for (String tenant : new String[] {"t00", "t01", "t02"}) {
                Flyway.configure().dataSource(FleetSetup.POSTGRES, TestDatabases.POSTGRES_USER, "").schemas(fleet.schema(tenant))
                        .placeholders(Map.of("tenant", tenant)).locations("filesystem:" + temp.resolve("migrations"))
                        .load().migrate();
            }

            CliRun dryRun = fleet.run("adopt", "--from", "flyway", "--all", "--dry-run");
            CliRun adopt = fleet.run("adopt", "--from", "flyway", "--all");
            CliRun again = fleet.run("adopt", "--from", "flyway", "--tenants", "t01", "--json");
            fleet.migration("V3__flags.sql", "ALTER TABLE notes ADD COLUMN flag INT;\n");
            JsonNode deploy = fleet.run("deploy", "--all", "--yes", "--json").json();
            CliRun drift = fleet.run("drift", "--all", "--fail-on-drift");

            assertThat(dryRun.out()).contains("would record t00", "Dry run: nothing written. Would adopt 3 of 3 target(s).")
                    .doesNotContain("Adopted");
            assertThat(adopt.exitCode()).as(adopt.out() + adopt.err()).isZero();
            assertThat(adopt.out()).contains("recorded t00", "2 migration(s) from flyway (flyway_schema_history): V1__notes.sql,"
                    + " V2__tags.sql", "Adopted 3 of 3 target(s).", "Left as it was: flyway_schema_history, that tool's"
                    + " bookkeeping. Flotilla no longer reads it, and drift leaves it out");
            assertThat(adopt.out() + adopt.err()).doesNotContain(FleetSetup.SECRET);
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.json().at("/errors/0/code").asText()).isEqualTo("ADOPTION_REFUSED");
            assertThat(deploy.get("ok").asBoolean()).as(deploy.toString()).isTrue();
            assertThat(deploy.at("/data/tenants").findValuesAsText("status")).containsOnly("succeeded").hasSize(3);
            for (JsonNode tenant : deploy.at("/data/tenants")) {
                assertThat(tenant.get("applied").toString()).isEqualTo("[\"3\"]");
            }
            assertThat(drift.exitCode()).as(drift.out() + drift.err()).isZero();
        } finally {
            fleet.dropSchemas();
        }
    }

    @Test
    void a_history_table_named_as_laravels_is_said_to_be_another_tools_not_an_sql_error_or_unreachable() throws Exception {
        FleetSetup fleet = new FleetSetup(temp, "historyTable: migrations\n");
        try {
            fleet.addTenants(1);
            try (Connection connection = FleetSetup.connect();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + fleet.schema("t00"));
                statement.execute("CREATE TABLE " + fleet.schema("t00") + ".migrations (id INT PRIMARY KEY,"
                        + " migration VARCHAR(255) NOT NULL, batch INT NOT NULL)");
            }

            CliRun plan = fleet.run("plan", "--all", "--json");
            CliRun deploy = fleet.run("deploy", "--all", "--yes");

            assertThat(plan.exitCode()).isEqualTo(1);
            assertThat(plan.json().at("/errors/0/code").asText()).isEqualTo("FOREIGN_HISTORY");
            assertThat(plan.json().at("/errors/0/message").asText()).contains("The history table migrations on",
                    "as Laravel's migrations table has", "`flotilla adopt --tenants t00 --from laravel:migrations`");
            assertThat(plan.json().at("/data/tenants/0/state").asText()).isEqualTo("blocked");
            assertThat(deploy.exitCode()).isEqualTo(1);
            assertThat(deploy.out() + deploy.err()).contains("is not Flotilla's").doesNotContain("SQL_ERROR");
        } finally {
            fleet.dropSchemas();
        }
    }

    @Test
    void a_mariadb_fleet_flyway_migrated_is_adopted_and_deploy_then_runs_only_what_is_new() throws Exception {
        String prefix = "fla_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(temp.resolve("migrations").resolve("V1__notes.sql"), "CREATE TABLE notes (id INT PRIMARY KEY);\n");
        Files.writeString(temp.resolve("migrations").resolve("V2__tags.sql"), "ALTER TABLE notes ADD COLUMN tag VARCHAR(20);\n");
        Files.writeString(temp.resolve("flotilla.yml"), """
                migrations: migrations
                tenancy:
                  model: database-per-tenant
                  urlTemplate: %s
                  user: %s
                deploy:
                  backup: false
                """.formatted(TestDatabases.mariadbUrl(prefix + "_{tenant}"), TestDatabases.MARIADB_USER), StandardCharsets.UTF_8);
        String config = temp.resolve("flotilla.yml").toString();
        try {
            for (String tenant : new String[] {"a", "b"}) {
                assertThat(CliRun.of("tenants", "add", tenant, "--config", config).exitCode()).isZero();
                Flyway.configure().dataSource(TestDatabases.MARIADB_URL, TestDatabases.MARIADB_USER, "")
                        .schemas(prefix + "_" + tenant)
                        .locations("filesystem:" + temp.resolve("migrations")).load().migrate();
            }

            CliRun adopt = CliRun.of("adopt", "--from", "flyway", "--all", "--config", config);
            Files.writeString(temp.resolve("migrations").resolve("V3__flags.sql"), "ALTER TABLE notes ADD COLUMN flag INT;\n");
            JsonNode deploy = CliRun.of("deploy", "--all", "--yes", "--json", "--config", config).json();

            assertThat(adopt.exitCode()).as(adopt.out() + adopt.err()).isZero();
            assertThat(deploy.get("ok").asBoolean()).as(deploy.toString()).isTrue();
            for (JsonNode tenant : deploy.at("/data/tenants")) {
                assertThat(tenant.get("applied").toString()).isEqualTo("[\"3\"]");
            }
        } finally {
            TestDatabases.execute(TestDatabases.mariadb(null), "DROP DATABASE IF EXISTS " + prefix + "_a",
                    "DROP DATABASE IF EXISTS " + prefix + "_b");
        }
    }

    @Test
    void baseline_on_the_fleet_records_the_version_on_each_tenant_without_history_and_refuses_the_others() throws Exception {
        FleetSetup fleet = new FleetSetup(temp, "");
        try {
            fleet.addTenants(2);
            fleet.sql("CREATE SCHEMA " + fleet.schema("t00"));
            fleet.sql("CREATE TABLE " + fleet.schema("t00") + ".notes (id INT PRIMARY KEY, body VARCHAR(100))");
            assertThat(fleet.run("deploy", "--tenants", "t01", "--yes").exitCode()).isZero();

            JsonNode baseline = fleet.run("baseline", "--version", "1", "--all", "--json").json();

            assertThat(baseline.at("/data/tenants/0/actions").toString()).contains("Recorded V1__notes.sql as applied (baseline).");
            assertThat(baseline.at("/errors/0/tenant").asText()).isEqualTo("t01");
            assertThat(baseline.at("/errors/0/code").asText()).isEqualTo("BASELINE_REFUSED");
            assertThat(fleet.applied("t00")).containsExactly("1");
        } finally {
            fleet.dropSchemas();
        }
    }

    @Test
    void baseline_on_the_fleet_refuses_a_tenant_whose_history_records_a_failed_migration_naming_its_repair()
            throws Exception {
        FleetSetup fleet = new FleetSetup(temp, "");
        try {
            fleet.addTenants(1);
            fleet.migration("V1__notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100));\n"
                    + "CREATE INDEX CONCURRENTLY notes_by_title ON notes (title);\n");
            assertThat(fleet.run("deploy", "--all", "--yes").exitCode()).isEqualTo(1);

            CliRun baseline = fleet.run("baseline", "--version", "1", "--all", "--json");
            CliRun adopt = fleet.run("adopt", "--from", "flyway", "--all");
            JsonNode audit = fleet.run("audit", "--limit", "2", "--json").json();

            assertThat(adopt.exitCode()).isEqualTo(1);
            assertThat(audit.at("/data/entries/0/action").asText()).isEqualTo("adopt");
            assertThat(audit.at("/data/entries/0/outcome").asText()).as("a refused adopt").isEqualTo("failed");
            assertThat(audit.at("/data/entries/1/action").asText()).isEqualTo("baseline");
            assertThat(audit.at("/data/entries/1/outcome").asText()).as("a refused baseline").isEqualTo("failed");
            assertThat(audit.at("/data/entries/1/details").asText()).contains("refused: t00");
            assertThat(baseline.exitCode()).isEqualTo(1);
            assertThat(baseline.json().at("/errors/0/code").asText()).isEqualTo("BASELINE_REFUSED");
            assertThat(baseline.json().at("/errors/0/message").asText())
                    .contains("version 1 (notes) as failed at statement 2", "`flotilla repair --tenants t00`");
        } finally {
            fleet.dropSchemas();
        }
    }
}
