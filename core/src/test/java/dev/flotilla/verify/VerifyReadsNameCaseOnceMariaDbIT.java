package dev.flotilla.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.schema.SchemaSnapshot;
import dev.flotilla.schema.SnapshotReader;
import dev.flotilla.sql.Jdbc;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import dev.flotilla.testing.PausableProxy;
import dev.flotilla.testing.TestDatabases;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The checks of one MariaDB target, reached through a proxy that counts the statements reading how the server tells
 * table names apart ({@code lower_case_table_names}): fk-rules and tenant-column both compare configured names by it,
 * and a verify reads it once for both.
 */
class VerifyReadsNameCaseOnceMariaDbIT {
    private static final byte[] NAME_CASE = "lower_case_table_names".getBytes(StandardCharsets.UTF_8);

    private final String database = TestDatabases.uniqueName();

    @AfterEach
    void dropDatabase() {
        TestDatabases.drop(TestDatabases.mariadb(database));
    }

    @Test
    void a_verify_with_fk_rules_and_a_tenant_column_reads_how_the_server_tells_names_apart_once() throws Exception {
        URI server = URI.create(TestDatabases.MARIADB_URL.substring("jdbc:".length()));
        try (PausableProxy proxy = PausableProxy.to(server.getHost(), server.getPort());
             TargetSession session = TargetSession.open(new TargetSpec("jdbc:mariadb://127.0.0.1:" + proxy.port() + "/test",
                     TestDatabases.MARIADB_USER, null, database, null), true)) {
            for (String statement : VerifyFixture.GOOD.split(";\\s*")) {
                if (!statement.isBlank()) {
                    Jdbc.execute(session.connection(), statement);
                }
            }
            SchemaSnapshot snapshot = SnapshotReader.of(session);
            CheckContext context = new CheckContext(session.connection(), session.dialect(), session.schema(),
                    "tenant_migrations", snapshot, VerifyFixture.ALL, TenantScope.WHOLE_TARGET, null, null, List.of(), null,
                    null);

            proxy.countRequestsHolding(NAME_CASE);
            List<CheckResult> results = Verifier.run(context);

            assertThat(results).filteredOn(r -> r.id().equals("fk-rules") || r.id().equals("tenant-column"))
                    .as(results.toString()).hasSize(2).allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.PASSED));
            assertThat(proxy.requestsHolding()).as("reads of lower_case_table_names").isEqualTo(1);
        }
    }
}
