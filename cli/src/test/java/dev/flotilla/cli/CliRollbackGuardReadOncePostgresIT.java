package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.PausableProxy;
import dev.flotilla.testing.TestDatabases;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL shared schema reached through a proxy that counts the merge guard's reads (its query counting the tenants
 * of the tables the down files take the tenant column from): the fleet's rollback reads the guard once, before its
 * question, and the rollback takes what it found instead of reading it again.
 */
class CliRollbackGuardReadOncePostgresIT {
    /** The end of the guard's count of the tenants whose rows the down files would merge ({@code TenantMerge}). */
    private static final byte[] GUARD_READ = ") merged".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;
    final String schema = TestDatabases.uniqueName();
    final TargetSpec target = TestDatabases.postgres(schema);
    PausableProxy proxy;
    String deployment;

    @BeforeEach
    void setUp() throws Exception {
        URI server = URI.create(TestDatabases.POSTGRES_URL.substring("jdbc:".length()));
        proxy = PausableProxy.to(server.getHost(), server.getPort());
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__orders.sql"), "CREATE TABLE orders (item text);\n"
                + "INSERT INTO orders VALUES ('bolt');\n");
        Files.writeString(migrations.resolve("U1__orders.sql"), "DROP TABLE orders;\n");
        Files.writeString(migrations.resolve("V2__tenant_id.sql"), "ALTER TABLE orders ADD COLUMN tenant_id text NOT NULL"
                + " DEFAULT 'acme';\nCREATE INDEX orders_tenant ON orders (tenant_id);\n");
        Files.writeString(migrations.resolve("U2__tenant_id.sql"), "ALTER TABLE orders DROP COLUMN tenant_id;\n");
        SharedSchemaConfig.on("jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getPath()).schema(schema)
                .user(TestDatabases.POSTGRES_USER).writeIn(temp);
        assertThat(flotilla("tenants", "add", "acme").exitCode()).isZero();
        assertThat(flotilla("tenants", "add", "globex").exitCode()).isZero();
        CliRun deploy = flotilla("deploy", "--all", "--yes", "--json");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        deployment = deploy.json().at("/data/deployment").asText();
    }

    @AfterEach
    void tearDown() throws Exception {
        proxy.close();
        TestDatabases.drop(target);
    }

    private CliRun flotilla(String... args) {
        return CliRun.withConfig(Map.of(), temp.resolve("flotilla.yml"), args);
    }

    @Test
    void the_fleets_rollback_reads_the_guard_once_for_its_question_and_its_run() throws Exception {
        proxy.countRequestsHolding(GUARD_READ);

        CliRun rollback = flotilla("rollback", "--all", "--steps", "1", "--yes");

        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(proxy.requestsHolding()).as("the guard's reads of the shared target").isEqualTo(1);
        assertThat(TestDatabases.snapshot(target).table("orders").orElseThrow().columns())
                .noneMatch(c -> c.name().equals("tenant_id"));
    }

    @Test
    void the_deployments_rollback_reads_the_guard_once_too() throws Exception {
        proxy.countRequestsHolding(GUARD_READ);

        CliRun rollback = flotilla("rollback", "--deployment", deployment, "--yes");

        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(proxy.requestsHolding()).as("the guard's reads of the shared target").isEqualTo(1);
    }
}
