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
 * A resume's text summary against its first line: a tenant that failed before and is not run again is in the summary's
 * total (and its JSON's), and the summary says so, so that "resumed: 2 tenant(s)" and "Total: 3" read as one account.
 * A retry that fixes the failed tenant while others are still skipped leaves the deployment stopped, not succeeded
 * (exit 1), until the resume it names runs them.
 */
class CliResumeSummaryH2IT {
    @TempDir
    Path temp;
    private final String url = "jdbc:h2:mem:flt_rs_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";

    @Test
    void a_resumes_total_says_how_many_of_it_failed_before_this_run_and_were_not_run_again() throws Exception {
        String config = fleetFailingOnM02();
        CliRun first = CliRun.of("deploy", "--all", "--yes", "--json", "--config", config);
        String deployment = first.json().at("/data/deployment").asText();

        CliRun resumed = CliRun.of("deploy", "--resume", deployment, "--yes", "--config", config);
        CliRun resumedAgain = CliRun.of("deploy", "--resume", deployment, "--yes", "--json", "--config", config);

        assertThat(first.json().at("/data/skipped").asInt()).as(first.out()).isEqualTo(2);
        assertThat(resumed.out()).as(resumed.out()).contains("Deployment " + deployment + " resumed: 2 tenant(s)\n")
                .contains("  Total: 3 (1 failed before this run, not run again)   Succeeded: 2   Failed: 1   Skipped: 0");
        JsonNode data = resumedAgain.json().at("/data");
        assertThat(List.of(data.path("total").asInt(), data.path("deploymentTotal").asInt(), data.path("alreadyDone").asInt()))
                .as("the JSON as it was: " + data).containsExactly(1, 4, 3);
    }

    @Test
    void a_retry_that_fixes_the_failed_tenant_leaves_the_deployment_stopped_until_a_resume_runs_the_skipped() throws Exception {
        String config = fleetFailingOnM02();
        CliRun first = CliRun.of("deploy", "--all", "--yes", "--json", "--config", config);
        String deployment = first.json().at("/data/deployment").asText();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE \"m02\".notes");
        }
        CliRun repaired = CliRun.of("repair", "--tenants", "m02", "--config", config);
        assertThat(repaired.exitCode()).as(repaired.out() + repaired.err()).isZero();

        CliRun retried = CliRun.of("deploy", "--retry-failed", deployment, "--yes", "--config", config);
        CliRun listed = CliRun.of("deployments", "list", "--json", "--config", config);

        assertThat(retried.out()).as(retried.out()).contains("succeeded m02")
                .contains("Deployment " + deployment + " stopped")
                .contains("2 skipped (`deploy --resume " + deployment + "` runs them)");
        assertThat(retried.err()).as(retried.err()).contains("2 of its tenant(s) (m03, m04) were never started")
                .contains("`flotilla deploy --resume " + deployment + "` runs them");
        assertThat(retried.exitCode()).as("two tenants never deployed: " + retried.out()).isEqualTo(1);
        assertThat(status(listed, deployment)).isEqualTo("stopped");

        CliRun resumed = CliRun.of("deploy", "--resume", deployment, "--yes", "--config", config);
        CliRun listedAgain = CliRun.of("deployments", "list", "--json", "--config", config);

        assertThat(resumed.exitCode()).as(resumed.out()).isZero();
        assertThat(status(listedAgain, deployment)).isEqualTo("succeeded");
    }

    private static String status(CliRun list, String deployment) {
        for (JsonNode d : list.json().at("/data/deployments")) {
            if (d.path("id").asText().equals(deployment)) {
                return d.path("status").asText();
            }
        }
        throw new AssertionError(deployment + " not listed: " + list.out());
    }

    /** Four tenants deployed one at a time, V1 failing on m02 (a table in its way): m03 and m04 are skipped after it. */
    private String fleetFailingOnM02() throws Exception {
        String config = H2Fleet.create(temp, url, H2Fleet.ONE_AT_A_TIME, Map.of("V1__notes.sql", "CREATE TABLE notes (id INT);\n"),
                List.of("m01", "m02", "m03", "m04"));
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA \"m02\"");
            s.execute("CREATE TABLE \"m02\".notes (x INT)"); // V1 fails on m02: m03 and m04 are skipped after it
        }
        return config;
    }
}
