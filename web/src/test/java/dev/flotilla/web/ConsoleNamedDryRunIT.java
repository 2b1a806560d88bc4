package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A deployment through the API naming its dry run goes ahead only for exactly the files that dry run tested, whichever
 * versions below the newest it names, and not on a tenant changed since the dry run started (the rule
 * deploy.requireTested holds a tenant's newest dry run to). The demo's fleet: V1 applied everywhere, V2 and V3 pending.
 */
class ConsoleNamedDryRunIT extends ConsoleOverHttp {
    @Test
    void a_deploy_naming_a_dry_run_is_refused_on_a_tenant_a_deployment_changed_since_and_let_through_on_the_others()
            throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String dryRun = dryRun(token, "3", "default", "bistro_lumiere");
        deployedToDefault(token, "2");

        HttpResponse<String> refused = deploy(token, "3", List.of("default", "bistro_lumiere"), named(dryRun));
        int deployments = json(get("/api/v1/deployments", token)).path("total").asInt();
        HttpResponse<String> unchanged = deploy(token, "3", List.of("bistro_lumiere"), named(dryRun));
        JsonNode done = afterWork("/api/v1/deployments/" + json(unchanged).path("deployment").asText(), token);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).path("errorCode").asText()).isEqualTo("NOT_TESTED");
        assertThat(json(refused).path("detail").asText()).contains("1 tenant(s) changed (a deployment, rollback, restore or"
                + " repair) since dry run " + dryRun + " started", "which tested them as they were: default.",
                "`flotilla dry-run --tenants default`").doesNotContain("bistro_lumiere");
        assertThat(deployments).as("the refused one recorded none").isEqualTo(json(get("/api/v1/deployments", token))
                .path("total").asInt() - 1);
        assertThat(json(get("/api/v1/tenants/default", token)).path("currentVersion").asText()).isEqualTo("2");
        assertThat(unchanged.statusCode()).as(unchanged.body()).isEqualTo(202);
        assertThat(done.path("tasks").findValuesAsText("status")).containsExactly("succeeded");
        assertThat(json(get("/api/v1/audit?action=deploy.requested", token)).path("entries").get(1).path("outcome").asText())
                .as("the refusal is audited").isEqualTo("denied");
    }

    @Test
    void a_deploy_naming_a_dry_run_of_the_same_files_by_other_versions_goes_ahead_and_one_of_other_files_names_the_file()
            throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String throughThree = dryRun(token, "3", "default");
        String throughTwo = dryRun(token, "2", "default");

        HttpResponse<String> lower = deploy(token, "2", List.of("default"), named(throughThree));
        HttpResponse<String> higher = deploy(token, "3", List.of("default"), named(throughTwo));
        HttpResponse<String> sameFiles = post("/api/v1/deployments", token, "{\"versions\": [\"2\", \"3\"], \"tenants\":"
                + " [\"default\"]" + named(throughThree) + "}");
        JsonNode done = afterWork("/api/v1/deployments/" + json(sameFiles).path("deployment").asText(), token);

        assertThat(lower.statusCode()).as(lower.body()).isEqualTo(409);
        assertThat(json(lower).path("detail").asText()).contains("Dry run " + throughThree + " tested"
                + " V3__notification_configurations.sql too, which this deploy would not apply", "(\"versions\" up to 3)");
        assertThat(higher.statusCode()).as(higher.body()).isEqualTo(409);
        assertThat(json(higher).path("detail").asText()).contains("Dry run " + throughTwo + " did not test"
                + " V3__notification_configurations.sql, which this deploy would apply (it tested the files up to version 2)");
        assertThat(sameFiles.statusCode()).as(sameFiles.body()).isEqualTo(202);
        assertThat(done.path("tasks").get(0).path("applied").toString()).isEqualTo("[\"2\",\"3\"]");
    }

    private String dryRun(String token, String version, String... tenants) throws Exception {
        String names = String.join("\", \"", tenants);
        String id = json(post("/api/v1/dry-runs", token, "{\"versions\": [\"" + version + "\"], \"tenants\": [\"" + names
                + "\"]}")).path("id").asText();
        assertThat(afterWork("/api/v1/dry-runs/" + id, token).path("status").asText()).isEqualTo("done");
        return id;
    }

    private static String named(String dryRun) {
        return ", \"dryRun\": \"" + dryRun + "\"";
    }
}
