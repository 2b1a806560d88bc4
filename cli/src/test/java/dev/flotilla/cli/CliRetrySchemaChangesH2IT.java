package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retry's schema changes are what its own attempt created: the tables an earlier attempt made before it failed are
 * not counted again, and a retry that failed again, creating nothing, prints no schema changes.
 */
class CliRetrySchemaChangesH2IT {
    @TempDir
    Path temp;
    private final String url = "jdbc:h2:mem:flt_rsc_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

    @Test
    void a_retry_counts_only_the_tables_its_own_attempt_created() throws Exception {
        String config = H2Fleet.create(temp, url, H2Fleet.ONE_AT_A_TIME, Map.of("V1__customers.sql",
                "CREATE TABLE customers (id INT);\n", "V2__notes.sql", "CREATE TABLE notes (id INT);\n"), List.of("m01"));
        byHand("CREATE SCHEMA \"m01\"", "CREATE TABLE \"m01\".notes (x INT)"); // V1 applies, V2 fails
        CliRun first = CliRun.of("deploy", "--all", "--yes", "--json", "--config", config);
        String deployment = first.json().at("/data/deployment").asText();

        CliRun failedAgain = CliRun.of("deploy", "--retry-failed", deployment, "--yes", "--config", config);
        byHand("DROP TABLE \"m01\".notes");
        assertThat(CliRun.of("repair", "--tenants", "m01", "--config", config).exitCode()).isZero();
        CliRun retried = CliRun.of("deploy", "--retry-failed", deployment, "--yes", "--config", config);

        assertThat(failedAgain.out()).as(failedAgain.out()).contains("FAILED m01").doesNotContain("Schema changes");
        assertThat(retried.out()).as(retried.out()).contains("succeeded m01", "Tables created: notes on 1 tenant(s)")
                .doesNotContain("customers");
    }

    private void byHand(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
