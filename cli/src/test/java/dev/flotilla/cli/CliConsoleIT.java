package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.ControlPlane;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code user add} and {@code serve} on a configured PostgreSQL fleet, the console run as a real process. */
class CliConsoleIT {
    @RegisterExtension
    final FleetSetup fleet = FleetSetup.fresh("");

    @BeforeEach
    void setUp() throws Exception {
        fleet.addTenants(2);
    }

    @Test
    void user_add_takes_the_password_from_the_environment_and_refuses_an_unknown_role() {
        CliRun added = fleet.run("user", "add", "alice", "--role", "platform_super_admin", "--password-env", "TENANT_DB_PASSWORD");
        CliRun again = fleet.run("user", "add", "alice", "--role", "viewer", "--password-env", "TENANT_DB_PASSWORD");
        CliRun badRole = fleet.run("user", "add", "bob", "--role", "king");
        CliRun generated = fleet.run("user", "add", "carol", "--role", "viewer");
        CliRun generatedJson = fleet.run("user", "add", "dave", "--role", "viewer", "--json");
        CliRun lookAlike = fleet.run("user", "add", "ALICE", "--role", "viewer", "--password-env", "TENANT_DB_PASSWORD");
        try (dev.flotilla.control.ControlPlane plane = dev.flotilla.control.ControlPlane.open(
                dev.flotilla.control.ControlPlane.embeddedUrl(fleet.folder), "sa", null)) {
            var accounts = new dev.flotilla.web.auth.Accounts(plane.users());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> accounts.add("erin", dev.flotilla.web.auth.Role.VIEWER,
                    " ".repeat(16).toCharArray(), "test")).hasMessageContaining("spaces alone");
        }

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out() + added.err()).contains("Added alice as platform_super_admin").doesNotContain(FleetSetup.SECRET);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("alice already exists");
        assertThat(lookAlike.exitCode()).isEqualTo(2);
        assertThat(lookAlike.err()).contains("User alice already exists", "differing only in case");
        assertThat(badRole.exitCode()).isEqualTo(2);
        assertThat(badRole.err()).contains("Unknown role 'king'", "viewer, operator, platform_super_admin");
        assertThat(generatedJson.exitCode()).as("a generated password would be lost in JSON mode").isEqualTo(2);
        assertThat(generatedJson.out()).contains("--password-env");
        assertThat(generated.out()).containsPattern("with password [A-Za-z0-9]{20} \\(shown only now\\)");
    }

    @Test
    void user_token_creates_a_token_the_api_takes_printed_once_and_audited_without_it() throws Exception {
        fleet.run("user", "add", "ci", "--role", "operator", "--password-env", "TENANT_DB_PASSWORD");

        CliRun created = fleet.run("user", "token", "ci", "--label", "pipeline", "--json");
        CliRun nobody = fleet.run("user", "token", "nobody", "--label", "x");

        assertThat(created.exitCode()).as(created.err()).isZero();
        String token = created.json().at("/data/token").asText();
        assertThat(token).startsWith("flt_");
        try (dev.flotilla.control.ControlPlane plane = dev.flotilla.control.ControlPlane.open(
                dev.flotilla.control.ControlPlane.embeddedUrl(fleet.folder), "sa", null)) {
            assertThat(new dev.flotilla.web.auth.Accounts(plane.users()).userOfToken(token)).map(u -> u.name()).hasValue("ci");
            assertThat(plane.audit().newest(5)).anySatisfy(e -> assertThat(e.action()).isEqualTo("token.created"))
                    .noneMatch(e -> e.toString().contains(token));
        }
        assertThat(nobody.exitCode()).isEqualTo(2);
        assertThat(nobody.err()).contains("No console user nobody");
    }

    @Test
    void user_token_expires_in_90_days_unless_expires_says_otherwise_and_refuses_what_it_cannot_read() {
        fleet.run("user", "add", "ci", "--role", "operator", "--password-env", "TENANT_DB_PASSWORD");
        java.time.Instant before = java.time.Instant.now();

        JsonNode unsaid = fleet.run("user", "token", "ci", "--label", "default", "--json").json();
        CliRun week = fleet.run("user", "token", "ci", "--label", "week", "--expires", "7d");
        JsonNode never = fleet.run("user", "token", "ci", "--label", "forever", "--expires", "never", "--json").json();
        CliRun bad = fleet.run("user", "token", "ci", "--label", "odd", "--expires", "2w");

        java.time.Instant after = java.time.Instant.now();
        assertThat(java.time.Instant.parse(unsaid.at("/data/expiresAt").asText()))
                .isBetween(before.plus(java.time.Duration.ofDays(90)), after.plus(java.time.Duration.ofDays(90)));
        assertThat(week.exitCode()).as(week.err()).isZero();
        assertThat(week.out()).containsPattern("API token for ci \\(week\\), expires 20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC,"
                + " shown only now: flt_");
        assertThat(never.at("/data/expiresAt").isNull()).as(never.toString()).isTrue();
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--expires takes a number of days from 1 to 3650 followed by 'd' (90d, the default) or"
                + " 'never'; '2w' is neither.");
        try (ControlPlane plane = ControlPlane.open(ControlPlane.embeddedUrl(fleet.folder), "sa", null)) {
            assertThat(plane.users().tokens("ci")).extracting(t -> t.label()).containsExactly("default", "week", "forever");
            assertThat(plane.audit().newest(5)).extracting(dev.flotilla.control.AuditLog.Entry::details)
                    .contains("for ci, label forever, never expires");
        }
    }

    @Test
    void user_list_shows_the_users_without_their_hashes_and_user_remove_takes_one_and_their_tokens_away() throws Exception {
        fleet.run("user", "add", "alice", "--role", "platform_super_admin", "--password-env", "TENANT_DB_PASSWORD");
        fleet.run("user", "add", "bob", "--role", "viewer", "--password-env", "TENANT_DB_PASSWORD");
        try (dev.flotilla.control.ControlPlane plane = dev.flotilla.control.ControlPlane.open(
                dev.flotilla.control.ControlPlane.embeddedUrl(fleet.folder), "sa", null)) {
            new dev.flotilla.web.auth.Accounts(plane.users()).createToken("bob", "ci");
        }

        CliRun listed = fleet.run("user", "list");
        CliRun removed = fleet.run("user", "remove", "bob");
        JsonNode after = fleet.run("user", "list", "--json").json();
        CliRun again = fleet.run("user", "remove", "bob");

        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("alice", "platform_super_admin", "bob", "viewer", "2 user(s)").doesNotContain("argon2");
        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(after.at("/data/users")).extracting(u -> u.get("name").asText()).containsExactly("alice");
        assertThat(after.toString()).doesNotContain("argon2", "passwordHash");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("No console user bob", "user list");
        try (dev.flotilla.control.ControlPlane plane = dev.flotilla.control.ControlPlane.open(
                dev.flotilla.control.ControlPlane.embeddedUrl(fleet.folder), "sa", null)) {
            assertThat(plane.users().tokens("bob")).as("the tokens went with the user").isEmpty();
            assertThat(plane.audit().newest(5)).extracting(dev.flotilla.control.AuditLog.Entry::action).contains("user.removed");
        }
    }

    @Test
    void serve_runs_the_console_on_the_configured_fleet() throws Exception {
        Process serve = fleet.start("serve", "--port", "0");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String first = Programs.nextLine(serve, out, 60);
            Matcher url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)").matcher(String.valueOf(first));
            assertThat(url.find()).as(first).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(url.group(1) + "login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(url.group(1) + "api/v1/tenants")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("Sign in").doesNotContain(FleetSetup.SECRET);
            assertThat(api.statusCode()).isEqualTo(401);
        } finally {
            Programs.stop(serve, 60);
        }
    }

    @Test
    void status_and_listings_read_the_control_plane_while_the_console_serves_it() throws Exception {
        CliRun alone = fleet.run("status", "--fleet");
        Process serve = fleet.start("serve", "--port", "0");
        try {
            String first = Programs.nextLine(serve,
                    new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8)), 60);
            assertThat(first).as("the console is up, holding the control plane").contains("http://127.0.0.1:");
            java.util.Properties lock = new java.util.Properties();
            try (var in = java.nio.file.Files.newInputStream(fleet.folder.resolve(".flotilla").resolve("control.lock.db"))) {
                lock.load(in);
            }
            int port = Integer.parseInt(lock.getProperty("server").replaceFirst(".*:", ""));
            assertThat(listeningAddresses(port)).as("the control plane's server answers this machine only")
                    .isNotEmpty().allSatisfy(a -> assertThat(a).matches("(0000000000000000FFFF0000)?0100007F"));
            // The file is open in another process: reading it read-only is refused, so these go through its server.
            CliRun status = fleet.run("status", "--fleet");
            CliRun tenants = fleet.run("tenants", "list");
            CliRun deployments = fleet.run("deployments", "list");
            CliRun added = fleet.run("tenants", "add", "t_late");

            assertThat(alone.exitCode()).as(alone.err()).isZero();
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).isEqualTo(alone.out());
            assertThat(tenants.exitCode()).as(tenants.err()).isZero();
            assertThat(tenants.out()).contains("t00", "t01");
            assertThat(deployments.exitCode()).as(deployments.err()).isZero();
            assertThat(added.exitCode()).as(added.err()).isZero();
            assertThat(fleet.run("status", "--fleet").out()).contains("t_late");
        } finally {
            Programs.stop(serve, 60);
        }
    }

    /** The local addresses (as the kernel lists them, 0100007F for 127.0.0.1) of the sockets listening on {@code port}. */
    private static java.util.List<String> listeningAddresses(int port) throws java.io.IOException {
        String hexPort = String.format(":%04X", port);
        java.util.List<String> found = new java.util.ArrayList<>();
        for (String table : java.util.List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : java.nio.file.Files.readAllLines(Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && fields[1].endsWith(hexPort) && fields[3].equals("0A")) {
                    found.add(fields[1].substring(0, fields[1].length() - hexPort.length()));
                }
            }
        }
        return found;
    }

    @Test
    void a_command_that_writes_waits_for_a_reader_holding_the_file_read_only_and_loses_nothing() throws Exception {
        Process adding;
        try (ControlPlane reader = ControlPlane.openForReading(ControlPlane.embeddedUrl(fleet.folder), "sa", null)) {
            assertThat(fleet.folder.resolve(".flotilla").resolve("control.lock.db")).as("opened read-only").doesNotExist();
            adding = fleet.start("tenants", "add", "t_meanwhile");
            assertThat(adding.waitFor(1, TimeUnit.SECONDS)).as("the writer waits while the file is read").isFalse();
            assertThat(reader.tenants().all()).hasSize(2);
        }
        assertThat(adding.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(adding.exitValue()).isZero();
        assertThat(fleet.run("tenants", "list").out()).contains("t_meanwhile");
    }
}
