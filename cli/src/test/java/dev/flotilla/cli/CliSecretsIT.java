package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords never reach stdout, stderr or JSON, whether given by variable or written inside the URL. */
class CliSecretsIT {
    private static final String ENV_SECRET = "EnvS3cret-" + UUID.randomUUID();
    private static final String URL_SECRET = "UrlS3cret-" + UUID.randomUUID();

    @TempDir
    Path temp;

    @Test
    void postgres_outputs_never_show_a_password_from_the_url_or_the_environment() throws Exception {
        String schema = "flt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Files.writeString(temp.resolve("V1__a.sql"), "CREATE TABLE a (id INT);\n");
        Files.writeString(temp.resolve("V2__b.sql"), "INSERT INTO nowhere VALUES (1);\n");
        String url = TestDatabases.withParameter(TestDatabases.withParameter(FleetSetup.POSTGRES, "user=" + FleetSetup.USER),
                "password=" + URL_SECRET);
        Map<String, String> env = Map.of("TENANT_DB_PASSWORD", ENV_SECRET);
        try {
            for (String command : List.of("migrate", "status", "validate", "dry-run", "repair")) {
                for (String format : List.of("--json", "--no-color")) {
                    CliRun run = CliRun.of(env, command, format, "--verbose", "--url", url, "--password-env", "TENANT_DB_PASSWORD",
                            "--schema", schema, "--migrations", temp.toString());
                    assertNoSecret(command + " " + format, run);
                }
            }
        } finally {
            TestDatabases.execute(TestDatabases.postgres(null), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void mariadb_rejecting_a_password_does_not_print_it() throws Exception {
        Files.writeString(temp.resolve("V1__a.sql"), "CREATE TABLE a (id INT);\n");
        Map<String, String> env = Map.of("TENANT_DB_PASSWORD", ENV_SECRET);

        CliRun text = CliRun.of(env, "migrate", "--verbose", "--url", TestDatabases.MARIADB_URL, "--user",
                TestDatabases.MARIADB_USER, "--password-env", "TENANT_DB_PASSWORD", "--migrations", temp.toString());
        CliRun json = CliRun.of(env, "status", "--json", "--url", TestDatabases.withParameter(TestDatabases.MARIADB_URL,
                "password=" + URL_SECRET), "--user", TestDatabases.MARIADB_USER, "--migrations", temp.toString());

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.err()).contains("AUTHENTICATION_FAILED", "Check the user and the password read from the environment"
                + " variable TENANT_DB_PASSWORD (--password-env).");
        assertThat(json.json().at("/errors/0/code").asText()).isEqualTo("AUTHENTICATION_FAILED");
        assertNoSecret("migrate", text);
        assertNoSecret("status --json", json);
    }

    @Test
    void a_wrong_control_plane_password_on_the_reading_commands_is_not_printed() throws Exception {
        FleetSetup fleet = new FleetSetup(temp, "");
        fleet.addTenants(1);
        // The embedded file was made without a password; the configuration now gives it one.
        Files.writeString(fleet.config, Files.readString(fleet.config) + "controlPlane:\n  passwordEnv: TENANT_DB_PASSWORD\n");
        try {
            for (List<String> command : List.of(List.of("status", "--fleet", "--json"), List.of("tenants", "list"),
                    List.of("deployments", "list", "--json"), List.of("dry-runs", "--json"))) {
                CliRun run = fleet.run(command.toArray(String[]::new));
                assertThat(run.exitCode()).as(String.join(" ", command)).isNotZero();
                assertThat(run.out() + run.err()).as(String.join(" ", command)).contains("AUTHENTICATION_FAILED")
                        .doesNotContain(FleetSetup.SECRET);
            }
        } finally {
            fleet.dropSchemas();
        }
    }

    @Test
    void a_hook_that_prints_the_tenancy_password_gets_it_neither_into_the_control_plane_nor_deployments_show() throws Exception {
        // What a hook does with the password it was given ($TENANT_DB_PASSWORD), written out: in-process, the hook's
        // shell does not have the test's environment.
        FleetSetup fleet = new FleetSetup(temp, "hooks:\n  beforeTenant: \"echo pw=" + FleetSetup.SECRET + " >&2; exit 3\"\n");
        fleet.addTenants(1);
        try {
            CliRun deploy = fleet.run("deploy", "--all", "--yes");
            String id = deploy.out().lines().findFirst().orElseThrow().split(" ")[1];
            CliRun show = fleet.run("deployments", "show", id, "--log");
            CliRun json = fleet.run("deployments", "show", id, "--json");

            assertThat(deploy.exitCode()).isEqualTo(1);
            assertThat(show.out()).contains("beforeTenant", "pw=****");
            for (CliRun run : List.of(deploy, show, json)) {
                assertThat(run.out() + run.err()).doesNotContain(FleetSetup.SECRET);
            }
            assertThat(Files.readString(temp.resolve(".flotilla/control.mv.db"), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain(FleetSetup.SECRET);
        } finally {
            fleet.dropSchemas();
        }
    }

    @Test
    void passwords_a_failed_statement_quotes_reach_neither_outputs_nor_the_audit_nor_task_logs_nor_dry_run_records()
            throws Exception {
        // PostgreSQL quotes the value it could not read: the tenancy's password (reused in a migration), and one written
        // as a keyword, whose value Flotilla never read (a connection string kept in a table).
        String other = "Kw0rdValue-" + UUID.randomUUID();
        String quoting = "SELECT 'dsn host=db password=" + other + " or " + FleetSetup.SECRET + "'::int;\n";
        FleetSetup fleet = new FleetSetup(temp, "");
        fleet.addTenants(1);
        try {
            fleet.migration("U2__tags.sql", quoting);
            List<CliRun> runs = new java.util.ArrayList<>();
            runs.add(fleet.run("dry-run", "--all", "--round-trip"));
            runs.add(fleet.run("dry-run", "--all", "--round-trip", "--json"));
            fleet.migration("V3__quotes.sql", quoting);
            CliRun deploy = fleet.run("deploy", "--all", "--yes");
            runs.add(deploy);
            String id = FleetSetup.deploymentOf(deploy);
            runs.add(fleet.run("deployments", "show", id, "--log"));
            runs.add(fleet.run("deployments", "show", id, "--json"));
            runs.add(fleet.run("audit", "--json"));
            runs.add(fleet.run("tenants", "list", "--json"));
            String dryRun = runs.get(1).json().at("/data/dryRunId").asText();
            CliRun dryRunShown = fleet.run("dry-runs", "show", dryRun);
            runs.add(dryRunShown);
            runs.add(fleet.run("dry-runs", "show", dryRun, "--json"));
            runs.add(fleet.run("dry-runs", "--json"));

            assertThat(runs.get(0).out() + runs.get(0).err()).contains("password=****");
            assertThat(deploy.exitCode()).isEqualTo(1);
            assertThat(dryRunShown.out()).as("the dry run's recorded error, masked").contains("password=****");
            for (CliRun run : runs) {
                assertThat(run.out() + run.err()).doesNotContain(FleetSetup.SECRET).doesNotContain(other);
            }
            String plane = Files.readString(temp.resolve(".flotilla/control.mv.db"), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(plane).contains("password=****").doesNotContain(FleetSetup.SECRET).doesNotContain(other);
        } finally {
            fleet.dropSchemas();
        }
    }

    private static void assertNoSecret(String what, CliRun run) {
        assertThat(run.out() + run.err()).as(what).doesNotContain(ENV_SECRET).doesNotContain(URL_SECRET);
    }
}
