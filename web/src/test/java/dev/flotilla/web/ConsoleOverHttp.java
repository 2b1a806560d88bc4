package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.target.Secret;
import dev.flotilla.tenant.Tenancy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A console on the demo fleet (SQLite tenants, a tenancy password that must never show), started for each test and
 * spoken to over real HTTP: as a CI job with a token, or as a browser with a session and its CSRF token.
 */
abstract class ConsoleOverHttp {
    static final String TENANCY_SECRET = "tenancy-secret-Zq81";
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path folder;
    DemoConsole demo;

    @BeforeEach
    void start() throws Exception {
        demo = newDemo();
    }

    /** The console the tests talk to: the demo fleet, with a tenancy password that must never show. */
    DemoConsole newDemo() throws Exception {
        return new DemoConsole(folder, fleet -> {
            Tenancy t = fleet.tenancy();
            // SQLite ignores the password; it stands for a real one that must never be shown.
            return new ConsoleFleet(fleet.plane(), new Tenancy(t.model(), t.url(), t.urlTemplate(), t.schemaTemplate(), "app",
                    Secret.of(TENANCY_SECRET), t.historyTable(), t.home()), fleet.template(), fleet.deploy(), fleet.dryRun());
        });
    }

    @AfterEach
    void stop() throws InterruptedException {
        demo.close();
    }

    /** The session cookie of the admin, signed in through the login form. */
    String adminSession() throws Exception {
        return signIn("admin", DemoConsole.ADMIN_PASSWORD);
    }

    /** Posts forms of the console as the session's browser would, with its CSRF token. */
    java.util.function.BiFunction<String, String, HttpResponse<String>> formsOf(String session) {
        return (path, body) -> {
            try {
                return form(session, path, body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** The name of this console's session cookie: one of its own per port. */
    String sessionCookieName() {
        return "flotilla_session_" + demo.console.port();
    }

    /** Signs in and answers the session cookie ("flotilla_session_PORT=..."). */
    String signIn(String user, String password) throws Exception {
        return login(user, password, "").headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(sessionCookieName() + "="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }

    /** A form posted as the browser posts it, with the session's CSRF token. */
    HttpResponse<String> form(String session, String path, String body) throws Exception {
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"").matcher(get("/", null, session).body());
        assertThat(csrf.find()).isTrue();
        return send(HttpRequest.newBuilder(URI.create(demo.url(path))).header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1) + "&" + body)));
    }

    HttpResponse<String> login(String user, String password, String cookie) throws Exception {
        HttpResponse<String> form = get("/login", null, cookie);
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();
        String loginCookie = form.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("flotilla_login_" + demo.console.port() + "="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        return send(HttpRequest.newBuilder(URI.create(demo.url("/login")))
                .header("Cookie", loginCookie + (cookie.isEmpty() ? "" : "; " + cookie))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1) + "&user=" + user + "&password=" + password)));
    }

    /** Runs SQL on a demo tenant's own database, as someone changing it by hand would. */
    void onTenant(String tenant, String... statements) throws Exception {
        var record = demo.fleet.plane().tenants().find(dev.flotilla.tenant.TenantId.of(tenant)).orElseThrow();
        var target = demo.fleet.targets(java.util.List.of(record.tenant())).get(0).target();
        try (var session = dev.flotilla.target.TargetSession.open(target, false)) {
            for (String sql : statements) {
                dev.flotilla.sql.Jdbc.execute(session.connection(), sql);
            }
        }
    }

    /**
     * Asks the API for a deployment up to {@code version} of {@code tenants}; {@code extra} is the request's other fields
     * ({@code ", \"dryRun\": \"..\""}), or empty. The answer as it came.
     */
    HttpResponse<String> deploy(String token, String version, List<String> tenants, String extra) throws Exception {
        String names = tenants.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", "));
        return post("/api/v1/deployments", token, "{\"versions\": [\"" + version + "\"], \"tenants\": [" + names + "]" + extra + "}");
    }

    /** Deploys up to a version to the tenant "default" through the API and waits for it; its id. */
    String deployedToDefault(String token, String version) throws Exception {
        String id = json(deploy(token, version, List.of("default"), "")).path("deployment").asText();
        afterWork("/api/v1/deployments/" + id, token);
        return id;
    }

    /** A deployment of V2 that failed on maison_atelier (its serial_quarantine was there already), then fixed there; its id. */
    String failedThenFixed(String token) throws Exception {
        onTenant("maison_atelier", "CREATE TABLE serial_quarantine (id INTEGER)");
        String failed = json(deploy(token, "2", List.of("maison_atelier"), "")).path("deployment").asText();
        afterWork("/api/v1/deployments/" + failed, token);
        onTenant("maison_atelier", "DROP TABLE serial_quarantine");
        return failed;
    }

    /**
     * A deployment of these tenants, started by {@code user} from the command line, whose process was killed (-9)
     * while its tenants were migrating: it ends when its heartbeat goes stale, as it does then.
     */
    String interruptedDeployment(String user, String... tenants) {
        java.util.List<dev.flotilla.tenant.TenantId> ids = java.util.Arrays.stream(tenants).map(dev.flotilla.tenant.TenantId::of).toList();
        String id;
        try (var cli = dev.flotilla.control.ControlPlane.open(dev.flotilla.control.ControlPlane.embeddedUrl(folder),
                dev.flotilla.control.ControlPlane.EMBEDDED_USER, null, java.time.Duration.ofMillis(20))) {
            id = cli.deployments().create(user, "", ids.stream().map(t -> new dev.flotilla.control.DeploymentStore.NewTask(t, 1)).toList());
            for (var tenant : ids) {
                cli.tenants().markMigrating(tenant, id);
                cli.deployments().taskStarted(id, tenant, java.time.Instant.now());
            }
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (demo.fleet.plane().deployments().require(id).status() != dev.flotilla.control.DeploymentStatus.INTERRUPTED) {
            assertThat(System.nanoTime()).as("the heartbeat of " + id + " went stale").isLessThan(deadline);
            Thread.onSpinWait();
        }
        return id;
    }

    /** The resource once the console's background work (the dry run or deployment it names) has ended. */
    JsonNode afterWork(String path, String token) throws Exception {
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).as("background work ended").isTrue();
        return json(get(path, token));
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return get(path, token, "");
    }

    HttpResponse<String> get(String path, String token, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(demo.url(path))).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    HttpResponse<String> post(String path, String token, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(demo.url(path))).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** Runs SQL on the demo's control plane itself, beside the console. */
    void onControlPlane(String... statements) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(dev.flotilla.control.ControlPlane.embeddedUrl(folder),
                dev.flotilla.control.ControlPlane.EMBEDDED_USER, "")) {
            for (String sql : statements) {
                c.createStatement().execute(sql);
            }
        }
    }
}
