package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.testing.TestDatabases;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema-per-tenant on PostgreSQL, each tenant with a role of its own and its own password, the tenancy's role unable to
 * log in: every connection (deploy, pg_dump's backups, restore, live status, checks, drift, plan, dry run) is made as the tenant's role,
 * pg_dump gets that role's password as PGPASSWORD, and the hooks get no tenant's password variable.
 */
class CliTenantCredentialsPostgresIT {
    private static final String ACME_PASSWORD = "AcmeS3cret-" + UUID.randomUUID();
    private static final String GLOBEX_PASSWORD = "GlobexS3cret-" + UUID.randomUUID();

    @TempDir
    Path temp;
    FleetSetup fleet;
    final String roles = "flp_a_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    final Map<String, String> passwords = Map.of("ACME_DB_PASSWORD", ACME_PASSWORD, "GLOBEX_DB_PASSWORD", GLOBEX_PASSWORD);

    @BeforeEach
    void setUp() throws Exception {
        fleet = new FleetSetup(temp.resolve("fleet"), "hooks:\n  beforeTenant: \"env > " + temp.resolve("hook-${tenant}.txt")
                + "\"\nbackup: { dir: saved }\n");
        Files.writeString(fleet.config, Files.readString(fleet.config)
                .replace("user: " + FleetSetup.USER + "\n  passwordEnv: TENANT_DB_PASSWORD",
                "user: " + roles + "_nobody").replace("backup: false", "backup: true"));
        fleet.sql("CREATE ROLE " + roles + "_nobody NOLOGIN");
        for (String tenant : List.of("acme", "globex")) {
            fleet.sql("CREATE ROLE " + role(tenant) + " LOGIN PASSWORD '" + (tenant.equals("acme") ? ACME_PASSWORD : GLOBEX_PASSWORD) + "'");
            fleet.sql("GRANT CREATE ON DATABASE " + TestDatabases.postgresDatabase() + " TO " + role(tenant));
            CliRun add = flotilla(Map.of(), "tenants", "add", tenant, "--user", role(tenant), "--password-env",
                    tenant.toUpperCase() + "_DB_PASSWORD");
            assertThat(add.exitCode()).as(add.err()).isZero();
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        fleet.dropSchemas();
        for (String role : List.of(role("acme"), role("globex"), roles + "_nobody")) {
            fleet.sql("DROP OWNED BY " + role);
            fleet.sql("DROP ROLE " + role);
        }
    }

    private String role(String tenant) {
        return roles + "_" + tenant;
    }

    private CliRun flotilla(Map<String, String> environment, String... args) {
        return CliRun.withConfig(environment, fleet.config, args);
    }

    @Test
    void every_connection_to_a_tenant_is_made_as_its_own_role_and_pg_dump_and_hooks_get_only_what_they_need() throws Exception {
        Path dumpEnv = temp.resolve("pg_dump-env.txt");
        Path wrappers = Programs.pgDumpWritingItsEnvironment(temp, dumpEnv);
        Map<String, String> environment = new java.util.HashMap<>(passwords);
        environment.put("PATH", wrappers + File.pathSeparator + System.getenv("PATH"));

        Programs.finish(fleet.start(environment, "deploy", "--all", "--yes"));
        fleet.migration("V3__drop_tag.sql", "ALTER TABLE notes DROP COLUMN tag;\n");
        Programs.finish(fleet.start(environment, "deploy", "--all", "--yes"));
        String deployment = flotilla(Map.of(), "deployments", "list", "--json").json().at("/data/deployments/0/id").asText();
        CliRun live = flotilla(passwords, "status", "--fleet", "--live", "--json");
        CliRun verify = flotilla(passwords, "verify", "--all", "--json");
        CliRun drift = flotilla(passwords, "drift", "--all", "--json");
        CliRun restore = flotilla(passwords, "restore", "--deployment", deployment, "--tenants", "acme", "--yes", "--json");
        fleet.migration("V4__labels.sql", "CREATE TABLE labels (id INT PRIMARY KEY);\n");
        CliRun plan = flotilla(passwords, "plan", "--all", "--json");
        CliRun dryRun = flotilla(passwords, "dry-run", "--all", "--json");

        for (CliRun run : List.of(live, verify, drift, restore, plan, dryRun)) {
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.out() + run.err()).doesNotContain(ACME_PASSWORD, GLOBEX_PASSWORD);
        }
        assertThat(live.json().at("/data/tenants").findValuesAsText("currentVersion")).containsExactly("3", "3");
        assertThat(fleet.applied("acme")).as("restored to before V3").containsExactly("1", "2");
        assertThat(dryRun.json().at("/data/tenants")).extracting(t -> t.get("status").asText()).as(dryRun.out()).hasSize(2)
                .doesNotContain("error");
        fleet.sql("DO $$ BEGIN IF (SELECT schema_owner FROM information_schema.schemata WHERE schema_name = '"
                + fleet.schema("globex") + "') <> '" + role("globex") + "' THEN RAISE 'not created by the tenant''s role'; END IF; END $$");
        String dumps = Files.readString(dumpEnv);
        assertThat(dumps).as("each pg_dump logs in with its tenant's password").contains("PGPASSWORD=" + ACME_PASSWORD,
                "PGPASSWORD=" + GLOBEX_PASSWORD).doesNotContain("ACME_DB_PASSWORD=", "GLOBEX_DB_PASSWORD=");
        for (String tenant : List.of("acme", "globex")) {
            assertThat(Files.readString(temp.resolve("hook-" + tenant + ".txt"))).contains("FLOTILLA_TENANT=" + tenant)
                    .doesNotContain("ACME_DB_PASSWORD=", "GLOBEX_DB_PASSWORD=", ACME_PASSWORD, GLOBEX_PASSWORD);
        }
    }

    @Test
    void set_credentials_changes_and_clears_a_tenants_login_import_gives_one_and_a_user_beside_a_url_user_is_refused() {
        CliRun changed = flotilla(Map.of(), "tenants", "set-credentials", "acme", "--user", role("globex"), "--password-env",
                "GLOBEX_DB_PASSWORD");
        CliRun cleared = flotilla(Map.of(), "tenants", "set-credentials", "globex", "--clear");
        CliRun neither = flotilla(Map.of(), "tenants", "set-credentials", "globex");
        CliRun unknown = flotilla(Map.of(), "tenants", "set-credentials", "nope", "--clear");
        CliRun twoUsers = flotilla(Map.of(), "tenants", "add", "initech", "--url",
                TestDatabases.withParameter(FleetSetup.POSTGRES, "user=" + FleetSetup.USER), "--user", role("acme"));
        CliRun imported = flotilla(Map.of(), "tenants", "import", "--url", FleetSetup.POSTGRES, "--user", FleetSetup.USER, "--query",
                "SELECT 'initech'", "--tenant-user", role("acme"), "--tenant-password-env", "ACME_DB_PASSWORD");
        var listed = flotilla(Map.of(), "tenants", "list", "--json").json().at("/data/tenants");
        String audit = flotilla(Map.of(), "audit", "--action", "tenant.credentials").out();

        assertThat(changed.exitCode()).as(changed.err()).isZero();
        assertThat(changed.out()).contains("Tenant acme logs in as " + role("globex") + ", password from $GLOBEX_DB_PASSWORD");
        assertThat(cleared.exitCode()).as(cleared.err()).isZero();
        assertThat(listed.get(0).get("user").asText()).isEqualTo(role("globex"));
        assertThat(listed.get(0).get("passwordEnv").asText()).isEqualTo("GLOBEX_DB_PASSWORD");
        assertThat(listed.get(1).has("user")).as("cleared: logs in as the tenancy").isFalse();
        assertThat(listed.get(1).has("passwordEnv")).isFalse();
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(listed.get(2).get("id").asText()).isEqualTo("initech");
        assertThat(listed.get(2).get("user").asText()).as("imported with a login of its own").isEqualTo(role("acme"));
        assertThat(listed.get(2).get("passwordEnv").asText()).isEqualTo("ACME_DB_PASSWORD");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("--clear");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(twoUsers.exitCode()).isEqualTo(2);
        assertThat(twoUsers.err()).contains("user=" + FleetSetup.USER + " in its URL", "give the user one way");
        assertThat(audit).contains("acme", "password from $GLOBEX_DB_PASSWORD", "cleared");
    }

    @Test
    void a_wrong_password_reads_refused_in_plan_live_status_and_verify_naming_the_login_to_fix() throws Exception {
        CliRun deploy = flotilla(passwords, "deploy", "--all", "--yes");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        // The test server trusts every local login whatever its password: its refusal here is of a role that may not log in
        // (SQLSTATE 28000 where a wrong password is 28P01), an authentication failure all the same.
        fleet.sql("ALTER ROLE " + role("globex") + " NOLOGIN");

        RefusedLoginReads.assertRefused(args -> flotilla(Map.of("ACME_DB_PASSWORD", ACME_PASSWORD, "GLOBEX_DB_PASSWORD",
                "wrong-" + GLOBEX_PASSWORD), args), "globex", role("globex"), "GLOBEX_DB_PASSWORD", temp, GLOBEX_PASSWORD);
    }

    @Test
    void a_fleet_dry_run_says_whose_login_to_fix_for_a_tenant_whose_role_may_not_log_in() throws Exception {
        CliRun deploy = flotilla(passwords, "deploy", "--all", "--yes");
        assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isZero();
        fleet.sql("ALTER ROLE " + role("globex") + " NOLOGIN");
        String[] refusal = {"Authentication failed for user '" + role("globex") + "'", "GLOBEX_DB_PASSWORD",
                "The tenant logs in with a login of its own",
                "`flotilla tenants set-credentials globex --user USER --password-env VAR`"};

        CliRun dryRun = flotilla(passwords, "dry-run", "--all", "--json");
        CliRun said = flotilla(passwords, "dry-run", "--all");

        assertThat(dryRun.exitCode()).as(dryRun.out() + dryRun.err()).isEqualTo(1);
        com.fasterxml.jackson.databind.JsonNode globex = dryRun.json().at("/data/tenants/1");
        assertThat(globex.get("id").asText()).isEqualTo("globex");
        assertThat(globex.get("status").asText()).isEqualTo("error");
        assertThat(globex.get("error").asText()).as(dryRun.out()).contains(refusal).contains("SQLSTATE 28000");
        assertThat(dryRun.json().at("/errors").findValuesAsText("code")).contains("AUTHENTICATION_FAILED");
        assertThat(said.out() + said.err()).contains(refusal);
        assertThat(dryRun.out() + dryRun.err() + said.out() + said.err()).doesNotContain(GLOBEX_PASSWORD, ACME_PASSWORD);
    }
    @Test
    void deploy_resume_baseline_and_backup_say_whose_login_to_fix_for_a_tenant_whose_role_may_not_log_in() throws Exception {
        String[] remedy = {"The tenant logs in with a login of its own",
                "`flotilla tenants set-credentials globex --user USER --password-env VAR`"};
        fleet.sql("ALTER ROLE " + role("globex") + " NOLOGIN");
        CliRun deploy = flotilla(passwords, "deploy", "--all", "--yes");
        // acme refused as the canary leaves globex skipped, then refused itself when the deployment is resumed.
        fleet.sql("ALTER ROLE " + role("globex") + " LOGIN");
        fleet.sql("ALTER ROLE " + role("acme") + " NOLOGIN");
        CliRun canary = flotilla(passwords, "deploy", "--all", "--canary", "acme", "--yes", "--json");
        String deployment = canary.json().at("/data/deployment").asText();
        fleet.sql("ALTER ROLE " + role("acme") + " LOGIN");
        fleet.sql("ALTER ROLE " + role("globex") + " NOLOGIN");
        CliRun resume = flotilla(passwords, "deploy", "--resume", deployment, "--continue-on-error", "--yes");
        CliRun baseline = flotilla(passwords, "baseline", "--version", "1", "--tenants", "globex");
        CliRun backup = flotilla(passwords, "backup", "--tenants", "globex");

        for (CliRun run : List.of(deploy, resume, baseline, backup)) {
            assertThat(run.exitCode()).as(run.out() + run.err()).isNotZero();
            assertThat(run.out() + run.err()).contains("Authentication failed for user '" + role("globex") + "'", "GLOBEX_DB_PASSWORD")
                    .contains(remedy).doesNotContain(GLOBEX_PASSWORD, ACME_PASSWORD);
        }
        assertThat(canary.out()).as(canary.out() + canary.err()).contains(
                "`flotilla tenants set-credentials acme --user USER --password-env VAR`");
    }

    @Test
    void a_refused_logins_task_log_says_whose_login_to_fix_as_the_deploy_does() throws Exception {
        fleet.sql("ALTER ROLE " + role("globex") + " NOLOGIN");
        CliRun deploy = flotilla(passwords, "deploy", "--all", "--continue-on-error", "--yes", "--json");
        String deployment = deploy.json().at("/data/deployment").asText();

        CliRun shown = flotilla(Map.of(), "deployments", "show", deployment, "--log");
        com.fasterxml.jackson.databind.JsonNode tasks = flotilla(Map.of(), "deployments", "show", deployment, "--json").json()
                .at("/data/tasks");

        String log = java.util.stream.StreamSupport.stream(tasks.spliterator(), false)
                .filter(t -> t.toString().contains("globex")).findFirst().orElseThrow().get("log").asText();
        assertThat(log).as(tasks.toString()).contains("error: ", "Authentication failed for user '" + role("globex") + "'",
                "The tenant logs in with a login of its own", "`flotilla tenants set-credentials globex --user USER --password-env VAR`");
        assertThat(shown.out()).contains("`flotilla tenants set-credentials globex --user USER --password-env VAR`");
        assertThat(log + shown.out()).doesNotContain(GLOBEX_PASSWORD, ACME_PASSWORD);
    }
}
