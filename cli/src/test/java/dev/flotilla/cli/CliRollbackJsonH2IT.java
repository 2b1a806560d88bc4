package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * A fleet rollback's {@code --json} has the fields of a deploy's, so that one jq script reads both: {@code upToDate},
 * each tenant's versions {@code undone} (beside {@code applied}, their older name), and, resumed, {@code deploymentTotal}
 * and {@code alreadyDone}. H2 schemas, one tenant at a time; r2's down file fails, which skips the tenants after it.
 */
class CliRollbackJsonH2IT {
    @TempDir
    Path temp;

    @Test
    void a_rollback_and_its_resume_say_what_a_deploy_and_its_resume_say_with_the_versions_undone() throws Exception {
        String config = failingOnR2();

        CliRun rollback = CliRun.of("rollback", "--all", "--steps", "1", "--yes", "--json", "--config", config);
        JsonNode first = rollback.json().at("/data");
        CliRun resumed = CliRun.of("rollback", "--resume", first.get("deployment").asText(), "--json", "--config", config);
        JsonNode second = resumed.json().at("/data");

        assertThat(rollback.exitCode()).as(rollback.out()).isEqualTo(1);
        assertThat(first.get("upToDate").asInt()).as("every selected tenant is part of it: " + first).isZero();
        assertThat(first.get("skipped").asInt()).as("after r2 failed, no tenant started").isPositive();
        for (JsonNode tenant : first.get("tenants")) {
            assertThat(tenant.get("undone")).as(tenant.toString()).isEqualTo(tenant.get("applied"));
            if (tenant.get("status").asText().equals("succeeded")) {
                assertThat(tenant.get("undone").toString()).isEqualTo("[\"2\"]");
            }
        }
        assertThat(second.get("deploymentTotal").asInt()).as(second.toString()).isEqualTo(3);
        assertThat(second.get("alreadyDone").asInt()).isEqualTo(first.get("succeeded").asInt());
        assertThat(second.get("upToDate").asInt()).isZero();
        assertThat(second.get("succeeded").asInt()).as("the skipped ones: " + second).isEqualTo(first.get("skipped").asInt());
        assertThat(second.get("tenants")).filteredOn(t -> t.get("status").asText().equals("succeeded"))
                .allSatisfy(t -> assertThat(t.get("undone").toString()).isEqualTo("[\"2\"]"));
    }

    @Test
    void a_rollback_s_resume_says_of_its_tenants_how_many_it_ran_and_how_many_had_succeeded_before_as_deploy_s_does()
            throws Exception {
        String config = failingOnR2();
        String rollback = CliRun.of("rollback", "--all", "--steps", "1", "--yes", "--json", "--config", config).json()
                .at("/data/deployment").asText();

        CliRun resumed = CliRun.of("rollback", "--resume", rollback, "--config", config);

        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isEqualTo(1);
        assertThat(resumed.out()).contains("  Of the deployment's 3 tenant(s), the 1 above and 1 that had succeeded before"
                + " this run, 1 failed (`deploy --retry-failed " + rollback + "` runs them).");
    }

    /** Three H2 schemas deployed to V2, one at a time, whose r2 has lost the table its U2 drops; the configuration file. */
    private String failingOnR2() throws Exception {
        String url = "jdbc:h2:mem:rbjson_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        String config = H2Fleet.create(temp, url, H2Fleet.ONE_AT_A_TIME, Map.of("V1__notes.sql", "CREATE TABLE notes (id INT);\n",
                "V2__tags.sql", "CREATE TABLE tags (id INT);\n", "U2__tags.sql", "DROP TABLE tags;\n"), List.of("r1", "r2", "r3"));
        assertThat(CliRun.of("deploy", "--all", "--yes", "--config", config).exitCode()).isZero();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE \"r2\".tags"); // U2 fails there
        }
        return config;
    }
}
