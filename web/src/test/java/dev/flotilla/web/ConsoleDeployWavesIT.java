package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.AuditLog;
import dev.flotilla.control.TaskRecord;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A deploy of the API at a concurrency, a per-server limit and with canaries of its own, as
 * {@code deploy --concurrency N}, {@code --per-server N} and {@code --canary a,b} / {@code --canary-percent P}: recorded with the deployment and audited as the command line's,
 * a value the command line refuses refused in its words before anything is recorded.
 */
class ConsoleDeployWavesIT extends ConsoleOverHttp {
    @Test
    void a_deploy_with_a_concurrency_a_per_server_limit_and_a_canary_runs_the_canary_first_and_records_them_as_the_command_line()
            throws Exception {
        String token = demo.accounts.createToken("admin", "ci");

        HttpResponse<String> started = deploy(token, "2", List.of("default", "atelier_nord", "atelier_sud"),
                ", \"concurrency\": 1, \"perServer\": 1, \"canary\": [\"atelier_nord\"]");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = json(started).path("deployment").asText();
        assertThat(afterWork("/api/v1/deployments/" + id, token).at("/deployment/status").asText()).isEqualTo("succeeded");
        assertThat(demo.fleet.plane().deployments().require(id).options()).contains("concurrency=1 perServer=1 ")
                .contains("canary=[atelier_nord]");
        assertThat(demo.fleet.plane().deployments().tasks(id)).filteredOn(t -> t.wave() == 0).extracting(TaskRecord::tenant)
                .extracting(t -> t.value()).containsExactly("atelier_nord");
        assertThat(demo.fleet.plane().audit().ofDeployment(id, List.of("deploy.requested", "deploy.started")))
                .extracting(e -> e.action() + ": " + e.details())
                .anyMatch(line -> line.startsWith("deploy.requested: ") && line.endsWith("; concurrency 1; per-server 1; canary atelier_nord"))
                .anyMatch(line -> line.startsWith("deploy.started: ") && line.contains("concurrency=1 perServer=1 ")
                        && line.contains("canary=[atelier_nord]"));
    }

    @Test
    void a_canary_percent_takes_that_share_of_the_tenants_first() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");

        String id = json(deploy(token, "2", List.of("default", "atelier_nord", "atelier_sud"), ", \"canaryPercent\": 30"))
                .path("deployment").asText();

        afterWork("/api/v1/deployments/" + id, token);
        assertThat(demo.fleet.plane().deployments().require(id).options()).contains("canaryPercent=30")
                .contains("concurrency=" + demo.fleet.deploy().concurrency() + " ");
        assertThat(demo.fleet.plane().deployments().tasks(id)).filteredOn(t -> t.wave() == 0).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"concurrency\": 300 | \"concurrency\" must be between 1 and 256, was 300.",
            "\"perServer\": 0 | \"perServer\" must be 1 or more, was 0."})
    void a_concurrency_or_per_server_limit_the_command_line_refuses_is_refused_in_its_words_and_audited_before_anything_runs(
            String given, String refusal) throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        int deployments = demo.fleet.plane().deployments().count();

        HttpResponse<String> refused = deploy(token, "2", List.of("default"), ", " + given);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("detail").asText()).isEqualTo(refusal);
        assertThat(demo.fleet.plane().deployments().count()).as("none started").isEqualTo(deployments);
        assertThat(demo.fleet.plane().audit().page(new AuditLog.Filter("admin", "deploy.requested", null), 0, 5))
                .extracting(AuditLog.Entry::outcome).containsExactly("denied");
    }

    @Test
    void a_canary_and_a_canary_percent_together_are_refused_as_the_command_line_refuses_both_flags() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");

        HttpResponse<String> refused = deploy(token, "2", List.of("default"), ", \"canary\": [\"default\"], \"canaryPercent\": 10");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("detail").asText()).isEqualTo("Give \"canary\" or \"canaryPercent\", not both.");
    }

    @Test
    void a_canary_not_among_the_tenants_deployed_to_is_refused_before_the_deployment_is_recorded() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        int deployments = demo.fleet.plane().deployments().count();

        HttpResponse<String> refused = deploy(token, "2", List.of("default"), ", \"canary\": [\"atelier_nord\"]");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused).path("detail").asText()).isEqualTo("Canary tenant atelier_nord is not among the selected tenants.");
        assertThat(demo.fleet.plane().deployments().count()).as("none recorded").isEqualTo(deployments);
        assertThat(demo.fleet.plane().audit().page(new AuditLog.Filter("admin", "deploy.requested", null), 0, 5))
                .extracting(AuditLog.Entry::outcome).containsExactly("denied");
    }
}
