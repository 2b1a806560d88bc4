package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.web.WebConsole;
import dev.flotilla.web.WebSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fleet dry run of the command line (a CI job's) is recorded by its id as the console's are, so that a deploy through
 * the API naming it goes through the same gate: let through while the files are as tested, refused NOT_TESTED once one
 * is edited. And {@code dry-run --to}, the dry run a deploy of a chosen version refused as untested asks for. PostgreSQL
 * tenants t00 and t01; the console runs in this process on the same control plane.
 */
class CliDryRunRecordedIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");
    private final HttpClient http = HttpClient.newHttpClient();
    private FleetContext context;
    private WebConsole console;
    private String token;

    @BeforeEach
    void setUp() {
        fleet.addTenants(2);
        fleet.run("user", "add", "ci", "--role", "platform_super_admin", "--password-env", "TENANT_DB_PASSWORD");
        token = fleet.run("user", "token", "ci", "--label", "pipeline", "--json").json().at("/data/token").asText();
    }

    @AfterEach
    void stopConsole() {
        if (console != null) {
            console.stop();
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void an_api_deploy_naming_the_command_lines_dry_run_is_let_through_and_its_page_says_who_ran_it() throws Exception {
        CliRun text = fleet.run("dry-run", "--all");
        CliRun dryRun = fleet.run("dry-run", "--all", "--json");
        String id = dryRun.json().at("/data/dryRunId").asText();
        start(Map.of());

        JsonNode shown = get("/api/v1/dry-runs/" + id);
        HttpResponse<String> deploy = post("/api/v1/deployments", "{\"versions\": [\"2\"], \"all\": true, \"dryRun\": \"" + id
                + "\"}");

        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("Recorded as dry run [0-9a-f-]{36}: a deploy of the console or the API may name"
                + " it \\(\"dryRun\"\\) with \"versions\": \\[\"2\"\\]");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(shown.get("status").asText()).isEqualTo("done");
        assertThat(shown.get("user").asText()).isEqualTo(context.actor());
        assertThat(shown.get("fromCommandLine").asBoolean()).as(shown.toString()).isTrue();
        assertThat(shown.at("/versions").toString()).isEqualTo("[\"2\"]");
        assertThat(shown.at("/tenants")).extracting(t -> t.get("id").asText()).containsExactly("t00", "t01");
        assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(202);
        String deployment = JSON.readTree(deploy.body()).get("deployment").asText();
        assertThat(awaitFinished(deployment).at("/deployment/status").asText()).isEqualTo("succeeded");
        assertThat(fleet.applied("t00")).containsExactly("1", "2");
    }

    @Test
    void a_dry_run_no_tenant_passed_does_not_offer_itself_to_a_deploy() throws Exception {
        fleet.migration("V3__broken.sql", "ALTER TABLE no_such_table ADD COLUMN x int;");

        CliRun text = fleet.run("dry-run", "--all");

        assertThat(text.exitCode()).as(text.out() + text.err()).isEqualTo(1);
        assertThat(text.out()).containsPattern("Recorded as dry run [0-9a-f-]{36}: no tenant passed it, so a deploy of the"
                + " console or the API naming it \\(\"dryRun\"\\) reaches none of them; fix the failures and dry-run again\\.")
                .doesNotContain("may name it");
    }

    @Test
    void an_api_deploy_naming_the_command_lines_dry_run_is_refused_once_a_file_was_edited_after_it() throws Exception {
        String id = fleet.run("dry-run", "--all", "--json").json().at("/data/dryRunId").asText();
        fleet.migration("V2__tags.sql", "ALTER TABLE notes ADD COLUMN tag VARCHAR(40);\n");
        start(Map.of());

        HttpResponse<String> deploy = post("/api/v1/deployments", "{\"versions\": [\"2\"], \"all\": true, \"dryRun\": \"" + id
                + "\"}");

        assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(409);
        JsonNode problem = JSON.readTree(deploy.body());
        assertThat(problem.get("errorCode").asText()).isEqualTo("NOT_TESTED");
        assertThat(problem.get("detail").asText()).contains("Migration files changed since the test: V2__tags.sql.");
        assertThat(fleet.applied("t00")).isEmpty();
    }

    @Test
    void a_deploy_of_a_chosen_version_refused_as_untested_asks_for_a_dry_run_up_to_it_which_lets_it_through() throws Exception {
        fleet.migration("V3__more.sql", "ALTER TABLE notes ADD COLUMN more INT;\n");
        CliRun unknown = fleet.run("dry-run", "--all", "--to", "7");
        start(Map.of("FLOTILLA_DEPLOY_REQUIRE_TESTED", "true"));
        String body = "{\"versions\": [\"2\"], \"all\": true}";

        HttpResponse<String> refused = post("/api/v1/deployments", body);
        CliRun upTo = fleet.run("dry-run", "--all", "--to", "2", "--json");
        HttpResponse<String> deploy = post("/api/v1/deployments", body);

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--to 7: no migration file has version 7 (the newest is 3).");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(JSON.readTree(refused.body()).get("detail").asText())
                .contains("Dry-run them with `flotilla dry-run --tenants t00,t01 --to 2`");
        assertThat(upTo.exitCode()).as(upTo.err()).isZero();
        assertThat(upTo.json().at("/data/tenants")).extracting(t -> t.get("id").asText()).containsExactly("t00", "t01");
        assertThat(get("/api/v1/dry-runs/" + upTo.json().at("/data/dryRunId").asText()).at("/versions").toString())
                .isEqualTo("[\"2\"]");
        assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(202);
        awaitFinished(JSON.readTree(deploy.body()).get("deployment").asText());
        assertThat(fleet.applied("t01")).as("V3 stays pending, as the deploy of 2 leaves it").containsExactly("1", "2");
    }

    /** The console on the fleet's control plane, in this process, with {@code environment} over the fleet's. */
    private void start(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(fleet.env);
        env.putAll(environment);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        context = new FleetContext(fleet.config, new Output(quiet, quiet), env);
        console = WebConsole.start(ServeCommand.consoleFleet(context), new WebSettings("127.0.0.1", 0, false));
    }

    private JsonNode awaitFinished(String deployment) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode shown = get("/api/v1/deployments/" + deployment);
            if (!List.of("running", "pending").contains(shown.at("/deployment/status").asText())) {
                return shown;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("deployment " + deployment + " still running after 60 s: " + shown);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port() + path))
                .header("Authorization", "Bearer " + token);
    }
}
