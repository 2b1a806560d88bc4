package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Stopping a running deployment through the API, and what the console's pages then show: the tenant in flight (held by
 * a hook until the test lets it go) finishes, no other starts, the deployment ends stopped, and Resume continues it.
 */
class ConsoleStopIT extends ConsoleOverHttp {
    Path gate;

    @Override
    DemoConsole newDemo() throws Exception {
        gate = Files.createDirectories(folder.resolve("gate"));
        return new DemoConsole(folder.resolve("held"), DemoConsole.heldTenants(gate));
    }

    @Test
    void a_deployment_stopped_through_the_api_finishes_its_tenant_in_flight_starts_no_other_and_resume_continues_it()
            throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String viewer = demo.accounts.createToken("victor", "ci");
        String id = json(post("/api/v1/deployments", token, "{\"versions\": [\"3\"], \"all\": true}")).path("deployment").asText();
        await(() -> !DemoConsole.started(gate).isEmpty(), "a tenant is held in flight");
        assertThat(get("/deployments/" + id, null, adminSession()).body()).as("the Stop button of a running deployment")
                .contains("href=\"/deployments/" + id + "/stop\"");

        HttpResponse<String> refused = post("/api/v1/deployments/" + id + "/stop", viewer, "");
        HttpResponse<String> stop = post("/api/v1/deployments/" + id + "/stop", token, "");

        assertThat(refused.statusCode()).as("a viewer may not deploy, nor stop").isEqualTo(403);
        assertThat(stop.statusCode()).as(stop.body()).isEqualTo(202);
        assertThat(stop.headers().firstValue("Location")).hasValue("/api/v1/deployments/" + id);
        assertThat(json(stop).path("deployment").path("status").asText()).isEqualTo("running");
        assertThat(json(stop).path("deployment").path("stopRequest").path("by").asText()).isEqualTo("admin");
        await(() -> json(get("/api/v1/audit?action=deploy.stopping", token)).path("total").asInt() == 1,
                "the console's run saw the stop at its heartbeat");
        Files.createFile(gate.resolve("release"));
        JsonNode done = afterWork("/api/v1/deployments/" + id, token);

        assertThat(done.path("deployment").path("status").asText()).isEqualTo("stopped");
        Set<String> started = DemoConsole.started(gate);
        assertThat(started).as("one tenant at a time: only the one in flight ran").hasSize(1);
        for (JsonNode task : done.path("tasks")) {
            assertThat(task.path("status").asText()).as(task.toString())
                    .isEqualTo(started.contains(task.path("id").asText()) ? "succeeded" : "skipped");
        }
        JsonNode asked = json(get("/api/v1/audit?action=deploy.stop-requested", token)).path("entries");
        assertThat(asked.findValuesAsText("user")).containsExactly("admin");
        assertThat(asked.findValuesAsText("source")).containsExactly("127.0.0.1");
        assertThat(json(get("/api/v1/audit?action=deploy.finished", token)).path("entries").get(0).path("outcome").asText())
                .isEqualTo("stopped");
        String page = get("/deployments/" + id, null, adminSession()).body();
        assertThat(page).contains("id=\"stop-requested\"", "Stop requested by admin at ", "href=\"/deployments/" + id + "/resume\"")
                .doesNotContain("href=\"/deployments/" + id + "/stop\"");
        HttpResponse<String> again = post("/api/v1/deployments/" + id + "/stop", token, "");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).path("detail").asText()).contains("Cannot stop deployment " + id + ": it is not running, it"
                + " was stopped already.");
        HttpResponse<String> pageAgain = form(adminSession(), "/deployments/" + id + "/stop", "");
        assertThat(ConsoleNextStepsIT.unescaped(pageAgain.body())).as("the console names its own button and page")
                .contains("“Resume” on deployment " + id + "'s page (on the command line: `flotilla deploy --resume " + id
                        + "`) continues it. See deployment " + id + "'s page (on the command line: `flotilla deployments"
                        + " show " + id + "`).");

        HttpResponse<String> resume = post("/api/v1/deployments/" + id + "/resume", token, "");
        assertThat(resume.statusCode()).as(resume.body()).isEqualTo(202);
        JsonNode resumed = afterWork("/api/v1/deployments/" + id, token);
        assertThat(resumed.path("deployment").path("status").asText()).isEqualTo("succeeded");
        assertThat(resumed.path("tasks").findValuesAsText("status")).containsOnly("succeeded");
    }

    /** Something the test waits for, read again until true or a deadline. */
    interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
