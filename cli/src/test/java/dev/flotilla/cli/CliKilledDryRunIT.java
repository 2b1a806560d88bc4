package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.FleetDryRunRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import dev.flotilla.web.WebConsole;
import dev.flotilla.web.WebSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code flotilla dry-run} of the fleet killed with SIGKILL while its V2 waits for a lock the test holds (PostgreSQL)
 * leaves its run recorded as running; the next {@code dry-run}, {@code deploy} or {@code dry-runs} (list or show) of the
 * command line ends it as interrupted, as a starting console does: in its record, in the audit log, and with a warning
 * naming it; {@code dry-runs} then says it is interrupted (a status of its own, not failed), as the API does after a
 * console started, refusing a deploy naming it as interrupted (not as a failed test that would fail again).
 */
class CliKilledDryRunIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @ParameterizedTest
    @ValueSource(strings = {"dry-run", "deploy", "dry-runs", "dry-runs show"})
    void the_next_dry_run_or_deploy_ends_a_killed_dry_run_as_interrupted(String next) throws Exception {
        long pid = killedDryRun();
        List<String> finishedBefore = finishedDryRuns();

        CliRun after = switch (next) {
            case "dry-run" -> fleet.run("dry-run", "--all");
            case "deploy" -> fleet.run("deploy", "--all", "--yes");
            case "dry-runs" -> fleet.run("dry-runs");
            default -> fleet.run("dry-runs", "show", newestDryRun());
        };

        assertThat(after.exitCode()).as(after.err()).isZero();
        Matcher warned = Pattern.compile("Dry run ([0-9a-f-]{36}) \\(" + Pattern.quote(System.getProperty("user.name"))
                + "[^)]*\\) ended as interrupted: its process \\S*:" + pid + " ").matcher(after.err());
        assertThat(warned.find()).as(after.err()).isTrue();
        String killed = warned.group(1);
        assertThat(finishedBefore).as("recorded as running until then").doesNotContain(killed);
        FleetDryRunRecord record = withPlane(plane -> plane.dryRuns().fleetRun(killed).orElseThrow());
        assertThat(record.done()).isTrue();
        assertThat(record.error()).contains("Interrupted: its process", ":" + pid + " ", "dry-run again");
        assertThat(record.fromCommandLine()).isTrue();
        assertThat(record.status()).isEqualTo("interrupted");
        assertThat(fleet.run("dry-runs", "--json").json().at("/data/dryRuns").toString())
                .contains("\"id\":\"" + killed + "\",\"status\":\"interrupted\"");
        if (next.startsWith("dry-runs")) {
            assertThat(after.out()).containsPattern((next.equals("dry-runs") ? killed + " .* cli +" : "Dry run " + killed + ": ")
                    + "interrupted");
        }
        assertThat(fleet.run("audit", "--action", "dry-run.finished", "--json").json().at("/data/entries").toString())
                .contains("dry run " + killed + ": Interrupted", "\"outcome\":\"interrupted\"");
    }

    @Test
    void the_api_says_a_killed_dry_run_interrupted_and_refuses_a_deploy_naming_it_as_interrupted() throws Exception {
        killedDryRun();
        String killed = newestDryRun();
        fleet.run("user", "add", "ci", "--role", "platform_super_admin", "--password-env", "TENANT_DB_PASSWORD");
        String token = fleet.run("user", "token", "ci", "--label", "pipeline", "--json").json().at("/data/token").asText();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (FleetContext context = new FleetContext(fleet.config, new Output(quiet, quiet), fleet.env);
             WebConsole console = WebConsole.start(ServeCommand.consoleFleet(context), new WebSettings("127.0.0.1", 0, false))) {
            assertThat(console.awaitIdle(Duration.ofSeconds(60))).isTrue(); // a starting console ends it as interrupted

            HttpResponse<String> shown = send(console, token, "/api/v1/dry-runs/" + killed, null);
            HttpResponse<String> deploy = send(console, token, "/api/v1/deployments", "{\"versions\": [\"2\"], \"all\": true,"
                    + " \"dryRun\": \"" + killed + "\"}");

            assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
            assertThat(shown.body()).contains("\"status\":\"interrupted\"");
            assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(409);
            assertThat(deploy.body()).contains("NOT_TESTED", "Dry run " + killed + " was interrupted, so no tenant passed it"
                    + " (Interrupted: its process").doesNotContain("fail again");
        }
    }

    /** Kills (SIGKILL) a {@code flotilla dry-run --all} of one tenant while its V2 waits for a lock the test holds. */
    private long killedDryRun() throws Exception {
        long key = ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
        fleet.migration("V2__tags.sql", "SELECT pg_advisory_xact_lock(" + key + ");\n"
                + "ALTER TABLE notes ADD COLUMN tag VARCHAR(20);\n");
        fleet.addTenants(1);
        try (Connection holder = FleetSetup.connect(); Statement statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + key + ")");
            Process dryRun = fleet.start(Map.of("FLOTILLA_DEPLOY_LOCK_TIMEOUT", "5m"), "dry-run", "--all");
            FleetSetup.awaitAdvisoryLockWaiter(statement, key);
            dryRun.destroyForcibly();
            assertThat(dryRun.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return dryRun.pid();
        }
    }

    private static HttpResponse<String> send(WebConsole console, String token, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.port() + path))
                .header("Authorization", "Bearer " + token);
        request = json == null ? request.GET() : request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String newestDryRun() {
        return withPlane(plane -> plane.dryRuns().newest(1).get(0));
    }

    private List<String> finishedDryRuns() {
        return withPlane(plane -> plane.dryRuns().newestFromCommandLine(10));
    }

    private <T> T withPlane(java.util.function.Function<dev.flotilla.control.ControlPlane, T> read) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (FleetContext context = new FleetContext(fleet.config, new Output(quiet, quiet), fleet.env)) {
            return read.apply(context.plane());
        }
    }
}
