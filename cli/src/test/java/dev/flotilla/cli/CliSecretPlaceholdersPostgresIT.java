package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL fleet whose migration fails quoting three placeholders' values, {@code ${db_password}} (secret by its name),
 * {@code ${license}} (listed in secretPlaceholders) and {@code ${api}} (read from APP_API_TOKEN): no value shows in deploy's text, --json or stderr, the task's
 * log and the tenant's last error, the audit log, the console's deployment and tenant pages, nor any file of the fleet's
 * folder but the flotilla.yml that holds them.
 */
class CliSecretPlaceholdersPostgresIT {
    private static final String DB_PASSWORD = "PlaceholderPw-" + UUID.randomUUID();
    private static final String LICENSE = "LicenseKey-" + UUID.randomUUID();
    private static final String API = "ApiFromEnv-" + UUID.randomUUID();
    /** The fleet's environment with the variable ${api} is read from. */
    private static final Map<String, String> ENV = Map.of("TENANT_DB_PASSWORD", FleetSetup.SECRET, "APP_API_TOKEN", API);

    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("placeholders:\n  db_password: " + DB_PASSWORD + "\n  license: " + LICENSE
            + "\n  api: { env: APP_API_TOKEN }\n  app_role: app_user\nsecretPlaceholders: [license]\n");

    @Test
    void a_failing_statement_quoting_secret_placeholders_shows_their_values_nowhere() throws Exception {
        assertThat(run("tenants", "add", "t00").exitCode()).isZero();
        fleet.migration("V3__grant.sql", "SELECT CAST('${db_password} ${license} ${api} ${app_role}' AS INT);\n");

        String json = Programs.outputOnceEnded(fleet.start(Map.of("APP_API_TOKEN", API), "--json", "deploy", "--all", "--yes"), 120);
        String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).at("/data/deployment").asText();
        CliRun text = run("deploy", "--retry-failed", id, "--yes");
        CliRun log = run("deployments", "show", id, "--log");
        CliRun shown = run("deployments", "show", id, "--json");
        CliRun tenants = run("tenants", "list", "--json");
        CliRun audit = run("audit", "--json");
        run("user", "add", "admin", "--role", "platform_super_admin", "--password-env", "TENANT_DB_PASSWORD");
        List<String> pages = consolePages(id);

        assertThat(json).contains("invalid input syntax for type integer", "**** **** **** app_user");
        assertThat(log.out()).as(log.err()).contains("invalid input syntax for type integer: \"**** **** **** app_user\"");
        assertThat(pages.get(0)).contains("invalid input syntax for type integer");
        List<String> outputs = new ArrayList<>(List.of(json, text.out() + text.err(), log.out() + log.err(),
                shown.out() + shown.err(), tenants.out() + tenants.err(), audit.out() + audit.err()));
        outputs.addAll(pages);
        for (String output : outputs) {
            assertThat(output).doesNotContain(DB_PASSWORD).doesNotContain(LICENSE).doesNotContain(API);
        }
        assertThat(filesHoldingAValue()).as("stderr, the control plane and the logs of the fleet's folder").isEmpty();
    }

    private CliRun run(String... args) {
        return CliRun.withConfig(ENV, fleet.config, args);
    }

    /** The console's deployment and tenant pages, signed in as admin through its login form. */
    private List<String> consolePages(String deployment) throws Exception {
        Process serve = fleet.start(Map.of("APP_API_TOKEN", API), "serve", "--port", "0");
        try {
            String first = Programs.nextLine(serve, new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8)), 60);
            Matcher url = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(String.valueOf(first));
            assertThat(url.find()).as(first).isTrue();
            String session = signIn(url.group(), url.group(1));
            return List.of(get(url.group() + "deployments/" + deployment, session), get(url.group() + "tenants/t00", session));
        } finally {
            Programs.stop(serve, 60);
        }
    }

    private static String signIn(String base, String port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"").matcher(form.body());
        assertThat(csrf.find()).as(form.body()).isTrue();
        String loginCookie = cookie(form, "flotilla_login_" + port);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "login")).header("Cookie", loginCookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1) + "&user=admin&password=" + FleetSetup.SECRET))
                .build(), HttpResponse.BodyHandlers.ofString());
        return cookie(login, "flotilla_session_" + port);
    }

    private static String cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow(() -> new AssertionError("no cookie " + name
                        + " in " + response.headers().map()));
    }

    private static String get(String url, String session) throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(url).isEqualTo(200);
        return page.body();
    }

    /** Files of the fleet's folder, but flotilla.yml, that hold a placeholder's secret value. */
    private List<Path> filesHoldingAValue() throws Exception {
        try (var files = Files.walk(fleet.folder)) {
            List<Path> holding = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.equals(fleet.config)).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (bytes.contains(DB_PASSWORD) || bytes.contains(LICENSE) || bytes.contains(API)) {
                    holding.add(file);
                }
            }
            return holding;
        }
    }
}
