package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL shared schema whose migration added tenant_id, its hand-written down file dropping it: rolling that
 * deployment back once two tenants have rows would merge them (orders has no unique key), so it is refused before
 * anything is recorded or runs, its dry run says so, and with one tenant's rows left it runs.
 */
class RollbackMergingTenantsPostgresIT {
    @TempDir
    Path temp;
    final String schema = TestDatabases.uniqueName();
    final TargetSpec target = TestDatabases.postgres(schema);

    @BeforeEach
    void setUp() throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__orders.sql"), "CREATE TABLE orders (item text, quantity int);\n");
        Files.writeString(migrations.resolve("U1__orders.sql"), "DROP TABLE orders;\n");
        Files.writeString(migrations.resolve("V2__tenant_id.sql"), "ALTER TABLE orders ADD COLUMN tenant_id text NOT NULL"
                + " DEFAULT 'acme';\nCREATE INDEX orders_tenant ON orders (tenant_id);\n");
        Files.writeString(migrations.resolve("U2__tenant_id.sql"), "ALTER TABLE orders DROP COLUMN tenant_id;\n");
        SharedSchemaConfig.on(TestDatabases.POSTGRES_URL).schema(schema).user(TestDatabases.POSTGRES_USER).writeIn(temp);
        assertThat(flotilla("tenants", "add", "acme").exitCode()).isZero();
        assertThat(flotilla("tenants", "add", "globex").exitCode()).isZero();
    }

    @AfterEach
    void tearDown() {
        TestDatabases.drop(target);
    }

    private CliRun flotilla(String... args) {
        return CliRun.withConfig(Map.of(), temp.resolve("flotilla.yml"), args);
    }

    @Test
    void rolling_back_the_deployment_that_added_tenant_id_under_two_tenants_rows_is_refused_until_one_tenants_are_left()
            throws Exception {
        JsonNode deploy = flotilla("deploy", "--all", "--yes", "--json").json();
        assertThat(deploy.get("ok").asBoolean()).as(deploy.toString()).isTrue();
        String id = deploy.at("/data/deployment").asText();
        TestDatabases.execute(target, "INSERT INTO " + schema + ".orders VALUES ('bolt', 1, 'acme'), ('bolt', 1, 'globex')");

        JsonNode dryRun = flotilla("rollback", "--all", "--steps", "1", "--dry-run", "--json").json();
        CliRun refused = flotilla("rollback", "--deployment", id, "--yes");

        assertThat(dryRun.get("ok").asBoolean()).isFalse();
        assertThat(dryRun.at("/errors/0/code").asText()).isEqualTo("ROLLBACK_REFUSED");
        assertThat(dryRun.at("/errors/0/message").asText()).contains("orders (2 tenants)", "the rows of 2 tenants");
        assertThat(dryRun.at("/data/tenants").size()).as("the dry run itself is still reported").isEqualTo(2);
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.err()).contains("drop the tenant column tenant_id from 1 table(s)", "orders (2 tenants)",
                "Nothing was rolled back.");
        assertThat(TestDatabases.snapshot(target).tables().get(0).columns()).anyMatch(c -> c.name().equals("tenant_id"));
        assertThat(flotilla("deployments", "list", "--json").json().at("/data/deployments").size())
                .as("the deploy alone, no rollback recorded").isEqualTo(1);

        TestDatabases.execute(target, "DELETE FROM " + schema + ".orders WHERE tenant_id = 'globex'");
        CliRun rollback = flotilla("rollback", "--deployment", id, "--yes");
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(TestDatabases.snapshot(target).tables()).isEmpty();
    }

    @Test
    void a_target_that_cannot_be_read_when_the_guard_checks_it_is_refused_not_rolled_back_unchecked() throws Exception {
        String id = flotilla("deploy", "--all", "--yes", "--json").json().at("/data/deployment").asText();
        Path config = temp.resolve("flotilla.yml");
        // The shared schema's server moved (or is down): nothing answers on port 1.
        Files.writeString(config, Files.readString(config).replace(TestDatabases.POSTGRES_URL, "jdbc:postgresql://127.0.0.1:1/test"));

        CliRun refused = flotilla("rollback", "--deployment", id, "--yes");
        JsonNode dryRun = flotilla("rollback", "--all", "--steps", "1", "--dry-run", "--json").json();

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.err()).contains("could not be checked on 1 target(s)", "(tenants acme, globex)",
                "is not run there unchecked", "Nothing was rolled back.");
        assertThat(dryRun.at("/errors").findValuesAsText("message")).anySatisfy(m -> assertThat(m)
                .contains("could not be checked"));
        assertThat(flotilla("deployments", "list", "--json").json().at("/data/deployments").size())
                .as("the deploy alone, no rollback recorded").isEqualTo(1);
    }

    @Test
    void one_target_whose_history_shows_a_tenancy_adoption_is_guarded_without_tenant_column() throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("adopted"));
        Files.writeString(migrations.resolve("V1__orders.sql"), "CREATE TABLE orders (item text, quantity int);\n");
        Files.writeString(migrations.resolve("V2__adopt_tenant_id.sql"), "ALTER TABLE orders ADD COLUMN tenant_id text NOT NULL"
                + " DEFAULT 'acme';\n");
        Files.writeString(migrations.resolve("U2__adopt_tenant_id.sql"), "ALTER TABLE orders DROP COLUMN tenant_id;\n");
        String[] one = {"--url", TestDatabases.POSTGRES_URL, "--user", TestDatabases.POSTGRES_USER, "--schema", schema,
                "--migrations", migrations.toString()};
        assertThat(CliRun.of(concat(new String[] {"migrate"}, one)).exitCode()).isZero();
        TestDatabases.execute(target, "INSERT INTO " + schema + ".orders VALUES ('bolt', 1, 'acme'), ('bolt', 1, 'globex')");

        CliRun refused = CliRun.of(concat(new String[] {"rollback", "--steps", "1"}, one));

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.err()).contains("V2__adopt_tenant_id.sql (tenancy adopt) made this target a shared schema",
                "orders (2 tenants)", "Nothing was rolled back.");
        assertThat(TestDatabases.snapshot(target).table("orders").orElseThrow().columns())
                .anyMatch(c -> c.name().equals("tenant_id"));
    }

    @Test
    void one_target_the_configuration_in_reach_declares_a_shared_schema_is_guarded_with_its_tenant_column() throws Exception {
        assertThat(flotilla("deploy", "--all", "--yes").exitCode()).isZero();
        TestDatabases.execute(target, "INSERT INTO " + schema + ".orders VALUES ('bolt', 1, 'acme'), ('bolt', 1, 'globex')");

        CliRun refused = flotilla("rollback", "--steps", "1", "--url", TestDatabases.POSTGRES_URL, "--user",
                TestDatabases.POSTGRES_USER, "--schema", schema, "--migrations", temp.resolve("migrations").toString());

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.err()).contains("flotilla.yml declares", "a shared schema: its tenant column tenant_id"
                + " (tenancy.tenantColumn) is guarded", "orders (2 tenants)", "Nothing was rolled back.");
        assertThat(TestDatabases.snapshot(target).table("orders").orElseThrow().columns())
                .anyMatch(c -> c.name().equals("tenant_id"));
    }

    private static String[] concat(String[] first, String[] second) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(second))
                .toArray(String[]::new);
    }
}
