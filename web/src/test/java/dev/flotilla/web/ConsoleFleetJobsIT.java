package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/**
 * The console's fleet jobs (dry runs, drift checks, verifies) and deployments as the command line has them: its options,
 * its words in JSON, its audit of a run that failed as a whole, and the time a deployment spent running.
 */
class ConsoleFleetJobsIT extends ConsoleOverHttp {
    @Test
    void a_drift_check_or_verify_that_fails_as_a_whole_is_audited_as_failed() throws Exception {
        String token = demo.accounts.createToken("olivia", "ci");
        // The control plane refuses what the checks record, as one that went away in the middle would.
        onControlPlane("ALTER TABLE drift_checks RENAME TO webjobs_h_drift_checks", "ALTER TABLE verifications RENAME TO webjobs_h_verifications");

        JsonNode drift = afterWork(post("/api/v1/drift", token, "{\"tenants\": [\"default\"]}").headers().firstValue("Location")
                .orElseThrow(), token);
        JsonNode verify = afterWork(post("/api/v1/verify", token, "{\"tenants\": [\"default\"]}").headers().firstValue("Location")
                .orElseThrow(), token);
        java.util.List<JsonNode> driftAudit = audited(token, "drift");
        java.util.List<JsonNode> verifyAudit = audited(token, "verify");

        assertThat(drift.path("status").asText()).as(drift.toString()).isEqualTo("failed");
        assertThat(verify.path("status").asText()).as(verify.toString()).isEqualTo("failed");
        assertThat(driftAudit).as("the drift check's end").hasSize(1);
        assertThat(driftAudit.get(0).path("outcome").asText()).isEqualTo("failed");
        assertThat(driftAudit.get(0).path("details").asText()).startsWith("could not run: ").contains("DRIFT_CHECKS");
        assertThat(driftAudit.get(0).path("user").asText()).isEqualTo("olivia");
        assertThat(verifyAudit).as("the verify's end").hasSize(1);
        assertThat(verifyAudit.get(0).path("outcome").asText()).isEqualTo("failed");
        assertThat(verifyAudit.get(0).path("tenant").asText()).isEqualTo("default");
    }

    /** The audit entries of exactly this action (the API's filter takes its prefix: drift.requested too), newest first. */
    java.util.List<JsonNode> audited(String token, String action) throws Exception {
        return java.util.stream.StreamSupport.stream(json(get("/api/v1/audit?action=" + action, token)).path("entries").spliterator(), false)
                .filter(e -> e.path("action").asText().equals(action)).toList();
    }

    /** Runs SQL on the demo's control plane itself, beside the console. */
    void onControlPlane(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(dev.flotilla.control.ControlPlane.embeddedUrl(folder),
                dev.flotilla.control.ControlPlane.EMBEDDED_USER, "")) {
            for (String sql : statements) {
                c.createStatement().execute(sql);
            }
        }
    }
}
