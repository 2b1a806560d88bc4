package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A dry run's out-of-order choice (the API's "outOfOrder", the wizard's "Out of order") as the control plane keeps it:
 * answered with the dry run, after a restart of the console too, and a deployment naming the dry run refused when its
 * own choice differs; the wizard's deploy makes the test's choice.
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
    void a_deployment_naming_a_dry_run_is_refused_when_its_out_of_order_choice_is_not_the_dry_runs() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        String tickedRun = dryRun(admin, "default", true);
        String plainRun = dryRun(admin, "bistro_lumiere", false);
        String unrecordedRun = dryRun(admin, "maison_atelier", false);
        afterWork("/api/v1/dry-runs/" + tickedRun, admin);
        // As a dry run recorded before the choice was kept (control-plane migration V18) reads.
        onControlPlane("UPDATE fleet_dry_runs SET out_of_order = NULL WHERE id = '" + unrecordedRun + "'");
        int deploymentsBefore = json(get("/api/v1/deployments", admin)).path("total").asInt();

        HttpResponse<String> withoutIt = deploy(admin, "default", tickedRun, false);
        HttpResponse<String> withIt = deploy(admin, "bistro_lumiere", plainRun, true);
        HttpResponse<String> withItUnrecorded = deploy(admin, "maison_atelier", unrecordedRun, true);
        int deploymentsAfterRefusals = json(get("/api/v1/deployments", admin)).path("total").asInt();
        JsonNode asTicked = deployed(admin, "default", tickedRun, true);
        JsonNode asPlain = deployed(admin, "bistro_lumiere", plainRun, false);
        JsonNode withoutItUnrecorded = deployed(admin, "maison_atelier", unrecordedRun, false);

        assertThat(withoutIt.statusCode()).as(withoutIt.body()).isEqualTo(409);
        assertThat(json(withoutIt).path("title").asText()).isEqualTo("Not what was tested");
        assertThat(json(withoutIt).path("detail").asText()).contains("Dry run " + tickedRun + " ran with out-of-order"
                + " migrations allowed", "Deploy as tested, with \"outOfOrder\": true, or dry-run again without it");
        assertThat(withIt.statusCode()).as(withIt.body()).isEqualTo(409);
        assertThat(json(withIt).path("detail").asText()).contains("dry run " + plainRun + " ran without", "was not tested",
                "Deploy as tested, without \"outOfOrder\", or dry-run again with \"outOfOrder\": true");
        assertThat(withItUnrecorded.statusCode()).as(withItUnrecorded.body()).isEqualTo(409);
        assertThat(json(withItUnrecorded).path("detail").asText()).contains("dry run " + unrecordedRun + " was recorded"
                + " before a dry run's out-of-order choice was kept");
        assertThat(deploymentsAfterRefusals).as("nothing recorded for the refused ones").isEqualTo(deploymentsBefore);
        assertThat(asTicked.path("deployment").isTextual()).as(asTicked.toString()).isTrue();
        assertThat(asTicked.path("outOfOrder").toString()).isEqualTo("true");
        assertThat(asTicked.path("dryRunOutOfOrder").toString()).isEqualTo("true");
        assertThat(asTicked.has("notice")).as("no longer answered: a difference is refused").isFalse();
        assertThat(asPlain.path("deployment").isTextual()).as(asPlain.toString()).isTrue();
        assertThat(asPlain.path("dryRunOutOfOrder").toString()).isEqualTo("false");
        assertThat(withoutItUnrecorded.path("deployment").isTextual()).as(withoutItUnrecorded.toString()).isTrue();
        assertThat(withoutItUnrecorded.path("dryRunOutOfOrder").isNull()).as(withoutItUnrecorded.toString()).isTrue();
    }

    @Test
    void a_deployment_naming_no_dry_run_answers_its_out_of_order_choice_alone() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");

        JsonNode untested = json(post("/api/v1/deployments", admin, "{\"versions\": [\"3\"], \"tenants\": [\"atelier_nord\"]}"));
        afterWork("/api/v1/deployments/" + untested.path("deployment").asText(), admin);

        assertThat(untested.path("outOfOrder").toString()).as(untested.toString()).isEqualTo("false");
        assertThat(untested.has("dryRunOutOfOrder")).as("no dry run named").isFalse();
    }

    @Test
    void the_wizard_deploys_out_of_order_as_its_test_ran_whatever_its_form_sends() throws Exception {
        String admin = demo.accounts.createToken("admin", "ci");
        var form = formsOf(adminSession());
        form.apply("/wizard/files", "version=3");
        form.apply("/wizard/tenants/toggle", "id=default&selected=on");
        form.apply("/wizard/test", "");
        afterWork("/api/v1/tenants/default", admin);

        HttpResponse<String> deploy = form.apply("/wizard/deploy", "outOfOrder=on");
        JsonNode deployed = afterWork("/api/v1" + deploy.headers().firstValue("Location").orElseThrow(), admin);

        assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(303);
        assertThat(deployed.path("deployment").path("options").asText()).as(deployed.toString()).doesNotContain("outOfOrder");
        assertThat(deployed.path("tasks").get(0).path("status").asText()).isEqualTo("succeeded");
    }

    /** Starts a dry run of version 3 on one tenant; its id. */
    private String dryRun(String token, String tenant, boolean outOfOrder) throws Exception {
        HttpResponse<String> started = post("/api/v1/dry-runs", token, "{\"versions\": [\"3\"], \"tenants\": [\"" + tenant
                + "\"], \"outOfOrder\": " + outOfOrder + "}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return json(started).path("id").asText();
    }

    /** Asks to deploy version 3 to one tenant after the dry run; the answer. */
    private HttpResponse<String> deploy(String token, String tenant, String dryRun, boolean outOfOrder) throws Exception {
        return deploy(token, "3", List.of(tenant), ", \"dryRun\": \"" + dryRun + "\", \"outOfOrder\": " + outOfOrder);
    }

    /** Deploys version 3 to one tenant after the dry run, waits for it to end, and gives the deployment request's answer. */
    private JsonNode deployed(String token, String tenant, String dryRun, boolean outOfOrder) throws Exception {
        HttpResponse<String> started = deploy(token, tenant, dryRun, outOfOrder);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode answer = json(started);
        afterWork("/api/v1/deployments/" + answer.path("deployment").asText(), token);
        return answer;
    }
}
