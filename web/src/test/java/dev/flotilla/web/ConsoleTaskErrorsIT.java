package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A task's error as the control plane keeps it names the commands the command line runs; the console's deployment and
 * tenant pages say the ones it has a button for as that button (the command kept as a hint), the API as it was kept.
 */
class ConsoleTaskErrorsIT extends ConsoleOverHttp {

    @Test
    void an_interrupted_tasks_error_names_the_resume_button_on_the_deployment_pages_and_the_command_in_the_api()
            throws Exception {
        String id = interruptedDeployment("root", "atelier_nord");
        String token = demo.accounts.createToken("admin", "ci");
        String session = adminSession();

        String deployment = ConsoleNextStepsIT.unescaped(get("/deployments/" + id, null, session).body());
        String confirm = ConsoleNextStepsIT.unescaped(get("/deployments/" + id + "/resume", null, session).body());
        JsonNode api = json(get("/api/v1/deployments/" + id, token));

        String button = "run “Resume” on deployment " + id + "'s page (on the command line: `flotilla deploy --resume " + id + "`).";
        assertThat(deployment).as("the deployment's page").contains("history shows nothing applied", button);
        assertThat(confirm).as("the Resume confirmation on the deployment's page").contains(button);
        String kept = api.path("tasks").get(0).path("error").asText();
        assertThat(kept).as("the API, as the plane keeps it").endsWith("run `flotilla deploy --resume " + id + "`.")
                .doesNotContain("“Resume”");
    }

    @Test
    void a_failed_tenants_last_error_names_the_consoles_buttons_on_its_page_and_the_dashboard() throws Exception {
        onTenant("maison_atelier", "CREATE TABLE serial_quarantine (id INTEGER)");
        String id = demo.deployedOneByOne(List.of(TenantId.of("maison_atelier")));
        String session = adminSession();

        String tenant = ConsoleNextStepsIT.unescaped(get("/tenants/maison_atelier", null, session).body());
        String dashboard = ConsoleNextStepsIT.unescaped(get("/", null, session).body());
        String kept = demo.fleet.plane().tenants().find(TenantId.of("maison_atelier")).orElseThrow().lastError();

        String button = "run again (“Retry failed” on deployment " + id + "'s page (on the command line: `flotilla deploy"
                + " --retry-failed " + id + "`) for a deployment's failed tenants)";
        assertThat(tenant).as("the tenant's page, its history recording version 1: baseline refused there, not advised")
                .contains(button, "so baseline is refused").doesNotContain("`flotilla baseline --tenants");
        assertThat(dashboard).as("the dashboard").contains(button);
        assertThat(kept).as("as the plane keeps it").contains("run again (`flotilla deploy --retry-failed " + id + "` for")
                .doesNotContain("“Retry failed”");
    }
}
