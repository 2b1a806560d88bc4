package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A dry run's out-of-order choice (the API's "outOfOrder", the wizard's "Out of order") as the control plane keeps it:
 * answered with the dry run, after a restart of the console too, and compared by a deployment naming the dry run.
 */
class ConsoleOutOfOrderIT extends ConsoleOverHttp {
    @Test
    void a_dry_runs_out_of_order_choice_is_answered_from_the_control_plane_after_a_restart_too() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        String ticked = dryRun(admin, "default", true);
        String plain = dryRun(admin, "default", false);
        JsonNode tickedKept = afterWork("/api/v1/dry-runs/" + ticked, admin);
        JsonNode plainKept = json(get("/api/v1/dry-runs/" + plain, admin));
        demo.restart();
        JsonNode tickedRecorded = json(get("/api/v1/dry-runs/" + ticked, admin));
        JsonNode plainRecorded = json(get("/api/v1/dry-runs/" + plain, admin));

        assertThat(tickedKept.path("outOfOrder").toString()).as(tickedKept.toString()).isEqualTo("true");
        assertThat(plainKept.path("outOfOrder").toString()).as(plainKept.toString()).isEqualTo("false");
        assertThat(tickedRecorded.path("detailsAvailable").asBoolean(true)).as("the control plane's record").isFalse();
        assertThat(tickedRecorded.path("outOfOrder").toString()).as(tickedRecorded.toString()).isEqualTo("true");
        assertThat(plainRecorded.path("outOfOrder").toString()).as(plainRecorded.toString()).isEqualTo("false");
    }

    @Test
    void a_deployment_naming_a_dry_run_says_when_its_out_of_order_choice_is_not_the_dry_runs() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        String tickedRun = dryRun(admin, "default", true);
        String plainRun = dryRun(admin, "bistro_lumiere", false);
        String otherPlainRun = dryRun(admin, "maison_atelier", false);
        afterWork("/api/v1/dry-runs/" + tickedRun, admin);

        JsonNode withoutIt = deployed(admin, "default", tickedRun, false);
        JsonNode withIt = deployed(admin, "maison_atelier", otherPlainRun, true);
        JsonNode same = deployed(admin, "bistro_lumiere", plainRun, false);
        JsonNode untested = json(post("/api/v1/deployments", admin, "{\"versions\": [\"3\"], \"tenants\": [\"atelier_nord\"]}"));
        afterWork("/api/v1/deployments/" + untested.path("deployment").asText(), admin);
        String audited = json(get("/api/v1/audit?action=deploy.requested", admin)).path("entries").toString();

        assertThat(withoutIt.path("deployment").isTextual()).as(withoutIt.toString()).isTrue();
        assertThat(withoutIt.path("outOfOrder").toString()).isEqualTo("false");
        assertThat(withoutIt.path("dryRunOutOfOrder").toString()).isEqualTo("true");
        assertThat(withoutIt.path("notice").asText()).contains("Dry run " + tickedRun + " ran out-of-order migrations too",
                "Give \"outOfOrder\": true");
        assertThat(withIt.path("dryRunOutOfOrder").toString()).as(withIt.toString()).isEqualTo("false");
        assertThat(withIt.path("notice").asText()).contains("dry run " + otherPlainRun + " ran without", "was not tested");
        assertThat(same.path("dryRunOutOfOrder").toString()).as(same.toString()).isEqualTo("false");
        assertThat(same.path("notice").isNull()).as("the same choice").isTrue();
        assertThat(untested.path("outOfOrder").toString()).as(untested.toString()).isEqualTo("false");
        assertThat(untested.has("dryRunOutOfOrder")).as("no dry run named").isFalse();
        assertThat(audited).contains("ran out-of-order migrations too", "was not tested");
    }

    /** Starts a dry run of version 3 on one tenant; its id. */
    private String dryRun(String token, String tenant, boolean outOfOrder) throws Exception {
        HttpResponse<String> started = post("/api/v1/dry-runs", token, "{\"versions\": [\"3\"], \"tenants\": [\"" + tenant
                + "\"], \"outOfOrder\": " + outOfOrder + "}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return json(started).path("id").asText();
    }

    /** Deploys version 3 to one tenant after the dry run, waits for it to end, and gives the deployment request's answer. */
    private JsonNode deployed(String token, String tenant, String dryRun, boolean outOfOrder) throws Exception {
        JsonNode answer = json(post("/api/v1/deployments", token, "{\"versions\": [\"3\"], \"tenants\": [\"" + tenant
                + "\"], \"dryRun\": \"" + dryRun + "\", \"outOfOrder\": " + outOfOrder + "}"));
        afterWork("/api/v1/deployments/" + answer.path("deployment").asText(), token);
        return answer;
    }
}
