package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Database-per-tenant on MariaDB, each tenant's database reachable only by its own user with its own password (the
 * tenancy's user does not exist): one deploy reaches both, backups taken as each; an unset variable or a wrong password
 * fails that tenant alone; no password reaches the output, the audit log or the control plane.
 */
class CliTenantCredentialsMariaDbIT {
    private static final String ACME_PASSWORD = "AcmeS3cret-" + UUID.randomUUID();
    private static final String GLOBEX_PASSWORD = "GlobexS3cret-" + UUID.randomUUID();

    @TempDir
    Path temp;
    final String prefix = "flt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final Map<String, String> both = Map.of("ACME_DB_PASSWORD", ACME_PASSWORD, "GLOBEX_DB_PASSWORD", GLOBEX_PASSWORD);

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(temp.resolve("flotilla.yml"), """
                migrations: migrations
                tenancy:
                  model: database-per-tenant
                  urlTemplate: %s
                  user: %s_nobody
                deploy:
                  backup: true
                backup: { dir: saved }
                """.formatted(TestDatabases.mariadbUrl(prefix + "_{tenant}"), prefix), StandardCharsets.UTF_8);
        Path migrations = Files.createDirectories(temp.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__notes.sql"), "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(100));\n");
        for (String tenant : new String[] {"acme", "globex"}) {
            String password = tenant.equals("acme") ? ACME_PASSWORD : GLOBEX_PASSWORD;
            sql("CREATE DATABASE " + prefix + "_" + tenant,
                    "CREATE USER '" + user(tenant) + "'@'%' IDENTIFIED BY '" + password + "'",
                    "GRANT ALL ON " + prefix + "_" + tenant + ".* TO '" + user(tenant) + "'@'%'");
        }
        assertThat(flotilla(Map.of(), "tenants", "add", "acme", "--user", user("acme"), "--password-env", "ACME_DB_PASSWORD")
                .exitCode()).isZero();
        assertThat(flotilla(Map.of(), "tenants", "add", "globex", "--user", user("globex"), "--password-env",
                "GLOBEX_DB_PASSWORD").exitCode()).isZero();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (String tenant : new String[] {"acme", "globex"}) {
            sql("DROP DATABASE IF EXISTS " + prefix + "_" + tenant, "DROP USER IF EXISTS '" + user(tenant) + "'@'%'");
        }
    }

    private String user(String tenant) {
        return prefix + "_" + tenant;
    }

    private CliRun flotilla(Map<String, String> environment, String... args) {
        return CliRun.withConfig(environment, temp.resolve("flotilla.yml"), args);
    }

    /** Runs {@code statements} on the test server as its administrator (root). */
    private static void sql(String... statements) throws Exception {
        TestDatabases.execute(TestDatabases.mariadb(null), statements);
    }

    @Test
    void one_deploy_reaches_two_tenants_each_with_its_own_user_and_password_and_backs_each_up_as_it() throws Exception {
        CliRun first = flotilla(both, "deploy", "--all", "--yes");
        Files.writeString(temp.resolve("migrations/V2__tags.sql"), "ALTER TABLE notes ADD COLUMN tag VARCHAR(20);\n");
        CliRun deploy = flotilla(both, "deploy", "--all", "--yes", "--json");
        CliRun verify = flotilla(both, "status", "--fleet", "--live", "--json");
        CliRun list = flotilla(Map.of(), "tenants", "list", "--json");
        CliRun audit = flotilla(Map.of(), "audit", "--json");

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        assertThat(deploy.json().at("/data/succeeded").asInt()).isEqualTo(2);
        try (var files = Files.walk(temp.resolve("saved"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("a backup of each, taken as its user")
                    .anyMatch(name -> name.startsWith("acme")).anyMatch(name -> name.startsWith("globex"));
        }
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.json().at("/data/tenants").findValuesAsText("currentVersion")).containsExactly("2", "2");
        JsonNode listed = list.json().at("/data/tenants/0");
        assertThat(listed.get("user").asText()).isEqualTo(user("acme"));
        assertThat(listed.get("passwordEnv").asText()).isEqualTo("ACME_DB_PASSWORD");
        assertThat(audit.out()).contains("as " + user("acme") + ", password from $ACME_DB_PASSWORD");
        for (CliRun run : new CliRun[] {first, deploy, verify, list, audit}) {
            assertThat(run.out() + run.err()).doesNotContain(ACME_PASSWORD, GLOBEX_PASSWORD);
        }
        try (var files = Files.walk(temp)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(ACME_PASSWORD, GLOBEX_PASSWORD);
            }
        }
    }

    @Test
    void a_tenant_whose_variable_is_unset_fails_naming_it_and_the_other_is_deployed() {
        CliRun deploy = flotilla(Map.of("ACME_DB_PASSWORD", ACME_PASSWORD), "deploy", "--all", "--yes", "--continue-on-error",
                "--json");

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isEqualTo(2);
        JsonNode tenants = deploy.json().at("/data/tenants");
        assertThat(tenants.findValuesAsText("status")).containsExactly("succeeded", "failed");
        assertThat(tenants.get(1).get("error").asText()).contains("GLOBEX_DB_PASSWORD", "tenant globex", "is not set");
        assertThat(deploy.json().at("/errors").findValuesAsText("code")).contains("BAD_CONFIG");
    }

    @Test
    void a_wrong_password_is_an_authentication_failure_naming_the_tenants_own_user() {
        CliRun deploy = flotilla(Map.of("ACME_DB_PASSWORD", ACME_PASSWORD, "GLOBEX_DB_PASSWORD", "wrong-" + GLOBEX_PASSWORD),
                "deploy", "--all", "--yes", "--continue-on-error", "--json");

        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isEqualTo(1);
        JsonNode tenants = deploy.json().at("/data/tenants");
        assertThat(tenants.findValuesAsText("status")).containsExactly("succeeded", "failed");
        assertThat(tenants.get(1).get("error").asText()).contains("Authentication failed for user '" + user("globex") + "'",
                "GLOBEX_DB_PASSWORD");
        assertThat(deploy.json().at("/errors").findValuesAsText("code")).contains("AUTHENTICATION_FAILED");
        assertThat(deploy.out() + deploy.err()).doesNotContain(GLOBEX_PASSWORD);
    }

    @Test
    void a_wrong_password_in_drift_is_a_refused_login_saying_how_to_change_it_not_an_unreachable_tenant() {
        assertThat(flotilla(both, "deploy", "--all", "--yes").exitCode()).isZero();

        CliRun drift = flotilla(Map.of("ACME_DB_PASSWORD", ACME_PASSWORD, "GLOBEX_DB_PASSWORD", "wrong-" + GLOBEX_PASSWORD),
                "drift", "--all", "--json");
        CliRun said = flotilla(Map.of("ACME_DB_PASSWORD", ACME_PASSWORD, "GLOBEX_DB_PASSWORD", "wrong-" + GLOBEX_PASSWORD),
                "drift", "--all");

        assertThat(drift.exitCode()).as(drift.out() + drift.err()).isEqualTo(1);
        JsonNode tenants = drift.json().at("/data/tenants");
        // acme's own user may not create the scratch database its expected schema is built in: it is unknown, not refused.
        assertThat(tenants.findValuesAsText("status")).containsExactly("unknown", "refused");
        assertThat(tenants.get(1).get("reason").asText()).contains("Authentication failed for user '" + user("globex") + "'",
                "GLOBEX_DB_PASSWORD", "`flotilla tenants set-credentials globex --user USER --password-env VAR`");
        assertThat(drift.json().at("/errors").findValuesAsText("code")).contains("AUTHENTICATION_FAILED");
        assertThat(said.out()).contains("1 refused").doesNotContain("1 unreachable");
        assertThat(drift.out() + drift.err() + said.out() + said.err()).doesNotContain(GLOBEX_PASSWORD);
    }

    @Test
    void a_wrong_password_reads_refused_in_plan_live_status_and_verify_naming_the_login_to_fix() throws Exception {
        assertThat(flotilla(both, "deploy", "--all", "--yes").exitCode()).isZero();

        RefusedLoginReads.assertRefused(args -> flotilla(Map.of("ACME_DB_PASSWORD", ACME_PASSWORD, "GLOBEX_DB_PASSWORD",
                "wrong-" + GLOBEX_PASSWORD), args), "globex", user("globex"), "GLOBEX_DB_PASSWORD", temp, GLOBEX_PASSWORD);
    }

    @Test
    void verify_says_a_tenant_on_a_closed_port_unreachable_and_one_whose_login_was_refused_refused_as_plan_does() {
        assertThat(flotilla(both, "deploy", "--all", "--yes").exitCode()).isZero();
        // Nothing listens on port 9 (discard): the connection is refused at once, the server never reached.
        assertThat(flotilla(Map.of(), "tenants", "add", "gone", "--url", "jdbc:mariadb://127.0.0.1:9/" + prefix + "_gone")
                .exitCode()).isZero();
        Map<String, String> wrong = Map.of("ACME_DB_PASSWORD", ACME_PASSWORD, "GLOBEX_DB_PASSWORD", "wrong-" + GLOBEX_PASSWORD);

        CliRun verify = flotilla(wrong, "verify", "--all", "--json");
        CliRun said = flotilla(wrong, "verify", "--all");

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        JsonNode tenants = verify.json().at("/data/tenants");
        assertThat(java.util.stream.IntStream.range(0, tenants.size()).mapToObj(i -> tenants.get(i).get("id").asText()))
                .containsExactly("acme", "globex", "gone");
        assertThat(tenants.get(2).get("status").asText()).as(verify.out()).isEqualTo("unreachable");
        assertThat(tenants.get(2).get("ok").asBoolean()).isFalse();
        assertThat(tenants.get(2).get("error").asText()).contains("Cannot connect to");
        assertThat(tenants.get(1).get("status").asText()).isEqualTo("refused");
        assertThat(verify.json().at("/errors").findValuesAsText("code")).contains("CONNECTION_FAILED", "AUTHENTICATION_FAILED");
        assertThat(said.out()).contains("unreachable gone: Cannot connect to", "refused globex: Authentication failed",
                "Verified 3 tenant(s): 1 ok, 1 refused, 1 unreachable.");
        assertThat(verify.out() + verify.err() + said.out() + said.err()).doesNotContain(GLOBEX_PASSWORD);
    }

    @Test
    void a_fleet_dry_run_says_whose_login_to_fix_for_a_tenant_whose_login_was_refused() {
        assertThat(flotilla(both, "deploy", "--all", "--yes").exitCode()).isZero();
        Map<String, String> wrong = Map.of("ACME_DB_PASSWORD", ACME_PASSWORD, "GLOBEX_DB_PASSWORD", "wrong-" + GLOBEX_PASSWORD);
        String[] refusal = {"Authentication failed for user '" + user("globex") + "'", "GLOBEX_DB_PASSWORD",
                "The tenant logs in with a login of its own",
                "`flotilla tenants set-credentials globex --user USER --password-env VAR`"};

        CliRun dryRun = flotilla(wrong, "dry-run", "--all", "--json");
        CliRun said = flotilla(wrong, "dry-run", "--all");

        assertThat(dryRun.exitCode()).as(dryRun.out() + dryRun.err()).isEqualTo(1);
        JsonNode globex = dryRun.json().at("/data/tenants/1");
        assertThat(globex.get("id").asText()).isEqualTo("globex");
        assertThat(globex.get("status").asText()).as("its status words as they were").isEqualTo("error");
        assertThat(globex.get("error").asText()).as(dryRun.out()).contains(refusal);
        assertThat(dryRun.json().at("/errors").findValuesAsText("code")).contains("AUTHENTICATION_FAILED");
        assertThat(said.out() + said.err()).contains(refusal);
        assertThat(dryRun.out() + dryRun.err() + said.out() + said.err()).doesNotContain(GLOBEX_PASSWORD);
    }
}
