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
 * A PostgreSQL shared schema whose V2 set up row-level security on orders, its down file switching it off: the rollback's
 * dry run and the rollback itself warn that the policy no longer keeps the tenants apart (stderr and the JSON's
 * {@code warnings}), and, nothing being merged, the rollback runs. One target ({@code --url}) is warned the same way.
 */
class RollbackLostTenantFilterPostgresIT {
    @TempDir
    Path temp;
    final String schema = TestDatabases.uniqueName();
    final TargetSpec target = TestDatabases.postgres(schema);

    @BeforeEach
    void setUp() throws Exception {
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__orders.sql"), "CREATE TABLE orders (item text, tenant_id text NOT NULL);\n"
                + "CREATE INDEX orders_tenant ON orders (tenant_id);\n"
                + "INSERT INTO orders VALUES ('bolt', 'acme'), ('nut', 'globex');\n");
        Files.writeString(migrations.resolve("V2__rls.sql"), "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\n"
                + "CREATE POLICY tenant_isolation ON orders USING (tenant_id = current_setting('app.tenant_id', true));\n");
        Files.writeString(migrations.resolve("U2__rls.sql"), "DROP POLICY tenant_isolation ON orders;\n"
                + "ALTER TABLE orders DISABLE ROW LEVEL SECURITY;\n");
        SharedSchemaConfig.on(TestDatabases.POSTGRES_URL).schema(schema).user(TestDatabases.POSTGRES_USER).writeIn(temp);
        assertThat(flotilla("tenants", "add", "acme").exitCode()).isZero();
        assertThat(flotilla("tenants", "add", "globex").exitCode()).isZero();
        CliRun deploy = flotilla("deploy", "--all", "--yes");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
    }

    @AfterEach
    void tearDown() {
        TestDatabases.drop(target);
    }

    private CliRun flotilla(String... args) {
        return CliRun.withConfig(Map.of(), temp.resolve("flotilla.yml"), args);
    }

    @Test
    void the_dry_run_and_the_rollback_warn_that_row_level_security_is_switched_off_and_the_rollback_runs() throws Exception {
        CliRun dryRun = flotilla("rollback", "--all", "--steps", "1", "--dry-run", "--json");
        JsonNode json = dryRun.json();
        CliRun one = CliRun.of("rollback", "--steps", "1", "--dry-run", "--url", TestDatabases.POSTGRES_URL, "--user",
                TestDatabases.POSTGRES_USER, "--schema", schema, "--migrations", temp.resolve("migrations").toString(),
                "--tenant-column", "tenant_id");
        CliRun rollback = flotilla("rollback", "--all", "--steps", "1", "--yes");

        assertThat(json.get("ok").asBoolean()).as(json.toString()).isTrue();
        assertThat(json.at("/warnings/0").asText()).contains("U2__rls.sql switches row-level security off on orders: its"
                + " policy tenant_isolation (USING ", "every tenant's rows are visible", "flotilla tenancy rls");
        assertThat(dryRun.err()).contains("warning", "switches row-level security off on orders");
        assertThat(one.exitCode()).as(one.out() + one.err()).isZero();
        assertThat(one.err()).contains("switches row-level security off on orders");
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.err()).contains("switches row-level security off on orders");
        assertThat(TestDatabases.snapshot(target).table("orders").orElseThrow().rowSecurity().enabled()).isFalse();
    }
}
